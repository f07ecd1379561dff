/// One Score plugin and its weight behind a class, for the per-node loop of a scheduling cycle.
///
/// Called as `any ScorePlugin`, each node's score opened the existential and went through the
/// array of nodes and the array of scores with their checks, for every plugin on every feasible
/// node of every pod. A `ScoreCall` makes one virtual call per plugin per pod, and its subclass
/// loops over the nodes calling the plugin as its concrete type.
class ScoreCall {
    /// The plugin's weight in the profile.
    let weight: Int64
    /// Where the profile's PreScore plugins list plugins of this one's name: when any of them
    /// returns `.skip` for a pod, this Score is not run for it (skips go by name, as in Kubernetes).
    let preScoreIndices: [Int]

    fileprivate init(weight: Int64, preScoreIndices: [Int]) {
        self.weight = weight
        self.preScoreIndices = preScoreIndices
    }

    /// Writes the raw score of each of `nodes` (references the caller keeps alive for the call)
    /// for `pod` at the same index of `scores`, which is as long as `nodes` (`TypedScoreCall`
    /// overrides it; the base class is never made).
    func score(_ state: CycleState, _ pod: PodInfo, _ nodes: UnsafeBufferPointer<Unmanaged<NodeInfo>>, into scores: UnsafeMutableBufferPointer<Int64>) {}

    /// The plugin's normalisation of `scores`.
    func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [Int64]) {}

    /// A call of `plugin` with `weight`; `preScoreIndices` lists the profile's PreScore plugins
    /// of the same name.
    static func wrapping(_ plugin: any ScorePlugin, weight: Int64, preScoreIndices: [Int]) -> ScoreCall {
        typed(plugin, weight, preScoreIndices)
    }

    private static func typed<P: ScorePlugin>(_ plugin: P, _ weight: Int64, _ preScoreIndices: [Int]) -> ScoreCall {
        TypedScoreCall(plugin, weight, preScoreIndices)
    }
}

/// A `ScoreCall` of a plugin of type `P`.
private final class TypedScoreCall<P: ScorePlugin>: ScoreCall {
    let plugin: P

    init(_ plugin: P, _ weight: Int64, _ preScoreIndices: [Int]) {
        self.plugin = plugin
        super.init(weight: weight, preScoreIndices: preScoreIndices)
    }

    override func score(_ state: CycleState, _ pod: PodInfo, _ nodes: UnsafeBufferPointer<Unmanaged<NodeInfo>>, into scores: UnsafeMutableBufferPointer<Int64>) {
        for i in nodes.indices {
            scores[i] = nodes[i]._withUnsafeGuaranteedRef { plugin.score(state: state, pod: pod, node: $0) }
        }
    }

    override func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [Int64]) {
        plugin.normalize(state: state, pod: pod, scores: &scores)
    }
}
