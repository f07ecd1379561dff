import KubeAPI

/// Favors nodes whose CPU and memory use would become more balanced with the pod, as Kubernetes'
/// `NodeResourcesBalancedAllocation` plugin (pkg/scheduler/framework/plugins/noderesources,
/// balanced_allocation.go and resource_allocation.go) with its default resources `cpu` and
/// `memory`.
///
/// It uses the pods' actual requests (`NodeInfo.requested`, `PodInfo.requests`), not the
/// non-zero scoring defaults (`useRequested: true` in Kubernetes).
///
/// - PreScore returns `.skip` for a pod that requests neither CPU nor memory (best-effort), so
///   such pods are not all steered to one node (kubernetes/kubernetes#129138).
/// - Score: for each resource with non-zero allocatable, the fraction requested / allocatable
///   (capped at 1); the balance of a set of fractions is `Int64((1 - std) * 100)`, where std is
///   `|f1 - f2| / 2` for two fractions, the population standard deviation for more, 0 for fewer.
///   Since Kubernetes v1.36 (kubernetes/kubernetes#135573) the score rewards the change in balance:
///   `50 + (50 + balance(with pod) - balance(without pod)) / 2` in integer arithmetic, so no
///   change scores 75, balanced to fully unbalanced 50, fully unbalanced to balanced 100.
///   No normalisation.
public struct NodeResourcesBalancedAllocation: PreScorePlugin, ScorePlugin {
    /// The plugin's registered name, `NodeResourcesBalancedAllocation`.
    public static let pluginName = "NodeResourcesBalancedAllocation"
    /// The resources balanced (Kubernetes' default).
    public static let resources = ["cpu", "memory"]

    /// The plugin's name, `NodeResourcesBalancedAllocation`.
    public var name: String { Self.pluginName }

    /// Creates the plugin with Kubernetes' default arguments.
    public init() {}

    /// `.skip` when the pod requests none of the balanced resources, else `.success`.
    public func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus {
        Self.resources.allSatisfy { pod.requests[$0] == 0 } ? .skip : .success
    }

    /// The balance-change score of `node` for `pod`, 50...100.
    public func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 {
        // The default resources are cpu and memory: computed without arrays, since this runs on
        // every feasible node of every pod.
        let cpu = node.allocatable.milliCPU
        let memory = node.allocatable.memory
        let usedCPU = node.requested.milliCPU
        let usedMemory = node.requested.memory
        return Self.balanceChangeScore(
            withPod: Self.balance(cpu, usedCPU + pod.requests.milliCPU, memory, usedMemory + pod.requests.memory),
            withoutPod: Self.balance(cpu, usedCPU, memory, usedMemory))
    }

    /// `balancedResourceScore` for the two default resources; a resource with no allocatable is left out.
    static func balance(_ cpu: Int64, _ usedCPU: Int64, _ memory: Int64, _ usedMemory: Int64) -> Int64 {
        guard cpu != 0, memory != 0 else { return Framework.maxNodeScore }
        let std = abs(min(Double(usedCPU) / Double(cpu), 1) - min(Double(usedMemory) / Double(memory), 1)) / 2
        return Int64((1 - std) * Double(Framework.maxNodeScore))
    }

    /// The final score from the balance with and without the pod:
    /// `50 + (50 + withPod - withoutPod) / 2` (integer division).
    public static func balanceChangeScore(withPod: Int64, withoutPod: Int64) -> Int64 {
        let half = Framework.maxNodeScore / 2
        return half + (half + withPod - withoutPod) / 2
    }

    /// How balanced the fractions `requested[i] / allocatable[i]` are, 0...100 (100 = equal
    /// fractions): `Int64((1 - std) * 100)`, with Kubernetes' float arithmetic. Entries with zero
    /// allocatable are ignored; fractions are capped at 1.
    public static func balancedResourceScore(requested: [Int64], allocatable: [Int64]) -> Int64 {
        var fractions: [Double] = []
        fractions.reserveCapacity(requested.count)
        var total = 0.0
        for i in requested.indices where allocatable[i] != 0 {
            let fraction = min(Double(requested[i]) / Double(allocatable[i]), 1)
            total += fraction
            fractions.append(fraction)
        }
        var std = 0.0
        if fractions.count == 2 {
            std = abs((fractions[0] - fractions[1]) / 2)
        } else if fractions.count > 2 {
            let mean = total / Double(fractions.count)
            var sum = 0.0
            for f in fractions { sum += (f - mean) * (f - mean) }
            std = (sum / Double(fractions.count)).squareRoot()
        }
        return Int64((1 - std) * Double(Framework.maxNodeScore))
    }
}
