import KubeAPI

/// Resource fit and the `LeastAllocated` score, as Kubernetes' `NodeResourcesFit` plugin
/// (pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go) with its default
/// arguments (no ignored resources; scoring strategy `LeastAllocated` over `cpu` and `memory`,
/// weight 1 each).
///
/// - PreFilter stores the pod's requests (`PodInfo.requests`) in the `CycleState`, as Kubernetes'
///   does; Filter reads the same requests from the `PodInfo`.
/// - Filter collects, in this order, `Too many pods` when the node's pods plus this one exceed
///   its allocatable `pods`; then, for each of `cpu`, `memory`, `ephemeral-storage` and every
///   other requested resource (by name), `Insufficient <name>` when the pod requests more than
///   0 and more than allocatable minus requested. All reasons are reported together with code
///   `unschedulable`, or `unschedulableAndUnresolvable` when the pod requests more of some
///   resource than the node's whole allocatable (evicting pods cannot help; Kubernetes' fit.go
///   `InsufficientResource.Unresolvable`).
/// - Score is `LeastAllocated`: per resource with non-zero allocatable,
///   `(allocatable - requested) * 100 / allocatable` (0 when requested exceeds allocatable), with
///   requested = the node's non-zero requests plus the pod's (`nonZeroRequests`), averaged by
///   weight. Resources the node has none of are left out of the average. No normalisation.
public struct NodeResourcesFit: PreFilterPlugin, FilterPlugin, ScorePlugin {
    /// The plugin's registered name, `NodeResourcesFit`.
    public static let pluginName = "NodeResourcesFit"
    /// The Filter reason when the node has no room for another pod.
    public static let errReasonTooManyPods = "Too many pods"
    /// The Filter reason when the node lacks CPU.
    public static let errReasonInsufficientCPU = "Insufficient cpu"
    /// The Filter reason when the node lacks memory.
    public static let errReasonInsufficientMemory = "Insufficient memory"
    /// The Filter reason when the node lacks ephemeral storage.
    public static let errReasonInsufficientEphemeralStorage = "Insufficient ephemeral-storage"
    /// The `CycleState` key of the pod's requests (`ResourceAmounts`).
    public static let preFilterStateKey = CycleStateKey("PreFilter" + pluginName)
    /// The resources `LeastAllocated` scores, with their weights (Kubernetes' default). `score`
    /// reads these two as fields; changing this list needs the same change there.
    public static let scoringResources: [(name: String, weight: Int64)] = [("cpu", 1), ("memory", 1)]

    /// The plugin's name, `NodeResourcesFit`.
    public var name: String { Self.pluginName }

    /// Creates the plugin with Kubernetes' default arguments.
    public init() {}

    /// The Filter reason for a resource the node lacks: `Insufficient <resource>`.
    public static func insufficientReason(_ resource: String) -> String { "Insufficient \(resource)" }

    /// Whether a request of `want` (> 0) does not fit in `capacity` minus `used`.
    private static func exceeds(_ want: Int64, _ capacity: Int64, _ used: Int64) -> Bool {
        want > 0 && want > capacity - used
    }

    /// Stores the pod's requests for Filter.
    public func preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot) -> PluginStatus {
        state.write(Self.preFilterStateKey, pod.requests)
        return .success
    }

    /// `.success` when `node` has room for the pod; otherwise every reason it does not (see the
    /// type's documentation for the order and the code).
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        // PreFilter's state is `pod.requests`, which the pod holds already: read there, in place
        // (no lookup in the state, and no copy, which would retain and release its dictionary).
        Self.filter(pod.requests, node)
    }

    /// Filter's decision on `node` for a pod that requests `request`.
    private static func filter(_ request: borrowing ResourceAmounts, _ node: NodeInfo) -> PluginStatus {
        // The node's amounts are read field by field from the NodeInfo itself: the filter runs on
        // hundreds of nodes a pod, and each node's dictionaries (its pods, extended resources)
        // live elsewhere in memory, a cache miss each, so they are touched only when needed.
        var reasons: [String] = []
        var unresolvable = false
        if node.requested.pods + 1 > node.allocatable.pods { reasons.append(Self.errReasonTooManyPods) }
        if request.milliCPU == 0 && request.memory == 0 && request.ephemeralStorage == 0 && request.scalar.isEmpty {
            return reasons.isEmpty ? .success : PluginStatus(.unschedulable, reasons)
        }
        if Self.exceeds(request.milliCPU, node.allocatable.milliCPU, node.requested.milliCPU) {
            reasons.append(Self.errReasonInsufficientCPU)
            unresolvable = unresolvable || request.milliCPU > node.allocatable.milliCPU
        }
        if Self.exceeds(request.memory, node.allocatable.memory, node.requested.memory) {
            reasons.append(Self.errReasonInsufficientMemory)
            unresolvable = unresolvable || request.memory > node.allocatable.memory
        }
        if Self.exceeds(request.ephemeralStorage, node.allocatable.ephemeralStorage, node.requested.ephemeralStorage) {
            reasons.append(Self.errReasonInsufficientEphemeralStorage)
            unresolvable = unresolvable || request.ephemeralStorage > node.allocatable.ephemeralStorage
        }
        if !request.scalar.isEmpty {
            let allocatable = node.allocatable
            let requested = node.requested
            // Sorted so that the reasons come in a stable order (Kubernetes walks a Go map).
            for (resource, want) in request.scalar.sorted(by: { $0.key < $1.key }) {
                let capacity = allocatable.scalar[resource] ?? 0
                if Self.exceeds(want, capacity, requested.scalar[resource] ?? 0) {
                    reasons.append(Self.insufficientReason(resource))
                    unresolvable = unresolvable || want > capacity
                }
            }
        }
        if reasons.isEmpty { return .success }
        return PluginStatus(unresolvable ? .unschedulableAndUnresolvable : .unschedulable, reasons)
    }

    /// The `LeastAllocated` score of `node` for `pod`, 0...100: the mean of the least-requested
    /// scores of `scoringResources` (cpu and memory, weight 1 each), leaving out a resource the
    /// node has none of.
    public func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 {
        // The two default resources are read as fields, not looked up by name: this runs on every
        // feasible node of every pod.
        var total: Int64 = 0
        var weights: Int64 = 0
        let cpu = node.allocatable.milliCPU
        if cpu != 0 {
            total += Self.leastRequestedScore(requested: node.nonZeroRequested.milliCPU + pod.nonZeroRequests.milliCPU, capacity: cpu)
            weights += 1
        }
        let memory = node.allocatable.memory
        if memory != 0 {
            total += Self.leastRequestedScore(requested: node.nonZeroRequested.memory + pod.nonZeroRequests.memory, capacity: memory)
            weights += 1
        }
        return weights == 0 ? 0 : total / weights
    }

    /// Kubernetes' `leastRequestedScore`: the unused share of `capacity` on 0...100 (integer
    /// division), 0 when `capacity` is 0 or `requested` exceeds it.
    public static func leastRequestedScore(requested: Int64, capacity: Int64) -> Int64 {
        if capacity == 0 || requested > capacity { return 0 }
        return (capacity - requested) * Framework.maxNodeScore / capacity
    }
}
