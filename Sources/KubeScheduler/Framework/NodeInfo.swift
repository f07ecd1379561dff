import CSkiffPrefetch
import KubeAPI

/// One node and the pods placed on it (bound or assumed), with the running totals plugins need.
/// Owned by the scheduler cache and changed only between scheduling cycles.
public final class NodeInfo {
    // Swift lays out a class's stored properties in the order declared (what it does, not what
    // the language promises; another layout would cost speed only): what the filters and scores
    // read on every visited node comes first, in the object's first cache lines
    // (`prefetchLines`); the node object itself, over a kilobyte, comes last.

    /// The node's name.
    public let name: String
    /// `status.allocatable` (`status.capacity` when allocatable is absent). As in Kubernetes, a
    /// node that reports no `pods` allocatable takes no pods.
    public private(set) var allocatable: ResourceAmounts
    /// Sum of the requests of the pods here.
    public private(set) var requested = ResourceAmounts()
    /// Sum of the non-zero (scoring) requests of the pods here.
    public private(set) var nonZeroRequested = ResourceAmounts()
    /// The node's taints.
    public private(set) var taints: [Taint]
    /// `spec.unschedulable` (the node is cordoned).
    public private(set) var unschedulable: Bool
    /// Bumped on every change; lets callers cache derived values.
    public private(set) var generation: Int = 0
    /// The node's position in its snapshot's `nodes`; -1 outside a snapshot.
    public internal(set) var snapshotIndex = -1
    /// The node's labels.
    public private(set) var labels: [String: String]
    /// The pods here, by key.
    public private(set) var pods: [String: PodInfo] = [:]
    /// Host ports in use.
    public private(set) var usedPorts: [HostPort] = []
    /// How many pods here (not terminating) carry each label, by `LabelIndexKey` (namespace, key
    /// and value); lets plugins skip nodes where no pod can match a selector.
    public private(set) var labelCounts: [LabelIndexKey: Int] = [:]
    /// The cluster-wide counts of the snapshot holding this node, kept in step with its pods;
    /// nil for a node outside a snapshot (a preemption what-if copy).
    var tally: AffinityTally?
    /// The node.
    public private(set) var node: Node

    /// A node with no pods.
    public init(_ node: Node) {
        self.node = node
        name = node.metadata.name ?? ""
        labels = node.metadata.labels ?? [:]
        taints = node.spec?.taints ?? []
        unschedulable = node.spec?.unschedulable == true
        allocatable = Self.allocatable(of: node)
    }

    /// Replaces the node object, keeping its pods.
    public func update(_ node: Node) {
        self.node = node
        labels = node.metadata.labels ?? [:]
        taints = node.spec?.taints ?? []
        unschedulable = node.spec?.unschedulable == true
        allocatable = Self.allocatable(of: node)
        generation += 1
    }

    /// Adds a pod (replacing one with the same key).
    public func add(_ pod: PodInfo) {
        if pods[pod.key] != nil { remove(key: pod.key) }
        pods[pod.key] = pod
        requested.add(pod.requests)
        requested.pods += 1
        nonZeroRequested.add(pod.nonZeroRequests)
        usedPorts.append(contentsOf: pod.hostPorts)
        if pod.pod.metadata.deletionTimestamp == nil {
            for (key, value) in pod.labels { labelCounts[LabelIndexKey(pod.namespace, key, value), default: 0] += 1 }
        }
        tally?.count(pod, 1, on: name)
        generation += 1
    }

    /// Removes the pod with `key`; returns it, or nil when it was not here.
    @discardableResult
    public func remove(key: String) -> PodInfo? {
        guard let pod = pods.removeValue(forKey: key) else { return nil }
        requested.subtract(pod.requests)
        requested.pods -= 1
        nonZeroRequested.subtract(pod.nonZeroRequests)
        for port in pod.hostPorts {
            if let i = usedPorts.firstIndex(of: port) { usedPorts.remove(at: i) }
        }
        if pod.pod.metadata.deletionTimestamp == nil {
            for (key, value) in pod.labels {
                let k = LabelIndexKey(pod.namespace, key, value)
                let n = (labelCounts[k] ?? 0) - 1
                labelCounts[k] = n > 0 ? n : nil
            }
        }
        tally?.count(pod, -1, on: name)
        generation += 1
        return pod
    }

    /// A copy with the same node and pods, for what-if evaluation (preemption).
    public func clone() -> NodeInfo {
        let copy = NodeInfo(node)
        for pod in pods.values { copy.add(pod) }
        return copy
    }

    private static func allocatable(of node: Node) -> ResourceAmounts {
        ResourceAmounts(node.status?.allocatable ?? node.status?.capacity)
    }
}

extension NodeInfo {
    /// The cache lines at the start of a node's object, where the fields the filters and scores
    /// read on every node are (the header and `name` through `generation`: about 190 bytes).
    static let prefetchLines: Int32 = 4

    /// Asks the processor to start loading `node`'s object into its caches (a hint: nothing is
    /// read or retained).
    @inline(__always)
    static func prefetch(_ node: Unmanaged<NodeInfo>) {
        skiff_prefetch_lines(node.toOpaque(), prefetchLines)
    }
}
