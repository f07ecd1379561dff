import KubeAPI

// Node-selection helpers for PodTopologySpread's node inclusion policies (`nodeAffinityPolicy`,
// `nodeTaintsPolicy`). They mirror Kubernetes' `nodeaffinity.GetRequiredNodeAffinity(pod).Match`
// and `v1helper.FindMatchingUntoleratedTaint` (with `DoNotScheduleTaintsFilterFunc`). Kept
// internal and `spread`-prefixed so they cannot clash with the NodeAffinity/TaintToleration
// plugins' own helpers.

/// A pod's hard node constraints, parsed once per scheduling cycle: `spec.nodeSelector` ANDed
/// with `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`.
struct SpreadRequiredNodeAffinity: Sendable {
    /// `spec.nodeSelector`: each key must be a node label with exactly this value.
    let nodeSelector: [String: String]
    /// The required node selector terms (ORed), or nil when the pod has no required node affinity.
    let terms: [NodeSelectorTerm]?

    /// The hard node constraints of `pod`.
    init(_ pod: Pod) {
        nodeSelector = pod.spec?.nodeSelector ?? [:]
        terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
    }

    /// Whether the pod has no hard node constraint at all (every node matches).
    var isEmpty: Bool { nodeSelector.isEmpty && terms == nil }

    /// Whether `node` satisfies both the node selector and (when present) some required term.
    /// As in Kubernetes, a selector with no terms matches no node, a term with neither
    /// expressions nor fields matches no node, and a term with an invalid requirement is
    /// treated as not matching (parse errors are ignored "for backwards compatibility").
    func matches(_ node: NodeInfo) -> Bool {
        for (key, value) in nodeSelector where node.labels[key] != value { return false }
        guard let terms else { return true }
        return terms.contains { spreadNodeSelectorTermMatches($0, nodeName: node.name, labels: node.labels) }
    }
}

/// Whether `pod`'s nodeSelector and required node affinity admit `node`.
func spreadNodeMatchesPodAffinity(_ pod: Pod, node: NodeInfo) -> Bool {
    SpreadRequiredNodeAffinity(pod).matches(node)
}

/// Whether one node selector term matches a node: all `matchExpressions` (on labels) and all
/// `matchFields` (only `metadata.name` is a known field) hold; an empty term matches nothing.
func spreadNodeSelectorTermMatches(_ term: NodeSelectorTerm, nodeName: String, labels: [String: String]) -> Bool {
    let expressions = term.matchExpressions ?? []
    let fields = term.matchFields ?? []
    if expressions.isEmpty && fields.isEmpty { return false }
    for r in expressions where spreadRequirementMatches(r, value: labels[r.key]) != true { return false }
    for r in fields {
        // Kubernetes builds a field selector that allows only In/NotIn with exactly one value,
        // evaluated against the node's fields (`metadata.name`; unknown fields read as "").
        guard r.operator == "In" || r.operator == "NotIn", let values = r.values, values.count == 1 else { return false }
        let actual = r.key == "metadata.name" ? nodeName : ""
        if (actual == values[0]) != (r.operator == "In") { return false }
    }
    return true
}

/// Evaluates a node selector requirement on a label value (`nil` when the node lacks the
/// label). Returns nil when the requirement itself is invalid (unknown operator, wrong number
/// of values, non-integer `Gt`/`Lt` value).
func spreadRequirementMatches(_ r: NodeSelectorRequirement, value: String?) -> Bool? {
    let values = r.values ?? []
    switch r.operator {
    case "In":
        guard !values.isEmpty else { return nil }
        guard let value else { return false }
        return values.contains(value)
    case "NotIn":
        guard !values.isEmpty else { return nil }
        guard let value else { return true }
        return !values.contains(value)
    case "Exists":
        guard values.isEmpty else { return nil }
        return value != nil
    case "DoesNotExist":
        guard values.isEmpty else { return nil }
        return value == nil
    case "Gt", "Lt":
        guard values.count == 1, let bound = Int64(values[0]) else { return nil }
        guard let value, let actual = Int64(value) else { return false }
        return r.operator == "Gt" ? actual > bound : actual < bound
    default:
        return nil
    }
}

/// Whether `toleration` tolerates `taint` (Kubernetes' `Toleration.ToleratesTaint`): the effect
/// is empty or equal, the key is empty or equal, and the operator is `Exists`, or `Equal`
/// (the default) with an equal value.
func spreadTolerationTolerates(_ toleration: Toleration, _ taint: Taint) -> Bool {
    if let effect = toleration.effect, !effect.isEmpty, effect != taint.effect { return false }
    if let key = toleration.key, !key.isEmpty, key != taint.key { return false }
    switch toleration.operator ?? "" {
    case "Exists": return true
    case "", "Equal": return (toleration.value ?? "") == (taint.value ?? "")
    default: return false
    }
}

/// Whether every `NoSchedule` and `NoExecute` taint among `taints` is tolerated by some
/// toleration in `tolerations` (`PreferNoSchedule` taints are ignored, as in Kubernetes'
/// `DoNotScheduleTaintsFilterFunc`).
func spreadToleratesNodeTaints(_ tolerations: [Toleration], _ taints: [Taint]) -> Bool {
    for taint in taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
        if !tolerations.contains(where: { spreadTolerationTolerates($0, taint) }) { return false }
    }
    return true
}
