import KubeAPI

/// The scheduler's picture of where pods run: every node with the pods bound or assumed to it.
/// Assumed pods (chosen but not yet confirmed bound by the API) count like bound ones, so the
/// next cycle sees the placement at once. Used only from the scheduler's serial loop.
public final class SchedulerCache {
    /// Nodes and their pods, read by plugins.
    public let snapshot = Snapshot()
    /// Node name of each placed pod, by pod key.
    private var nodeOfPod: [String: String] = [:]
    /// Keys of pods assumed but not yet seen bound.
    public private(set) var assumed: Set<String> = []
    /// Pods bound to nodes the cache has not seen yet, by node name.
    private var waitingForNode: [String: [String: PodInfo]] = [:]

    /// An empty cache.
    public init() {}

    /// The node a pod is placed on (bound or assumed).
    public func nodeName(ofPod key: String) -> String? { nodeOfPod[key] }

    /// Number of pods placed (bound or assumed).
    public var podCount: Int { nodeOfPod.count }

    /// Adds or updates a node.
    public func upsert(node: Node) {
        let info = snapshot.upsert(node)
        if let waiting = waitingForNode.removeValue(forKey: info.name) {
            for pod in waiting.values { info.add(pod) }
        }
    }

    /// Removes a node; pods still bound to it wait for it to come back.
    public func remove(nodeNamed name: String) {
        guard let info = snapshot.remove(nodeNamed: name) else { return }
        if !info.pods.isEmpty { waitingForNode[name] = info.pods }
    }

    /// Records that `pod` runs on `nodeName` (from the API); confirms it if it was assumed.
    public func place(_ pod: PodInfo, on nodeName: String) {
        if let old = nodeOfPod[pod.key], old != nodeName { removePod(key: pod.key) }
        assumed.remove(pod.key)
        nodeOfPod[pod.key] = nodeName
        if let info = snapshot.node(named: nodeName) {
            info.add(pod)
        } else {
            waitingForNode[nodeName, default: [:]][pod.key] = pod
        }
    }

    /// Places `pod` on `nodeName` before the binding is confirmed.
    public func assume(_ pod: PodInfo, on nodeName: String) {
        place(pod, on: nodeName)
        assumed.insert(pod.key)
    }

    /// Marks an assumed pod as bound, as the API confirmed it.
    public func confirm(key: String) { assumed.remove(key) }

    /// Undoes `assume` after a failed binding; a pod that was confirmed meanwhile stays.
    public func forget(key: String) {
        guard assumed.contains(key) else { return }
        removePod(key: key)
    }

    /// Removes a pod wherever it is placed.
    public func removePod(key: String) {
        assumed.remove(key)
        guard let nodeName = nodeOfPod.removeValue(forKey: key) else { return }
        if let info = snapshot.node(named: nodeName) {
            info.remove(key: key)
        } else {
            waitingForNode[nodeName]?[key] = nil
        }
    }
}
