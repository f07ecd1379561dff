import Foundation
import KubeAPI

/// Authenticates bootstrap tokens, as kube-apiserver's `--enable-bootstrap-token-auth`: a
/// bearer token `<id>.<secret>` whose Secret `kube-system/bootstrap-token-<id>` (type
/// `bootstrap.kubernetes.io/token`, read from the watch cache) holds the same secret, allows
/// authentication, has not expired and is not being deleted, is the user
/// `system:bootstrap:<id>` in `system:bootstrappers` and the token's `auth-extra-groups`. A
/// token of another form is left to the next authenticator; one of this form that does not check
/// out authenticates no one (401 when nothing else knows it).
public struct BootstrapTokenAuthenticator: Authenticator {
    /// Reads a Secret by namespace and name (the watch cache in the server).
    public let secrets: @Sendable (String, String) async -> JSONValue?
    /// The current time (injected, so that tests can expire tokens).
    public let now: @Sendable () -> Date

    /// An authenticator looking Secrets up with `secrets`, at the time `now` gives.
    public init(secrets: @escaping @Sendable (String, String) async -> JSONValue?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.secrets = secrets
        self.now = now
    }

    /// The bootstrap user of a valid bootstrap bearer token; nil otherwise.
    public func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let text = request.bearerToken, let (id, secret) = BootstrapToken.parse(text) else { return nil }
        guard let object = await secrets(BootstrapToken.namespace, BootstrapToken.secretPrefix + id),
            object["metadata"]?["deletionTimestamp"] == nil, let token = BootstrapToken(secret: object)
        else { return nil }
        guard Self.constantTimeEqual(token.secret, secret), token.id == id, token.usableForAuthentication else { return nil }
        if let expiration = token.expiration, now() >= expiration { return nil }
        var groups = [BootstrapToken.group]
        for group in token.extraGroups {
            // A Secret naming a group outside system:bootstrappers:* authenticates no one.
            guard BootstrapToken.isValidExtraGroup(group) else { return nil }
            if !groups.contains(group) { groups.append(group) }
        }
        return UserInfo(username: BootstrapToken.userPrefix + id, groups: groups)
    }

    /// Compares two strings in time that depends on their lengths only.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

extension BootstrapTokenAuthenticator {
    /// An authenticator reading Secrets from `registry`'s watch cache, or from the store when the
    /// cache has not seen them yet.
    init(registry: Registry, now: @escaping @Sendable () -> Date) {
        self.init(
            secrets: { namespace, name in
                try? await registry.cachedOrStored(.secrets, namespace: namespace, name: name)
            }, now: now)
    }
}
