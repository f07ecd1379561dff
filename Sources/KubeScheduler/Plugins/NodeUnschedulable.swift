import KubeAPI

/// Filter plugin rejecting cordoned nodes (`spec.unschedulable: true`), as Kubernetes'
/// `NodeUnschedulable` plugin (pkg/scheduler/framework/plugins/nodeunschedulable).
///
/// A pod that tolerates the taint `node.kubernetes.io/unschedulable:NoSchedule` may still go to a
/// cordoned node (DaemonSet pods carry that toleration). A rejection is
/// `unschedulableAndUnresolvable` with the reason `node(s) were unschedulable`, because evicting
/// pods cannot uncordon a node.
public struct NodeUnschedulable: FilterPlugin {
    /// The plugin's registered name, `NodeUnschedulable`.
    public static let pluginName = "NodeUnschedulable"
    /// The Filter failure reason (Kubernetes' `ErrReasonUnschedulable`).
    public static let errReasonUnschedulable = "node(s) were unschedulable"
    /// The taint whose toleration lets a pod onto a cordoned node (`v1.TaintNodeUnschedulable`,
    /// effect `NoSchedule`).
    public static let unschedulableTaint = Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")

    private static let failure = PluginStatus.unresolvable(errReasonUnschedulable)

    /// The plugin's name, `NodeUnschedulable`.
    public var name: String { Self.pluginName }

    /// Creates the plugin; it has no configuration.
    public init() {}

    /// `.success` unless `node` is cordoned and `pod` does not tolerate
    /// `node.kubernetes.io/unschedulable:NoSchedule`; then `unschedulableAndUnresolvable` with
    /// `node(s) were unschedulable`.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        guard node.unschedulable else { return .success }
        if let tolerations = pod.pod.spec?.tolerations, tolerations.tolerate(Self.unschedulableTaint) {
            return .success
        }
        return Self.failure
    }
}
