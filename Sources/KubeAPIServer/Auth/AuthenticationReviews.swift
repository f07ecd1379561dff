import HTTPTypes
import KubeAPI

/// authentication.k8s.io/v1 reviews: SelfSubjectReview (`kubectl auth whoami`) and TokenReview
/// (how kubelets and other delegating servers check a bearer token). Each is created, answered
/// in `status` and never stored; `review(_:_:)` routes them here.
extension APIHandler {
    /// The `status` of a SelfSubjectReview: the requester's own `UserInfo`.
    static func selfSubjectReviewStatus(_ user: UserInfo) -> JSONValue {
        ["userInfo": userInfo(user)]
    }

    /// `UserInfo` as Kubernetes serializes it: empty fields left out.
    static func userInfo(_ user: UserInfo) -> JSONValue {
        var info = JSONObject()
        if !user.username.isEmpty { info["username"] = .string(user.username) }
        if !user.uid.isEmpty { info["uid"] = .string(user.uid) }
        if !user.groups.isEmpty { info["groups"] = .array(user.groups.map { .string($0) }) }
        if !user.extra.isEmpty {
            var extra = JSONObject()
            for (key, values) in user.extra.sorted(by: { $0.key < $1.key }) { extra[key] = .array(values.map { .string($0) }) }
            info["extra"] = .object(extra)
        }
        return .object(info)
    }

    /// The `status` of a TokenReview of `spec`: runs the server's token authenticators
    /// (service account tokens, then the configured chain without client certificates) on
    /// `spec.token` for `spec.audiences` (the API audiences when empty), as kube-apiserver's
    /// tokenreview REST does. 400 when the token is empty.
    func tokenReviewStatus(_ spec: JSONObject) async throws(APIError) -> JSONValue {
        guard let token = spec["token"]?.stringValue, !token.isEmpty else {
            throw APIError.badRequest("token is required for TokenReview in authentication")
        }
        let requested = spec["audiences"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let outcome = try await reviewToken(token, audiences: requested)
        var status = JSONObject()
        if outcome.user != nil { status["authenticated"] = .bool(true) }
        status["user"] = outcome.user.map(Self.userInfo) ?? .object(JSONObject())
        if outcome.user != nil, !outcome.audiences.isEmpty {
            status["audiences"] = .array(outcome.audiences.map { .string($0) })
        }
        if let error = outcome.error { status["error"] = .string(error) }
        return .object(status)
    }

    /// What a token review found: the user and the audiences the token is good for, or an error.
    struct TokenReviewOutcome: Sendable {
        var user: UserInfo?
        var audiences: [String] = []
        var error: String?
    }

    /// Authenticates `token` for `audiences` (the API audiences when empty).
    func reviewToken(_ token: String, audiences requested: [String]) async throws(APIError) -> TokenReviewOutcome {
        let apiAudiences = serviceAccountTokens?.apiAudiences ?? [ServiceAccountTokens.defaultIssuer]
        let audiences = requested.isEmpty ? apiAudiences : requested
        if let tokens = serviceAccountTokens {
            switch tokens.check(token, audiences: audiences) {
            case .notOurs: break
            case .invalid(let reason): return TokenReviewOutcome(error: Self.invalidBearerToken(reason))
            case .valid(let claims):
                switch try await ServiceAccountAuthenticator(tokens: tokens, registry: registry).resolve(claims) {
                case .success(let user):
                    return TokenReviewOutcome(user: user, audiences: claims.audiences.filter(audiences.contains))
                case .failure(let invalidated):
                    return TokenReviewOutcome(error: Self.invalidBearerToken(invalidated.reason))
                }
            }
        }
        // Other tokens (the static token file) know no audiences: they are good for the API
        // audiences only, as kube-apiserver's audience-agnostic wrapper decides.
        let granted = apiAudiences.filter(audiences.contains)
        guard let authenticator, !granted.isEmpty else { return TokenReviewOutcome(error: Self.invalidBearerToken(nil)) }
        let request = AuthenticationRequest(path: "", headers: [.authorization: "Bearer \(token)"])
        do {
            guard let user = try await authenticator.authenticate(request), user != .anonymous else {
                return TokenReviewOutcome(error: Self.invalidBearerToken(nil))
            }
            return TokenReviewOutcome(user: user.authenticated(), audiences: granted)
        } catch {
            return TokenReviewOutcome(error: Self.invalidBearerToken(nil))
        }
    }

    /// kube-apiserver's error for a refused bearer token: `invalid bearer token`, followed by
    /// the authenticator's reason when it gave one (`[invalid bearer token, reason]`).
    static func invalidBearerToken(_ reason: String?) -> String {
        guard let reason else { return "invalid bearer token" }
        return "[invalid bearer token, \(reason)]"
    }
}
