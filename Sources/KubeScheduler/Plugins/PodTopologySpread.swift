import KubeAPI

/// Kubernetes' `PodTopologySpread` plugin (pkg/scheduler/framework/plugins/podtopologyspread):
/// `DoNotSchedule` constraints of `spec.topologySpreadConstraints` at PreFilter/Filter,
/// `ScheduleAnyway` ones at PreScore/Score.
///
/// Only the pod's own constraints are used: Skiff has no cluster-level default constraints
/// (Kubernetes' system defaults, hostname maxSkew 3 and zone maxSkew 5 `ScheduleAnyway`, are
/// not applied), so a pod without constraints is skipped.
///
/// Counting: a pod counts for a constraint when it is in the incoming pod's namespace, is not
/// terminating, and matches the constraint's label selector ANDed with `key In (value)` for each
/// `matchLabelKeys` key the incoming pod has. A nil selector matches nothing; an empty selector
/// counts no pod (as Kubernetes' `countPodsMatchSelector`) but still self-matches. Only nodes
/// carrying every constraint's topology key are counted, and per constraint only nodes that
/// pass the pod's nodeSelector/required node affinity (`nodeAffinityPolicy: Honor`, the
/// default) and whose `NoSchedule`/`NoExecute` taints the pod tolerates (`nodeTaintsPolicy:
/// Honor`; the default `Ignore` skips this). Each such node's domain is eligible even with
/// zero matching pods.
///
/// Filter, per `DoNotSchedule` constraint in order: a node without the topology key fails with
/// `UnschedulableAndUnresolvable`, "node(s) didn't match pod topology spread constraints
/// (missing required label)"; otherwise `matchNum + selfMatch - globalMin > maxSkew` fails with
/// `Unschedulable`, "node(s) didn't match pod topology spread constraints", where globalMin is
/// the smallest count over eligible domains, or 0 when there are fewer than `minDomains`
/// (default 1) of them.
public struct PodTopologySpread: PreFilterExtensions, FilterPlugin, PreScorePlugin, ScorePlugin {
    /// The plugin's name in Kubernetes: `PodTopologySpread`.
    public static let pluginName = "PodTopologySpread"
    /// Reason when the skew would exceed `maxSkew` (preemption may help).
    public static let errReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints"
    /// Reason when the node lacks a constraint's topology key (unresolvable).
    public static let errReasonNodeLabelNotMatch = errReasonConstraintsNotMatch + " (missing required label)"
    /// The well-known hostname label, whose per-node counts Score computes on the fly.
    public static let labelHostname = "kubernetes.io/hostname"
    static let preFilterStateKey = CycleStateKey("PreFilter" + pluginName)
    static let preScoreStateKey = CycleStateKey("PreScore" + pluginName)

    /// The plugin's name, `PodTopologySpread`.
    public var name: String { Self.pluginName }

    /// The plugin (no cluster-default constraints).
    public init() {}

    /// One parsed constraint.
    struct Constraint: Sendable, Equatable {
        var maxSkew: Int
        var topologyKey: String
        /// nil selects no pod.
        var selector: LabelSelector?
        var minDomains: Int
        var honorNodeAffinity: Bool
        var honorNodeTaints: Bool

        /// Whether a pod with `labels` matches the selector (used for self-match).
        func matches(_ labels: [String: String]) -> Bool { selector?.matches(labels) ?? false }

        /// Whether `pod` is counted for this constraint of a pod in `namespace`.
        func counts(_ pod: PodInfo, namespace: String) -> Bool {
            guard let selector, !selector.isEmpty else { return false }
            if pod.namespace != namespace || pod.pod.metadata.deletionTimestamp != nil { return false }
            return selector.matches(pod.labels)
        }

        /// How many pods on `node` are counted.
        func count(on node: NodeInfo, namespace: String) -> Int {
            guard let selector, !selector.isEmpty else { return 0 }
            if node.matchingUpperBound(selector, namespaces: CollectionOfOne(namespace)) == 0 { return 0 }
            var n = 0
            for p in node.pods.values where counts(p, namespace: namespace) { n += 1 }
            return n
        }
    }

    /// The pod's constraints whose `whenUnsatisfiable` is `action`, parsed; throws for an
    /// invalid label selector.
    static func constraints(of pod: PodInfo, action: String) throws(APIError) -> [Constraint] {
        guard let all = pod.pod.spec?.topologySpreadConstraints, !all.isEmpty else { return [] }
        var result: [Constraint] = []
        for c in all where c.whenUnsatisfiable == action {
            var selector = try c.labelSelector.map { object throws(APIError) in try LabelSelector(object) }
            if let parsed = selector, let keys = c.matchLabelKeys, !keys.isEmpty {
                var requirements = parsed.requirements
                for key in keys {
                    if let value = pod.labels[key] {
                        requirements.append(try LabelSelector.Requirement(key: key, operator: .in, values: [value]))
                    }
                }
                selector = LabelSelector(requirements: requirements)
            }
            result.append(Constraint(
                maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: selector, minDomains: c.minDomains ?? 1,
                honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") == "Honor",
                honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") == "Honor"))
        }
        return result
    }

    /// Whether a node with `labels` has every constraint's topology key.
    static func hasAllKeys(_ labels: [String: String], _ constraints: [Constraint]) -> Bool {
        constraints.allSatisfy { labels[$0.topologyKey] != nil }
    }

    /// Evaluates the node inclusion policies of the pod lazily, once per node.
    struct InclusionCheck {
        let affinity: SpreadRequiredNodeAffinity
        let tolerations: [Toleration]
        private var affinityResult: Bool?
        private var taintsResult: Bool?

        init(_ pod: PodInfo) {
            affinity = SpreadRequiredNodeAffinity(pod.pod)
            tolerations = pod.pod.spec?.tolerations ?? []
        }

        /// Forgets the results for the previous node.
        mutating func reset() {
            affinityResult = nil
            taintsResult = nil
        }

        /// Whether every node is included for `c`, whatever its labels and taints: the pod has
        /// no required node affinity or `c` ignores it, and `c` ignores taints.
        func includesEveryNode(_ c: Constraint) -> Bool {
            !c.honorNodeTaints && (!c.honorNodeAffinity || affinity.isEmpty)
        }

        /// Whether `node` is included for `c` (Kubernetes' `matchNodeInclusionPolicies`).
        mutating func includes(_ node: NodeInfo, for c: Constraint) -> Bool {
            if c.honorNodeAffinity {
                if affinityResult == nil { affinityResult = affinity.isEmpty || affinity.matches(node) }
                if affinityResult == false { return false }
            }
            if c.honorNodeTaints {
                if taintsResult == nil { taintsResult = spreadToleratesNodeTaints(tolerations, node.taints) }
                if taintsResult == false { return false }
            }
            return true
        }
    }
}
