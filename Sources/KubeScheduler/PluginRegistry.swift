/// The plugins Skiff's scheduler knows, by name, and Kubernetes' default profile.
public enum PluginRegistry {
    /// The default profile's plugins in Kubernetes' order of evaluation.
    public static func defaultPlugins() -> [any SchedulerPlugin] {
        [
            NodeUnschedulable(), NodeName(), TaintToleration(), NodeAffinity(), NodePorts(), NodeResourcesFit(),
            PodTopologySpread(), InterPodAffinity(), NodeResourcesBalancedAllocation(),
        ]
    }

    /// Score weights of the default profile (Kubernetes' defaults).
    public static let defaultWeights: [String: Int64] = [
        "TaintToleration": 3, "NodeAffinity": 2, "PodTopologySpread": 2, "InterPodAffinity": 2,
        "NodeResourcesFit": 1, "NodeResourcesBalancedAllocation": 1,
    ]
}
