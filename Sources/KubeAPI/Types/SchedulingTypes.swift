/// core/v1 Affinity: node affinity and pod (anti-)affinity scheduling rules.
public struct Affinity: Codable, Sendable, Hashable {
    /// Rules about which nodes the pod may or prefers to run on.
    public var nodeAffinity: NodeAffinity?
    /// Co-locate with pods matching terms.
    public var podAffinity: PodAffinity?
    /// Keep away from pods matching terms.
    public var podAntiAffinity: PodAntiAffinity?

    /// Creates an `Affinity`; every field defaults to absent.
    public init(
        nodeAffinity: NodeAffinity? = nil, podAffinity: PodAffinity? = nil, podAntiAffinity: PodAntiAffinity? = nil
    ) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// core/v1 NodeAffinity: required and preferred node selection.
public struct NodeAffinity: Codable, Sendable, Hashable {
    /// Hard requirement; the pod is not scheduled to nodes failing it.
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Soft preferences, summed by weight.
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    /// Creates a `NodeAffinity`; every field defaults to absent.
    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// core/v1 NodeSelector: terms ORed together; a node matches when any term matches.
public struct NodeSelector: Codable, Sendable, Hashable {
    /// The terms.
    public var nodeSelectorTerms: [NodeSelectorTerm]

    /// Creates a `NodeSelector` from its required fields; every optional field defaults to absent.
    public init(nodeSelectorTerms: [NodeSelectorTerm]) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }
}

/// core/v1 NodeSelectorTerm: requirements ANDed together; an empty term matches no node.
public struct NodeSelectorTerm: Codable, Sendable, Hashable {
    /// Requirements on node labels.
    public var matchExpressions: [NodeSelectorRequirement]?
    /// Requirements on node fields (only `metadata.name`).
    public var matchFields: [NodeSelectorRequirement]?

    /// Creates a `NodeSelectorTerm`; every field defaults to absent.
    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

/// core/v1 NodeSelectorRequirement: `key` compared by `operator` (In, NotIn, Exists, DoesNotExist, Gt, Lt) to `values`.
public struct NodeSelectorRequirement: Codable, Sendable, Hashable {
    /// Label key or field name.
    public var key: String
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    public var `operator`: String
    /// Values; one integer for `Gt`/`Lt`, none for `Exists`/`DoesNotExist`.
    public var values: [String]?

    /// Creates a `NodeSelectorRequirement` from its required fields; every optional field defaults to absent.
    public init(key: String, `operator`: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// core/v1 PreferredSchedulingTerm: a weighted node preference.
public struct PreferredSchedulingTerm: Codable, Sendable, Hashable {
    /// Weight 1-100 added to a matching node's score.
    public var weight: Int
    /// The term a node should match.
    public var preference: NodeSelectorTerm

    /// Creates a `PreferredSchedulingTerm` from its required fields; every optional field defaults to absent.
    public init(weight: Int, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}

/// core/v1 PodAffinity: rules co-locating the pod with other pods.
public struct PodAffinity: Codable, Sendable, Hashable {
    /// Hard requirements, ANDed.
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    /// Soft preferences.
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    /// Creates a `PodAffinity`; every field defaults to absent.
    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// core/v1 PodAntiAffinity: rules keeping the pod away from other pods.
public struct PodAntiAffinity: Codable, Sendable, Hashable {
    /// Hard requirements, ANDed.
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    /// Soft preferences.
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    /// Creates a `PodAntiAffinity`; every field defaults to absent.
    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// core/v1 PodAffinityTerm: pods matching `labelSelector` in the selected namespaces, within the
/// topology domain named by `topologyKey`.
public struct PodAffinityTerm: Codable, Sendable, Hashable {
    /// Pods the term is about; nil matches none.
    public var labelSelector: LabelSelectorObject?
    /// Namespaces to look in; with no `namespaceSelector`, empty means the pod's own.
    public var namespaces: [String]?
    /// Node label whose value defines the domain, e.g. `kubernetes.io/hostname`.
    public var topologyKey: String
    /// Namespaces to look in, by label; empty selects all.
    public var namespaceSelector: LabelSelectorObject?
    /// Pod label keys whose values are ANDed into `labelSelector` as `In`.
    public var matchLabelKeys: [String]?
    /// Pod label keys whose values are ANDed into `labelSelector` as `NotIn`.
    public var mismatchLabelKeys: [String]?

    /// Creates a `PodAffinityTerm` from its required fields; every optional field defaults to absent.
    public init(
        labelSelector: LabelSelectorObject? = nil, namespaces: [String]? = nil, topologyKey: String,
        namespaceSelector: LabelSelectorObject? = nil, matchLabelKeys: [String]? = nil,
        mismatchLabelKeys: [String]? = nil
    ) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.topologyKey = topologyKey
        self.namespaceSelector = namespaceSelector
        self.matchLabelKeys = matchLabelKeys
        self.mismatchLabelKeys = mismatchLabelKeys
    }
}

/// core/v1 WeightedPodAffinityTerm: a pod (anti-)affinity preference with a weight.
public struct WeightedPodAffinityTerm: Codable, Sendable, Hashable {
    /// Weight 1-100.
    public var weight: Int
    /// The term.
    public var podAffinityTerm: PodAffinityTerm

    /// Creates a `WeightedPodAffinityTerm` from its required fields; every optional field defaults to absent.
    public init(weight: Int, podAffinityTerm: PodAffinityTerm) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }
}

/// core/v1 Toleration: lets a pod schedule onto (or stay on) nodes with a matching taint.
public struct Toleration: Codable, Sendable, Hashable {
    /// Taint key; empty with `Exists` matches every key.
    public var key: String?
    /// `Equal` (default) or `Exists`.
    public var `operator`: String?
    /// Taint value, for `Equal`.
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty matches all effects.
    public var effect: String?
    /// For `NoExecute`: how long the pod stays bound after the taint appears.
    public var tolerationSeconds: Int?

    /// Creates a `Toleration`; every field defaults to absent.
    public init(
        key: String? = nil, `operator`: String? = nil, value: String? = nil, effect: String? = nil,
        tolerationSeconds: Int? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}

/// core/v1 TopologySpreadConstraint: how matching pods spread across topology domains.
public struct TopologySpreadConstraint: Codable, Sendable, Hashable {
    /// Largest allowed difference in matching pods between domains.
    public var maxSkew: Int
    /// Node label defining the domains.
    public var topologyKey: String
    /// `DoNotSchedule` or `ScheduleAnyway`.
    public var whenUnsatisfiable: String
    /// Pods counted.
    public var labelSelector: LabelSelectorObject?
    /// Minimum number of eligible domains.
    public var minDomains: Int?
    /// `Honor` (default) or `Ignore` the pod's node affinity when counting.
    public var nodeAffinityPolicy: String?
    /// `Honor` or `Ignore` (default) node taints when counting.
    public var nodeTaintsPolicy: String?
    /// Pod label keys whose values are ANDed into `labelSelector`.
    public var matchLabelKeys: [String]?

    /// Creates a `TopologySpreadConstraint` from its required fields; every optional field defaults to absent.
    public init(
        maxSkew: Int, topologyKey: String, whenUnsatisfiable: String, labelSelector: LabelSelectorObject? = nil,
        minDomains: Int? = nil, nodeAffinityPolicy: String? = nil, nodeTaintsPolicy: String? = nil,
        matchLabelKeys: [String]? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }
}
