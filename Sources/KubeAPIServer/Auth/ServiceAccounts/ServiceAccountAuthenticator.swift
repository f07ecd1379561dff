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
        guard let account = try await live(.serviceAccounts, claims.namespace, claims.account.name),
            account.uid == claims.account.uid
        else { throw APIError.unauthorized }
        var extra: [String: [String]] = [:]
        if let pod = claims.pod {
            guard let object = try await live(.pods, claims.namespace, pod.name), object.uid == pod.uid,
                object["metadata"]?["deletionTimestamp"] == nil
            else { throw APIError.unauthorized }
            extra["authentication.kubernetes.io/pod-name"] = [pod.name]
            extra["authentication.kubernetes.io/pod-uid"] = [pod.uid]
        }
        if let node = claims.node {
            extra["authentication.kubernetes.io/node-name"] = [node.name]
            extra["authentication.kubernetes.io/node-uid"] = [node.uid]
        }
        if !claims.id.isEmpty { extra["authentication.kubernetes.io/credential-id"] = ["JTI=\(claims.id)"] }
        return UserInfo(
            username: "system:serviceaccount:\(claims.namespace):\(claims.account.name)", uid: claims.account.uid,
            groups: ["system:serviceaccounts", "system:serviceaccounts:\(claims.namespace)", "system:authenticated"],
            extra: extra)
    }

    /// The object from the watch cache, or from the store when the cache has not seen it yet.
    private func live(_ r: ResourceInfo, _ namespace: String, _ name: String) async throws(APIError) -> JSONValue? {
        if let cached = try registry.cache(r).get(r.storageKey(namespace: namespace, name: name)) { return try cached.parsed() }
        do {
            return try await registry.current(r, namespace: namespace, name: name).0
        } catch let e where e.code == 404 {
            return nil
        }
    }
}
