import KubeAPI

/// Taints and tolerations, as Kubernetes' `TaintToleration` plugin
/// (pkg/scheduler/framework/plugins/tainttoleration).
///
/// - Filter rejects a node with a `NoSchedule` or `NoExecute` taint the pod does not tolerate
///   (`Toleration.tolerates(_:)`), with `unschedulableAndUnresolvable` and the reason
///   `node(s) had untolerated taint(s)`. Kubernetes names no taint in the reason since v1.35
///   (kubernetes/kubernetes#134740, also in 1.34.x patch releases), so taint keys and values never
///   reach pod statuses and all such nodes count under one reason.
/// - PreScore keeps the tolerations whose effect is empty or `PreferNoSchedule`; Score counts the
///   node's `PreferNoSchedule` taints none of them tolerates, and `normalize` reverses the counts
///   (`Framework.defaultNormalize(reverse: true)`): fewest intolerable taints scores 100.
public struct TaintToleration: FilterPlugin, PreScorePlugin, ScorePlugin {
    /// The plugin's registered name, `TaintToleration`.
    public static let pluginName = "TaintToleration"
    /// The Filter failure reason.
    public static let errReasonUntolerated = "node(s) had untolerated taint(s)"
    /// The `CycleState` key of the pod's `PreferNoSchedule`-relevant tolerations.
    public static let preScoreStateKey = CycleStateKey("PreScore" + pluginName)

    private static let failure = PluginStatus.unresolvable(errReasonUntolerated)

    /// The plugin's name, `TaintToleration`.
    public var name: String { Self.pluginName }

    /// Creates the plugin; it has no configuration.
    public init() {}

    /// The first `NoSchedule`/`NoExecute` taint of `taints`, in order, that none of `tolerations`
    /// tolerates (Kubernetes' `FindMatchingUntoleratedTaint` with `DoNotScheduleTaintsFilterFunc`).
    public static func firstUntoleratedTaint(_ taints: [Taint], tolerations: [Toleration]) -> Taint? {
        for taint in taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !tolerations.tolerate(taint) { return taint }
        }
        return nil
    }

    /// `.success` when the pod tolerates every `NoSchedule` and `NoExecute` taint of `node`;
    /// otherwise `unschedulableAndUnresolvable` with `node(s) had untolerated taint(s)`.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        let taints = node.taints
        if taints.isEmpty { return .success }
        let tolerations = pod.pod.spec?.tolerations ?? []
        return Self.firstUntoleratedTaint(taints, tolerations: tolerations) == nil ? .success : Self.failure
    }

    /// Stores the pod's tolerations with an empty or `PreferNoSchedule` effect for Score.
    public func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus {
        state.write(Self.preScoreStateKey, Self.preferNoScheduleTolerations(pod))
        return .success
    }

    /// The number of `PreferNoSchedule` taints of `node` the pod does not tolerate (lower is better
    /// before normalisation).
    public func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 {
        if node.taints.isEmpty { return 0 }
        let tolerations = state.read(Self.preScoreStateKey, as: [Toleration].self) ?? Self.preferNoScheduleTolerations(pod)
        var count: Int64 = 0
        for taint in node.taints where taint.effect == "PreferNoSchedule" && !tolerations.tolerate(taint) {
            count += 1
        }
        return count
    }

    /// Reverses the counts onto 0...100: a node with the fewest intolerable taints gets 100 (every
    /// node gets 100 when none has any).
    public func normalize(state: CycleState, pod: PodInfo, scores: inout [Int64]) {
        Framework.defaultNormalize(&scores, reverse: true)
    }

    private static func preferNoScheduleTolerations(_ pod: PodInfo) -> [Toleration] {
        (pod.pod.spec?.tolerations ?? []).filter { ($0.effect ?? "").isEmpty || $0.effect == "PreferNoSchedule" }
    }
}
