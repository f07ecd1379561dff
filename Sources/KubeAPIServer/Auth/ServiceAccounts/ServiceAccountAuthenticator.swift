import KubeAPI

/// Authenticates service account tokens this server issued, as kube-apiserver does: the
/// signature, expiry and audience must check out, and the service account (and the pod a
/// token is bound to) must still exist with the uid the token names.
struct ServiceAccountAuthenticator: Authenticator {
    let tokens: ServiceAccountTokens
    let registry: Registry

    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let token = request.bearerToken, let claims = try tokens.verify(token) else { return nil }
        return try await user(claims)
    }

    /// The user of valid `claims`; 401 when what they name is gone or was replaced.
    func user(_ claims: ServiceAccountTokens.Claims) async throws(APIError) -> UserInfo {
        switch try await resolve(claims) {
        case .success(let user): return user
        case .failure: throw APIError.unauthorized
        }
    }

    /// Why valid claims name no live user, in kube-apiserver's words.
    struct Invalidated: Error {
        let reason: String
    }

    /// The user of valid `claims`, or why the service account (or the pod the token is bound to)
    /// no longer backs them; throws only when the store cannot be read.
    func resolve(_ claims: ServiceAccountTokens.Claims) async throws(APIError) -> Result<UserInfo, Invalidated> {
        let invalidated = Invalidated(reason: "service account token has been invalidated")
        guard let account = try await registry.cachedOrStored(.serviceAccounts, namespace: claims.namespace, name: claims.account.name),
            account["metadata"]?["deletionTimestamp"] == nil
        else { return .failure(invalidated) }
        guard account.uid == claims.account.uid else {
            return .failure(Invalidated(reason: "service account UID (\(account.uid)) does not match claim (\(claims.account.uid))"))
        }
        var extra: [String: [String]] = [:]
        if let pod = claims.pod {
            guard let object = try await registry.cachedOrStored(.pods, namespace: claims.namespace, name: pod.name), object["metadata"]?["deletionTimestamp"] == nil
            else { return .failure(invalidated) }
            guard object.uid == pod.uid else {
                return .failure(Invalidated(reason: "pod UID (\(object.uid)) does not match claim (\(pod.uid))"))
            }
            extra["authentication.kubernetes.io/pod-name"] = [pod.name]
            extra["authentication.kubernetes.io/pod-uid"] = [pod.uid]
        }
        if let node = claims.node {
            extra["authentication.kubernetes.io/node-name"] = [node.name]
            extra["authentication.kubernetes.io/node-uid"] = [node.uid]
        }
        if !claims.id.isEmpty { extra["authentication.kubernetes.io/credential-id"] = ["JTI=\(claims.id)"] }
        return .success(
            UserInfo(
                username: "system:serviceaccount:\(claims.namespace):\(claims.account.name)", uid: claims.account.uid,
                groups: ["system:serviceaccounts", "system:serviceaccounts:\(claims.namespace)", "system:authenticated"],
                extra: extra))
    }
}
