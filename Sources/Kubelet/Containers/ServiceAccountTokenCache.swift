import Foundation
import Synchronization

/// A `ConfigSource` that keeps the service account tokens `source` issues and asks for a new one
/// only when Kubernetes' kubelet would (its token manager): once less than 20% of the token's
/// lifetime is left, or once it is 24 hours old. Pods' projected token files are rewritten each
/// time their volumes are refreshed, so they always hold a token with at least a fifth of its
/// life ahead. ConfigMaps and Secrets pass through unchanged.
///
/// Tokens are kept per request (pod, service account, audiences, lifetime); tokens past their
/// expiry are dropped whenever a token is stored, so those of deleted pods go within a lifetime.
public final class ServiceAccountTokenCache: ConfigSource {
    /// A token older than this is replaced whatever its expiry (the kubelet's `maxTTL`).
    public static let maximumAge: TimeInterval = 24 * 3600
    private let source: any ConfigSource
    private let now: @Sendable () -> Date
    private let tokens = Mutex<[ServiceAccountTokenRequest: Kept]>([:])

    private struct Kept {
        var token: ServiceAccountToken
        var issued: Date
    }

    /// Tokens from `source`, judged against `now` (injected by tests).
    public init(source: any ConfigSource, now: @escaping @Sendable () -> Date = Date.init) {
        self.source = source
        self.now = now
    }

    public func configMap(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        try await source.configMap(namespace: namespace, name: name)
    }

    public func secret(namespace: String, name: String) async throws -> [String: [UInt8]]? {
        try await source.secret(namespace: namespace, name: name)
    }

    /// The kept token for `request` while it needs no refresh, else a new one from the source.
    public func serviceAccountToken(_ request: ServiceAccountTokenRequest) async throws -> ServiceAccountToken {
        let asked = now()
        if let kept = tokens.withLock({ $0[request] }), !Self.needsRefresh(kept.token, issued: kept.issued, request: request, at: asked) {
            return kept.token
        }
        let fresh = try await source.serviceAccountToken(request)
        let stored = now()
        tokens.withLock { tokens in
            tokens = tokens.filter { $0.value.token.expiration > stored }
            tokens[request] = Kept(token: fresh, issued: stored)
        }
        return fresh
    }

    /// How many tokens are kept (for tests and metrics).
    public var count: Int { tokens.withLock { $0.count } }

    /// Whether `token`, got at `issued` for `request`, should be replaced at `date`: 80% of its
    /// requested lifetime has passed, or it is older than `maximumAge`.
    static func needsRefresh(_ token: ServiceAccountToken, issued: Date, request: ServiceAccountTokenRequest, at date: Date) -> Bool {
        if date >= issued.addingTimeInterval(maximumAge) { return true }
        let lifetime = TimeInterval(request.expirationSeconds)
        return date >= token.expiration.addingTimeInterval(-lifetime * 0.2)
    }
}
