import KubeAPI

/// Node selection by the pod's `spec.nodeSelector` and node affinity, as Kubernetes'
/// `NodeAffinity` plugin (pkg/scheduler/framework/plugins/nodeaffinity) without the
/// scheduler-configured `addedAffinity`.
///
/// - PreFilter parses `spec.nodeSelector` and the required node affinity once into a
///   `RequiredNodeAffinity` in the `CycleState`; it returns `.skip` when the pod has neither, and
///   rejects the pod (`unschedulableAndUnresolvable`, `pod affinity terms conflict`) when every
///   required term pins `metadata.name` with `In` and the terms leave no name.
/// - Filter passes a node that has every `nodeSelector` label and matches at least one required
///   term (terms ORed, requirements ANDed, empty terms match nothing); otherwise
///   `unschedulableAndUnresolvable` with `node(s) didn't match Pod's node affinity/selector`.
///   It only reads the parsed state and the node's labels, allocating nothing.
/// - PreScore parses the preferred terms once (`.skip` when the pod has none; `.error` when a
///   term does not parse); Score is the sum of the weights of the matching preferred terms, and
///   `normalize` scales the highest to 100 (`Framework.defaultNormalize`, not reversed).
public struct NodeAffinity: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    /// The plugin's registered name, `NodeAffinity`.
    public static let pluginName = "NodeAffinity"
    /// The Filter failure reason (Kubernetes' `nodeaffinity.ErrReasonPod`).
    public static let errReasonPod = "node(s) didn't match Pod's node affinity/selector"
    /// The PreFilter failure reason when the required terms' `metadata.name` pins leave no node
    /// (Kubernetes' `errReasonConflict`).
    public static let errReasonConflict = "pod affinity terms conflict"
    /// The `CycleState` key of the parsed `RequiredNodeAffinity`.
    public static let preFilterStateKey = CycleStateKey("PreFilter" + pluginName)
    /// The `CycleState` key of the parsed `PreferredNodeAffinity`.
    public static let preScoreStateKey = CycleStateKey("PreScore" + pluginName)

    private static let failure = PluginStatus.unresolvable(errReasonPod)

    /// The plugin's name, `NodeAffinity`.
    public var name: String { Self.pluginName }

    /// Creates the plugin; it has no configuration.
    public init() {}

    /// Parses the pod's hard node constraints into the state; `.skip` when there are none.
    public func preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot) -> PluginStatus {
        let spec = pod.pod.spec
        let required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        if required == nil && spec?.nodeSelector == nil { return .skip }
        state.write(Self.preFilterStateKey, RequiredNodeAffinity(spec))
        guard let terms = required?.nodeSelectorTerms, !terms.isEmpty else { return .success }
        // Kubernetes narrows the candidate nodes to the names pinned with `metadata.name In`; when
        // every term pins names and together they pin none, no node can match.
        var nodeNames: Set<String>?
        for term in terms {
            var termNames: Set<String>?
            for field in term.matchFields ?? [] where field.key == "metadata.name" && field.operator == "In" {
                let names = Set(field.values ?? [])
                termNames = termNames.map { $0.intersection(names) } ?? names
            }
            guard let termNames else { return .success }
            nodeNames = (nodeNames ?? []).union(termNames)
        }
        if let nodeNames, nodeNames.isEmpty { return .unresolvable(Self.errReasonConflict) }
        return .success
    }

    /// `.success` when `node` satisfies the pod's node selector and required node affinity;
    /// otherwise `unschedulableAndUnresolvable` with `node(s) didn't match Pod's node affinity/selector`.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        let required = state.read(Self.preFilterStateKey, as: RequiredNodeAffinity.self) ?? RequiredNodeAffinity(pod.pod.spec)
        return required.matches(node) ? .success : Self.failure
    }

    /// Parses the pod's preferred node affinity terms into the state; `.skip` when the pod has none,
    /// `.error` (with the parse errors as reasons) when a term does not parse.
    public func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus {
        guard let terms = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution else {
            return .skip
        }
        let preferred = PreferredNodeAffinity(terms)
        if !preferred.parseErrors.isEmpty { return PluginStatus(.error, preferred.parseErrors) }
        state.write(Self.preScoreStateKey, preferred)
        return .success
    }

    /// The sum of the weights of the pod's preferred terms that `node` matches (0 when the pod has none).
    public func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 {
        let preferred = state.read(Self.preScoreStateKey, as: PreferredNodeAffinity.self)
            ?? PreferredNodeAffinity(pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
        return preferred.score(labels: node.labels, nodeName: node.name)
    }

    /// Scales the scores so that the highest becomes 100 (all-zero scores stay zero).
    public func normalize(state: CycleState, pod: PodInfo, scores: inout [Int64]) {
        Framework.defaultNormalize(&scores, reverse: false)
    }
}
