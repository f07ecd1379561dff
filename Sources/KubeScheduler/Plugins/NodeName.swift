import KubeAPI

/// Filter plugin honouring `spec.nodeName` set at creation, as Kubernetes' `NodeName` plugin
/// (pkg/scheduler/framework/plugins/nodename).
///
/// A pod without `spec.nodeName` (or with an empty one) fits every node; otherwise only the node
/// of that name. A rejection is `unschedulableAndUnresolvable` with the reason
/// `node(s) didn't match the requested node name`.
public struct NodeName: FilterPlugin {
    /// The plugin's registered name, `NodeName`.
    public static let pluginName = "NodeName"
    /// The Filter failure reason (Kubernetes' `nodename.ErrReason`).
    public static let errReason = "node(s) didn't match the requested node name"

    private static let failure = PluginStatus.unresolvable(errReason)

    /// The plugin's name, `NodeName`.
    public var name: String { Self.pluginName }

    /// Creates the plugin; it has no configuration.
    public init() {}

    /// `.success` when `pod` names no node or names `node`; otherwise
    /// `unschedulableAndUnresolvable` with `node(s) didn't match the requested node name`.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        guard let wanted = pod.pod.spec?.nodeName, !wanted.isEmpty, wanted != node.name else { return .success }
        return Self.failure
    }
}
