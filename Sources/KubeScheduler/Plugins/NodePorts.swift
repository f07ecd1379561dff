import KubeAPI

/// Host port conflicts, as Kubernetes' `NodePorts` plugin
/// (pkg/scheduler/framework/plugins/nodeports).
///
/// - PreFilter stores the pod's host ports (`PodInfo.hostPorts`) in the `CycleState`, or returns
///   `.skip` when the pod asks for none (its Filter then does not run).
/// - Filter rejects a node where any wanted host port conflicts (`HostPort.conflicts(with:)`:
///   same protocol and port, and the same IP or either is `0.0.0.0`) with a port in use there,
///   with `unschedulable` (evicting the pod holding the port can help) and the reason
///   `node(s) didn't have free ports for the requested pod ports`.
public struct NodePorts: PreFilterPlugin, FilterPlugin {
    /// The plugin's registered name, `NodePorts`.
    public static let pluginName = "NodePorts"
    /// The Filter failure reason (Kubernetes' `nodeports.ErrReason`).
    public static let errReason = "node(s) didn't have free ports for the requested pod ports"
    /// The `CycleState` key of the wanted host ports (`[HostPort]`).
    public static let preFilterStateKey = CycleStateKey("PreFilter" + pluginName)

    private static let failure = PluginStatus.unschedulable(errReason)

    /// The plugin's name, `NodePorts`.
    public var name: String { Self.pluginName }

    /// Creates the plugin; it has no configuration.
    public init() {}

    /// Stores the pod's host ports; `.skip` when it has none.
    public func preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot) -> PluginStatus {
        if pod.hostPorts.isEmpty { return .skip }
        state.write(Self.preFilterStateKey, pod.hostPorts)
        return .success
    }

    /// `.success` when none of the pod's host ports conflicts with one in use on `node`;
    /// otherwise `unschedulable` with `node(s) didn't have free ports for the requested pod ports`.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        let used = node.usedPorts
        if used.isEmpty { return .success }
        let wanted = state.read(Self.preFilterStateKey, as: [HostPort].self) ?? pod.hostPorts
        for port in wanted where used.contains(where: { $0.conflicts(with: port) }) {
            return Self.failure
        }
        return .success
    }
}
