import Foundation
import KubeAPI
import Synchronization

/// The RBAC policy the API server holds: Roles, ClusterRoles and their bindings read from the
/// server's own watch caches, indexed again only when one of those caches has changed.
final class RBACPolicy: Sendable {
    private let roles: WatchCache
    private let clusterRoles: WatchCache
    private let roleBindings: WatchCache
    private let clusterRoleBindings: WatchCache
    private let current = Mutex<(marker: [Int], snapshot: RBACSnapshot)?>(nil)
    private let caches: CacheSet
    /// Whether the caches have once caught up with the store (the bootstrap policy is written
    /// before they follow it).
    private let primed = Mutex(false)

    /// The policy over `caches`; nil when the RBAC resources are not served.
    init?(caches: CacheSet) {
        func cache(_ resource: String) -> WatchCache? {
            guard let r = ResourceCatalog.lookup(group: "rbac.authorization.k8s.io", version: "v1", resource: resource)
            else { return nil }
            return caches.cache(for: r)
        }
        guard let roles = cache("roles"), let clusterRoles = cache("clusterroles"),
            let roleBindings = cache("rolebindings"), let clusterRoleBindings = cache("clusterrolebindings")
        else { return nil }
        self.roles = roles
        self.clusterRoles = clusterRoles
        self.roleBindings = roleBindings
        self.clusterRoleBindings = clusterRoleBindings
        self.caches = caches
    }

    /// The policy, after waiting (once) for the caches to hold every write made before the
    /// first decision, such as the bootstrap roles.
    func snapshot() async -> RBACSnapshot {
        if !primed.withLock({ $0 }) {
            try? await caches.waitUntilFresh()
            primed.withLock { $0 = true }
        }
        return latest
    }

    /// The policy as the caches hold it now.
    var latest: RBACSnapshot {
        let marker = [roles, clusterRoles, roleBindings, clusterRoleBindings].map(\.changeCount)
        if let held = current.withLock({ $0 }), held.marker == marker { return held.snapshot }
        let built = RBACSnapshot(
            roles: Self.decode(roles), clusterRoles: Self.decode(clusterRoles), roleBindings: Self.decode(roleBindings),
            clusterRoleBindings: Self.decode(clusterRoleBindings))
        current.withLock { $0 = (marker, built) }
        return built
    }

    /// The typed views of every object in `cache` (objects that do not decode are skipped).
    private static func decode<T: Decodable>(_ cache: WatchCache) -> [T] {
        let decoder = JSONDecoder()
        return cache.list(.everything).objects.compactMap { try? decoder.decode(T.self, from: Data($0.bytes)) }
    }
}

/// Kubernetes' RBAC authorizer: a request is allowed when a rule of a role bound to the user
/// (by name, group, or service account) matches it; otherwise it has no opinion.
///
/// Reads the API server's own caches: `APIServer.start` attaches the authorizers found in its
/// configuration (directly or inside an `AuthorizerChain`). Until attached it has no opinion.
public final class RBACAuthorizer: Authorizer {
    private let policy = Mutex<RBACPolicy?>(nil)

    /// An authorizer that decides once the API server attaches its caches.
    public init() {}

    /// Reads roles and bindings from `policy` from now on.
    func attach(_ policy: RBACPolicy) {
        self.policy.withLock { $0 = policy }
    }

    public func authorize(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision {
        guard let policy = policy.withLock({ $0 }) else { return .noOpinion(reason: "RBAC: no policy loaded") }
        return await policy.snapshot().authorize(attributes)
    }

    /// Attaches `policy` to every RBACAuthorizer in `authorizer` (itself or inside chains).
    static func attach(_ policy: RBACPolicy, to authorizer: any Authorizer) {
        if let rbac = authorizer as? RBACAuthorizer { rbac.attach(policy) }
        if let chain = authorizer as? AuthorizerChain {
            for a in chain.authorizers { attach(policy, to: a) }
        }
    }
}

/// Allows every request of a member of the given groups (`system:masters`), as the API server's
/// privileged-groups authorizer does ahead of RBAC.
public struct PrivilegedGroupsAuthorizer: Authorizer {
    /// The groups whose members may do anything.
    public var groups: Set<String>

    /// An authorizer for members of `groups`.
    public init(_ groups: Set<String> = ["system:masters"]) {
        self.groups = groups
    }

    public func authorize(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision {
        attributes.user.groups.contains(where: groups.contains) ? .allow : .noOpinion(reason: "")
    }
}
