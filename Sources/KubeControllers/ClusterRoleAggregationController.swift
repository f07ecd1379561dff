import Foundation
import KubeAPI
import KubeClient

/// Fills the rules of every ClusterRole that has an aggregationRule with the rules of the
/// ClusterRoles its selectors match, as Kubernetes' ClusterRoleAggregationController does: the
/// matching roles in name order, each rule once, the role itself left out.
public struct ClusterRoleAggregationController: Reconciler {
    /// `clusterrole-aggregation`.
    public let name = "clusterrole-aggregation"
    let client: KubeClient
    let clusterRoles: Informer
    /// ClusterRoles.
    public var informers: [Informer] { [clusterRoles] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) {
        client = context.client
        clusterRoles = context.informers.informer(.clusterRoles)
    }

    /// Any change to any ClusterRole queues every aggregated ClusterRole (its labels may now
    /// match, or stop matching, a selector).
    public func register(queue: WorkQueue<String>) {
        let lister = clusterRoles.lister
        clusterRoles.addHandler { _ in
            let aggregated = lister.list().filter { $0["aggregationRule"].map { !$0.isNull } ?? false }.map(\.name)
            Task { for name in aggregated { await queue.add(name) } }
        }
    }

    /// Writes the aggregated rules of ClusterRole `key` when they differ from its stored rules.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let stored = clusterRoles.lister.get(key), let role = Self.decode(stored), role.aggregationRule != nil else {
            return .done
        }
        let all = clusterRoles.lister.list().compactMap(Self.decode)
        let rules = Self.aggregatedRules(of: role, among: all)
        let current = role.rules ?? []
        if rules.count == current.count, zip(rules, current).allSatisfy({ Self.sameRule($0, $1) }) { return .done }
        var updated = stored
        let encoded = try JSONValue.parse(Array(JSONEncoder().encode(rules)))
        updated["rules"] = encoded
        do {
            _ = try await client.update(.clusterRoles, updated)
        } catch let e as ClientError where e.code == 404 {
            // Deleted meanwhile.
        }
        return .done
    }

    /// The rules `role` aggregates from `all`: for each selector, the matching roles in name
    /// order (the role itself excepted), each rule added once.
    public static func aggregatedRules(of role: ClusterRole, among all: [ClusterRole]) -> [PolicyRule] {
        var rules: [PolicyRule] = []
        let sorted = all.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        for selectorObject in role.aggregationRule?.clusterRoleSelectors ?? [] {
            guard let selector = try? LabelSelector(selectorObject) else { continue }
            for other in sorted where other.metadata.name != role.metadata.name {
                guard selector.matches(other.metadata.labels ?? [:]) else { continue }
                for rule in other.rules ?? [] where !rules.contains(where: { Self.sameRule($0, rule) }) {
                    rules.append(rule)
                }
            }
        }
        return rules
    }

    /// Rules equal but for nil and empty lists (`equality.Semantic`).
    static func sameRule(_ a: PolicyRule, _ b: PolicyRule) -> Bool {
        a.verbs == b.verbs && (a.apiGroups ?? []) == (b.apiGroups ?? []) && (a.resources ?? []) == (b.resources ?? [])
            && (a.resourceNames ?? []) == (b.resourceNames ?? []) && (a.nonResourceURLs ?? []) == (b.nonResourceURLs ?? [])
    }

    private static func decode(_ object: JSONValue) -> ClusterRole? {
        try? JSONValueDecoder().decode(ClusterRole.self, from: object)
    }
}
