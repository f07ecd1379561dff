/// One Score plugin and its weight behind a class, for the per-node loop of a scheduling cycle.
///
/// Called as `any ScorePlugin`, each node's score opened the existential and went through the
/// array of nodes and the array of scores with their checks, for every plugin on every feasible
/// node of every pod. A `ScoreCall` makes one virtual call per plugin per pod, and its subclass
/// loops over the nodes calling the plugin as its concrete type.
class ScoreCall {
    /// The plugin's name.
    let name: String
    /// The plugin's weight in the profile.
    let weight: Int64
    /// Where the profile's PreScore plugins list the same plugin, if it has a PreScore: when
    /// that PreScore returns `.skip`, this Score is not run for the pod.
    let preScoreIndex: Int?

    fileprivate init(name: String, weight: Int64, preScoreIndex: Int?) {
        self.name = name
        self.weight = weight
        self.preScoreIndex = preScoreIndex
    }

    /// Writes the raw score of each of `nodes` (references the caller keeps alive for the call)
    /// for `pod` at the same index of `scores`, which is as long as `nodes` (`TypedScoreCall`
    /// overrides it; the base class is never made).
    func score(_ state: CycleState, _ pod: PodInfo, _ nodes: UnsafeBufferPointer<Unmanaged<NodeInfo>>, into scores: UnsafeMutableBufferPointer<Int64>) {}

    /// The plugin's normalisation of `scores`.
    func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [Int64]) {}

    /// A call of `plugin` with `weight`, whose PreScore is `preScoreIndex` in the profile.
    static func wrapping(_ plugin: any ScorePlugin, weight: Int64, preScoreIndex: Int?) -> ScoreCall {
        typed(plugin, weight, preScoreIndex)
    }

    private static func typed<P: ScorePlugin>(_ plugin: P, _ weight: Int64, _ preScoreIndex: Int?) -> ScoreCall {
        TypedScoreCall(plugin, weight, preScoreIndex)
    }
}

/// A `ScoreCall` of a plugin of type `P`.
private final class TypedScoreCall<P: ScorePlugin>: ScoreCall {
    let plugin: P

    init(_ plugin: P, _ weight: Int64, _ preScoreIndex: Int?) {
        self.plugin = plugin
        super.init(name: plugin.name, weight: weight, preScoreIndex: preScoreIndex)
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
