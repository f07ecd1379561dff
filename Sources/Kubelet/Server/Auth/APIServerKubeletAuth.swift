import Foundation
import KubeAPI
import KubeClient

/// The kubelet's webhook authentication and authorization (`--authentication-token-webhook`,
/// `--authorization-mode=Webhook`): a client certificate of the client CA names the user (CN)
/// and groups (O); a bearer token is checked by creating a TokenReview on the API server; every
/// request is authorized by creating a SubjectAccessReview there. Answers are cached as the
/// kubelet caches them: tokens 2 minutes when valid and 30 seconds when not, access decisions
/// 5 minutes when allowed and 30 seconds when denied.
public struct APIServerKubeletAuth: KubeletAuth {
    /// How long answers are kept.
    public struct CacheTTLs: Sendable {
        public var authenticated: Duration = .seconds(120)
        public var unauthenticated: Duration = .seconds(30)
        public var authorized: Duration = .seconds(300)
        public var unauthorized: Duration = .seconds(30)

        public init() {}
    }

    let client: KubeClient
    let verifyClientCertificate: @Sendable ([UInt8]) -> (user: String, groups: [String])?
    let tokens: AnswerCache<String, UserInfo?>
    let decisions: AnswerCache<KubeletAuthorizationAttributes, Bool>
    let ttls: CacheTTLs

    /// Reviews through `client` (the kubelet's own credentials). `verifyClientCertificate`
    /// returns who a DER client certificate names (CN user, O groups) when the client CA issued
    /// it and it is valid now, else nil. `now` is the clock of the caches.
    public init(
        client: KubeClient, verifyClientCertificate: @escaping @Sendable ([UInt8]) -> (user: String, groups: [String])?,
        ttls: CacheTTLs = CacheTTLs(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.verifyClientCertificate = verifyClientCertificate
        self.ttls = ttls
        tokens = AnswerCache(now: now)
        decisions = AnswerCache(now: now)
    }

    public func authenticate(_ request: KubeletAuthRequest) async -> UserInfo? {
        if let certificate = request.clientCertificate, let identity = verifyClientCertificate(certificate) {
            return UserInfo(username: identity.user, groups: identity.groups).authenticated()
        }
        guard let token = request.bearerToken else { return nil }
        if let cached = await tokens.get(token) { return cached }
        let user: UserInfo?
        do {
            user = try await reviewToken(token)
        } catch {
            return nil
        }
        await tokens.put(token, user, ttl: user == nil ? ttls.unauthenticated : ttls.authenticated)
        return user
    }

    public func authorize(_ attributes: KubeletAuthorizationAttributes) async throws -> Bool {
        // Cached by what the SubjectAccessReview asks, which leaves the path out.
        var key = attributes
        key.path = ""
        if let cached = await decisions.get(key) { return cached }
        let allowed = try await reviewAccess(attributes)
        await decisions.put(key, allowed, ttl: allowed ? ttls.authorized : ttls.unauthorized)
        return allowed
    }

    /// POSTs a TokenReview of `token`; the user when the API server says it is authenticated.
    func reviewToken(_ token: String) async throws -> UserInfo? {
        let review: JSONValue = [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": ["token": .string(token)],
        ]
        let answer = try JSONValue.parse(
            try await client.request(.POST, "/apis/authentication.k8s.io/v1/tokenreviews", body: review.serialized()))
        guard answer["status"]?["authenticated"]?.boolValue == true, let info = answer["status"]?["user"] else { return nil }
        var extra: [String: [String]] = [:]
        for member in info["extra"]?.objectValue?.members ?? [] {
            extra[member.key] = member.value.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return UserInfo(
            username: info["username"]?.stringValue ?? "", uid: info["uid"]?.stringValue ?? "",
            groups: info["groups"]?.arrayValue?.compactMap(\.stringValue) ?? [], extra: extra)
    }

    /// POSTs a SubjectAccessReview of `attributes`; whether the API server allows them.
    func reviewAccess(_ a: KubeletAuthorizationAttributes) async throws -> Bool {
        var resource = JSONObject()
        if !a.verb.isEmpty { resource["verb"] = .string(a.verb) }
        resource["version"] = "v1"
        resource["resource"] = "nodes"
        resource["subresource"] = .string(a.subresource)
        resource["name"] = .string(a.node)
        var spec = JSONObject()
        spec["resourceAttributes"] = .object(resource)
        spec["user"] = .string(a.user.username)
        if !a.user.groups.isEmpty { spec["groups"] = .array(a.user.groups.map { .string($0) }) }
        if !a.user.extra.isEmpty {
            var extra = JSONObject()
            for (key, values) in a.user.extra.sorted(by: { $0.key < $1.key }) { extra[key] = .array(values.map { .string($0) }) }
            spec["extra"] = .object(extra)
        }
        if !a.user.uid.isEmpty { spec["uid"] = .string(a.user.uid) }
        let review: JSONValue = ["apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview", "spec": .object(spec)]
        let answer = try JSONValue.parse(
            try await client.request(.POST, "/apis/authorization.k8s.io/v1/subjectaccessreviews", body: review.serialized()))
        return answer["status"]?["allowed"]?.boolValue == true
    }
}

/// Answers kept until they expire, on an injected clock. Expired answers are dropped when the
/// cache grows past `limit`.
actor AnswerCache<Key: Hashable & Sendable, Value: Sendable> {
    private var entries: [Key: (value: Value, expires: Date)] = [:]
    private let now: @Sendable () -> Date
    private let limit: Int

    init(now: @escaping @Sendable () -> Date, limit: Int = 4096) {
        self.now = now
        self.limit = limit
    }

    /// The answer for `key` if it has not expired.
    func get(_ key: Key) -> Value? {
        guard let entry = entries[key], entry.expires > now() else { return nil }
        return entry.value
    }

    /// Keeps `value` for `ttl`.
    func put(_ key: Key, _ value: Value, ttl: Duration) {
        let current = now()
        if entries.count >= limit { entries = entries.filter { $0.value.expires > current } }
        if entries.count >= limit { entries.removeAll() }
        let seconds = Double(ttl.components.seconds) + Double(ttl.components.attoseconds) / 1e18
        entries[key] = (value, current.addingTimeInterval(seconds))
    }
}
