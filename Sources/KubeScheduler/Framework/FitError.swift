/// No node fits a pod: the per-node reasons, and the message Kubernetes writes for it
/// ("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint ...").
public struct FitError: Error, Sendable {
    /// The pod that did not fit.
    public let podKey: String
    /// How many nodes the cluster has.
    public let numAllNodes: Int
    /// The PreFilter failure, when the pod was rejected before filtering.
    public let preFilterStatus: PluginStatus?
    /// The Filter failure of each node that was evaluated.
    public let nodeStatuses: [String: PluginStatus]
    /// What preemption said, appended to the message (e.g. `preemption: 0/3 nodes are available: ...`).
    public var postFilterMessage: String = ""

    /// Creates a fit error.
    public init(pod: PodInfo, numAllNodes: Int, preFilterStatus: PluginStatus?, nodeStatuses: [String: PluginStatus]) {
        podKey = pod.key
        self.numAllNodes = numAllNodes
        self.preFilterStatus = preFilterStatus
        self.nodeStatuses = nodeStatuses
    }

    /// The reasons with the number of nodes giving each, sorted as text (`1 Insufficient cpu`).
    public var reasonHistogram: [String] {
        var counts: [String: Int] = [:]
        for status in nodeStatuses.values {
            for reason in status.reasons { counts[reason, default: 0] += 1 }
        }
        return counts.map { "\($0.value) \($0.key)" }.sorted()
    }

    /// Kubernetes' FailedScheduling message.
    public var message: String {
        if numAllNodes == 0 { return "no nodes available to schedule pods" }
        var text = "0/\(numAllNodes) nodes are available:"
        if let preFilterStatus, !preFilterStatus.reasons.isEmpty {
            text += " \(preFilterStatus.reasons.joined(separator: ", "))."
        } else {
            let histogram = reasonHistogram
            if !histogram.isEmpty { text += " \(histogram.joined(separator: ", "))." }
        }
        if !postFilterMessage.isEmpty { text += " \(postFilterMessage)" }
        return text
    }

    /// Whether every failure was unresolvable, so preemption cannot help anywhere.
    public var preemptionCannotHelp: Bool {
        if let preFilterStatus { return preFilterStatus.code == .unschedulableAndUnresolvable }
        return nodeStatuses.values.allSatisfy { $0.code == .unschedulableAndUnresolvable }
    }
}
