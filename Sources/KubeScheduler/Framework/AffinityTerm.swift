import KubeAPI

/// A pod (anti-)affinity term parsed once: which pods it selects, in which namespaces, and the
/// topology key that defines "the same place". Equal terms select the same pods in the same
/// domains, so a snapshot can evaluate each distinct term once (`AffinityTally`).
public struct AffinityTerm: Sendable, Hashable {
    /// The node label whose value names a topology domain (e.g. `kubernetes.io/hostname`).
    public let topologyKey: String
    /// Selects pods by label; nil when the term's selector is invalid, in which case it matches nothing.
    public let selector: LabelSelector?
    /// Namespaces named explicitly (the owning pod's namespace when neither these nor a
    /// namespace selector are given).
    public let namespaces: Set<String>
    /// Selects namespaces by their labels; `LabelSelector.everything` for `{}`.
    public let namespaceSelector: LabelSelector?

    /// Parses `term` as written on a pod in `podNamespace` with labels `podLabels` (used by
    /// `matchLabelKeys` and `mismatchLabelKeys`).
    public init(_ term: PodAffinityTerm, podNamespace: String, podLabels: [String: String]) {
        topologyKey = term.topologyKey
        // A term without a label selector selects no pods.
        var parsed = term.labelSelector.flatMap { try? LabelSelector($0) }
        if var requirements = parsed?.requirements {
            for key in term.matchLabelKeys ?? [] {
                if let value = podLabels[key], let r = try? LabelSelector.Requirement(key: key, operator: .in, values: [value]) {
                    requirements.append(r)
                }
            }
            for key in term.mismatchLabelKeys ?? [] {
                if let value = podLabels[key], let r = try? LabelSelector.Requirement(key: key, operator: .notIn, values: [value]) {
                    requirements.append(r)
                }
            }
            parsed = LabelSelector(requirements: requirements)
        }
        selector = parsed
        let explicit = Set(term.namespaces ?? [])
        namespaceSelector = term.namespaceSelector.flatMap { try? LabelSelector($0) }
        namespaces = explicit.isEmpty && term.namespaceSelector == nil ? [podNamespace] : explicit
    }

    /// Whether `pod` is one this term selects. `namespaceLabels` gives the labels of a namespace,
    /// for terms with a namespace selector.
    public func matches(_ pod: PodInfo, namespaceLabels: (String) -> [String: String]) -> Bool {
        guard let selector else { return false }
        let ns = pod.namespace
        var inNamespace = namespaces.contains(ns)
        if !inNamespace, let namespaceSelector {
            inNamespace = namespaceSelector.matches(namespaceLabels(ns))
        }
        return inNamespace && selector.matches(pod.labels)
    }
}

/// A preferred affinity term with its weight (1-100).
public struct WeightedAffinityTerm: Sendable {
    /// The weight added (affinity) or subtracted (anti-affinity) per matching pod.
    public let weight: Int
    /// The term.
    public let term: AffinityTerm

    /// Parses `weighted` as written on a pod in `podNamespace` with labels `podLabels`.
    public init(_ weighted: WeightedPodAffinityTerm, podNamespace: String, podLabels: [String: String]) {
        weight = weighted.weight
        term = AffinityTerm(weighted.podAffinityTerm, podNamespace: podNamespace, podLabels: podLabels)
    }
}
