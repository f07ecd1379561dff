/// One registered controller: its name (as `--controllers` spells it), its default worker
/// count, the least time between two syncs of one key, and how to build it.
public struct ControllerRegistration: Sendable {
    public let name: String
    public let workers: Int
    public let minSyncInterval: Duration
    public let build: @Sendable (ControllerContext) -> any Reconciler

    public init(
        _ name: String, workers: Int = 2, minSyncInterval: Duration = .zero,
        build: @escaping @Sendable (ControllerContext) -> any Reconciler
    ) {
        self.name = name
        self.workers = workers
        self.minSyncInterval = minSyncInterval
        self.build = build
    }

    /// Controllers whose keys own many pods sync each key at most this often, so a burst of pod
    /// events costs a few syncs a second instead of one per event.
    public static let ownerSyncInterval: Duration = .milliseconds(100)
}

/// The controllers `skiff controller-manager` knows, by name.
public enum ControllerRegistry {
    /// Every controller, in start order.
    public static let all: [ControllerRegistration] = [
        ControllerRegistration("namespace") { NamespaceController(context: $0) },
        ControllerRegistration("garbage-collector", workers: 4) { GarbageCollector(context: $0) },
        ControllerRegistration("serviceaccount") { ServiceAccountController(context: $0) },
        ControllerRegistration("root-ca-cert-publisher") { RootCACertPublisher(context: $0) },
        ControllerRegistration("csrapproving", workers: 2) { CSRApprovingController(context: $0) },
        ControllerRegistration("csrsigning", workers: 2) { CSRSigningController(context: $0) },
        ControllerRegistration("deployment", workers: 5, minSyncInterval: ControllerRegistration.ownerSyncInterval) { DeploymentController(context: $0) },
        ControllerRegistration("replicaset", workers: 5, minSyncInterval: ControllerRegistration.ownerSyncInterval) { ReplicaSetController(context: $0, kind: .replicaSet) },
        ControllerRegistration("replicationcontroller", workers: 5, minSyncInterval: ControllerRegistration.ownerSyncInterval) { ReplicaSetController(context: $0, kind: .replicationController) },
        ControllerRegistration("node-ipam", workers: 1) { NodeIPAMController(context: $0) },
        ControllerRegistration("node-lifecycle", workers: 2) { NodeLifecycleController(context: $0) },
        ControllerRegistration("taint-eviction-controller", workers: 2) { TaintEvictionController(context: $0) },
        ControllerRegistration("endpoint", workers: 5) { EndpointsController(context: $0) },
        ControllerRegistration("endpointslice", workers: 5) { EndpointSliceController(context: $0) },
        ControllerRegistration("job", workers: 5, minSyncInterval: ControllerRegistration.ownerSyncInterval) { JobController(context: $0) },
        ControllerRegistration("ttl-after-finished", workers: 5) { TTLAfterFinishedController(context: $0) },
        ControllerRegistration("clusterrole-aggregation", workers: 1) { ClusterRoleAggregationController(context: $0) },
        ControllerRegistration("daemonset", workers: 2, minSyncInterval: ControllerRegistration.ownerSyncInterval) { DaemonSetController(context: $0) },
    ]

    /// The controllers `selection` enables, with kube-controller-manager's `--controllers` rules:
    /// `*` enables all, `name` enables one, `-name` disables one (a disable wins).
    /// Throws on a name no controller has.
    public static func enabled(by selection: [String]) throws -> [ControllerRegistration] {
        let known = Set(all.map(\.name))
        for item in selection where item != "*" {
            let name = item.hasPrefix("-") ? String(item.dropFirst()) : item
            guard known.contains(name) else { throw UnknownController(name: name, known: all.map(\.name)) }
        }
        let star = selection.contains("*")
        return all.filter { reg in
            if selection.contains("-\(reg.name)") { return false }
            return star || selection.contains(reg.name)
        }
    }
}

/// A `--controllers` entry naming no controller.
public struct UnknownController: Error, CustomStringConvertible {
    public let name: String
    public let known: [String]
    public var description: String { "unknown controller \"\(name)\"; known: \(known.joined(separator: ", "))" }
}
