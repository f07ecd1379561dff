import KubeAPI

/// Kubernetes' `InterPodAffinity` plugin (pkg/scheduler/framework/plugins/interpodaffinity):
/// required pod affinity and anti-affinity at PreFilter/Filter, preferred ones at
/// PreScore/Score.
///
/// Filter contract, checked in this order on each node:
/// 1. Every required affinity term of the pod needs the node's topology label (else
///    unresolvable) and, in that domain, an existing pod matching *all* the pod's required
///    affinity terms. Exception (the first pod of a self-affine group): when no existing pod
///    anywhere matches all the terms and the pod matches them itself, any node carrying every
///    topology key passes. Failure: `UnschedulableAndUnresolvable`,
///    "node(s) didn't match pod affinity rules".
/// 2. No existing pod matching one of the pod's required anti-affinity terms may run in the
///    node's domain for that term's key. Failure: `Unschedulable`,
///    "node(s) didn't match pod anti-affinity rules".
/// 3. No existing pod whose required anti-affinity term matches the incoming pod may run in the
///    node's domain for that term's key (symmetry). Failure: `Unschedulable`,
///    "node(s) didn't satisfy existing pods anti-affinity rules".
///
/// PreFilter returns `.skip` when the pod has no required terms and no existing pod's required
/// anti-affinity matches it; it evaluates once each distinct anti-affinity term of the existing
/// pods that the label index does not rule out
/// (`Snapshot.requiredAntiAffinityTerms(possiblySelecting:)`). The counts it stores can be
/// adjusted with `addPod`/`removePod` (preemption).
/// Namespace selectors are evaluated against `Snapshot.namespaceLabels`; a namespace missing
/// there has no labels.
public struct InterPodAffinity: PreFilterExtensions, FilterPlugin, PreScorePlugin, ScorePlugin {
    /// The plugin's name in Kubernetes: `InterPodAffinity`.
    public static let pluginName = "InterPodAffinity"
    /// Reason when the pod's required affinity fails (unresolvable by preemption).
    public static let errReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules"
    /// Reason when the pod's required anti-affinity fails.
    public static let errReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules"
    /// Reason when an existing pod's required anti-affinity rejects the pod.
    public static let errReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules"
    static let preFilterStateKey = CycleStateKey("PreFilter" + pluginName)
    static let preScoreStateKey = CycleStateKey("PreScore" + pluginName)

    /// The plugin's name, `InterPodAffinity`.
    public var name: String { Self.pluginName }
    /// Score weight given, per matching pair, to an existing pod's *required* affinity term that
    /// matches the incoming pod (Kubernetes' `hardPodAffinityWeight`, default 1; 0 disables it).
    public let hardPodAffinityWeight: Int
    /// When true, and the incoming pod has no preferred (anti-)affinity terms, scoring is
    /// skipped instead of evaluating existing pods' terms (Kubernetes'
    /// `ignorePreferredTermsOfExistingPods`, default false).
    public let ignorePreferredTermsOfExistingPods: Bool

    /// The plugin with Kubernetes' default arguments (`hardPodAffinityWeight` 1).
    public init() {
        self.init(hardPodAffinityWeight: 1)
    }

    /// The plugin with explicit `InterPodAffinityArgs`.
    public init(hardPodAffinityWeight: Int, ignorePreferredTermsOfExistingPods: Bool = false) {
        self.hardPodAffinityWeight = hardPodAffinityWeight
        self.ignorePreferredTermsOfExistingPods = ignorePreferredTermsOfExistingPods
    }

    /// What PreFilter computes for Filter.
    struct FilterState: Sendable, Equatable {
        /// Per domain: existing pods whose required anti-affinity terms match the incoming pod.
        var existingAntiAffinityCounts = TopologyCounts()
        /// Per domain: existing pods matching all the incoming pod's required affinity terms.
        var affinityCounts = TopologyCounts()
        /// Per domain: existing pods matching the incoming pod's required anti-affinity terms.
        var antiAffinityCounts = TopologyCounts()
        /// Whether the incoming pod matches all its own required affinity terms.
        var podMatchesOwnAffinityTerms = false
        /// Namespace labels as of PreFilter, for namespace selectors in `addPod`/`removePod`.
        var namespaceLabels: [String: [String: String]] = [:]
    }

    /// Counts of pods per topology domain, by topology key and then value. Zero entries are
    /// removed so that equal counts compare equal however they were reached. After `index`, the
    /// counts of each key are also kept by the snapshot's domain index, so that Filter reads a
    /// snapshot node's count without hashing its labels.
    struct TopologyCounts: Sendable, Equatable {
        private(set) var byKey: [String: [String: Int]] = [:]
        /// The counts of a key by domain index (`TopologyDomains`), from `index` on.
        private var tables: [DomainTable] = []
        /// Whether `tables` has every key of `byKey` (a key first counted after `index`, by
        /// preemption's what-ifs, has none).
        private var tablesCoverAllKeys = false

        private struct DomainTable: Sendable {
            let key: String
            let domains: TopologyDomains
            var counts: [Int]
        }

        /// Whether no domain has a non-zero count.
        var isEmpty: Bool { byKey.isEmpty }

        /// Equal when the counts are, however they are indexed.
        static func == (lhs: TopologyCounts, rhs: TopologyCounts) -> Bool { lhs.byKey == rhs.byKey }

        /// The count of domain `key`=`value`.
        subscript(key: String, value: String) -> Int { byKey[key]?[value] ?? 0 }

        /// Keeps the counts of each key counted so far, and of `keys`, by the domains of
        /// `snapshot`'s nodes as well.
        mutating func index(_ snapshot: Snapshot, alsoFor keys: [String]) {
            var all = Array(byKey.keys)
            for key in keys where byKey[key] == nil && !all.contains(key) { all.append(key) }
            tables = all.map { key in
                let domains = snapshot.domains(of: key)
                var counts = [Int](repeating: 0, count: domains.values.count)
                for (value, n) in byKey[key] ?? [:] {
                    if let d = domains.index(of: value) { counts[d] = n }
                }
                return DomainTable(key: key, domains: domains, counts: counts)
            }
            tablesCoverAllKeys = true
        }

        /// Adds `delta` to the domain of `key` on a node with `labels`; nothing when the node
        /// lacks the label.
        mutating func add(_ delta: Int, key: String, labels: [String: String]) {
            guard let value = labels[key] else { return }
            let updated = self[key, value] + delta
            if updated != 0 {
                byKey[key, default: [:]][value] = updated
            } else if var values = byKey[key] {
                values[value] = nil
                byKey[key] = values.isEmpty ? nil : values
            }
            if let t = tables.firstIndex(where: { $0.key == key }) {
                if let d = tables[t].domains.index(of: value) { tables[t].counts[d] = updated }
            } else {
                tablesCoverAllKeys = false
            }
        }

        /// The count of `key`'s domain on `node`; nil when the node lacks the label.
        func count(key: String, on node: NodeInfo) -> Int? {
            if let table = tables.first(where: { $0.key == key }), let d = table.domains.domain(of: node) {
                return d < 0 ? nil : table.counts[d]
            }
            guard let value = node.labels[key] else { return nil }
            return self[key, value]
        }

        /// Whether some label of `node` names a domain with a positive count.
        func anyPositive(on node: NodeInfo) -> Bool {
            guard tablesCoverAllKeys else { return anyPositive(in: node.labels) }
            for table in tables {
                guard let d = table.domains.domain(of: node) else { return anyPositive(in: node.labels) }
                if d >= 0 && table.counts[d] > 0 { return true }
            }
            return false
        }

        /// Whether some label of a node with `labels` names a domain with a positive count.
        func anyPositive(in labels: [String: String]) -> Bool {
            for (key, values) in byKey {
                if let value = labels[key], let n = values[value], n > 0 { return true }
            }
            return false
        }
    }

    /// Whether the label index shows that no pod on `node` can match an affinity term (all must
    /// match) or an anti-affinity term. Terms with a namespace selector are never ruled out.
    static func noPodCanMatch(_ affinity: [AffinityTerm], _ anti: [AffinityTerm], on node: NodeInfo) -> Bool {
        func ruledOut(_ term: AffinityTerm) -> Bool {
            guard let selector = term.selector, term.namespaceSelector == nil else { return term.selector == nil }
            return node.matchingUpperBound(selector, namespaces: term.namespaces) == 0
        }
        let affinityRuledOut = affinity.isEmpty || affinity.contains(where: ruledOut)
        return affinityRuledOut && anti.allSatisfy(ruledOut)
    }

    /// Whether `pod` matches every term (false for no terms), as Kubernetes'
    /// `podMatchesAllAffinityTerms`.
    static func matchesAll(_ terms: [AffinityTerm], _ pod: PodInfo, _ nsLabels: (String) -> [String: String]) -> Bool {
        if terms.isEmpty { return false }
        return terms.allSatisfy { $0.matches(pod, namespaceLabels: nsLabels) }
    }

    /// Counts, over the snapshot, the existing pods relevant to `pod`'s required terms and the
    /// existing pods whose required anti-affinity matches `pod`. Returns `.skip` when there is
    /// nothing to check.
    public func preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot) -> PluginStatus {
        let namespaceLabels = snapshot.namespaceLabels
        let lookup: (String) -> [String: String] = { namespaceLabels[$0] ?? [:] }
        let incomingNamespaceLabels = lookup(pod.namespace)
        let incomingLookup: (String) -> [String: String] = { _ in incomingNamespaceLabels }
        var s = FilterState()
        // Each distinct anti-affinity term of the existing pods that may select the pod is
        // matched once, then counted for every pod carrying it.
        for (term, holders) in snapshot.requiredAntiAffinityTerms(possiblySelecting: pod) where term.matches(pod, namespaceLabels: incomingLookup) {
            for (nodeName, times) in holders {
                guard let node = snapshot.node(named: nodeName) else { continue }
                s.existingAntiAffinityCounts.add(times, key: term.topologyKey, labels: node.labels)
            }
        }
        let affinityTerms = pod.requiredAffinityTerms
        let antiAffinityTerms = pod.requiredAntiAffinityTerms
        if s.existingAntiAffinityCounts.isEmpty && affinityTerms.isEmpty && antiAffinityTerms.isEmpty {
            return .skip
        }
        if !affinityTerms.isEmpty || !antiAffinityTerms.isEmpty {
            // Nodes none of whose pods any term could select are left out before the label
            // check below; the first affinity term stands for all (a match must match each).
            let candidates = snapshot.nodesPossiblyMatching(Array(affinityTerms.prefix(1)) + antiAffinityTerms)
            for node in candidates where !node.pods.isEmpty {
                // Most nodes hold no pod any term could select: the label index says so without a scan.
                if Self.noPodCanMatch(affinityTerms, antiAffinityTerms, on: node) { continue }
                for existing in node.pods.values {
                    if Self.matchesAll(affinityTerms, existing, lookup) {
                        for term in affinityTerms { s.affinityCounts.add(1, key: term.topologyKey, labels: node.labels) }
                    }
                    for term in antiAffinityTerms where term.matches(existing, namespaceLabels: lookup) {
                        s.antiAffinityCounts.add(1, key: term.topologyKey, labels: node.labels)
                    }
                }
            }
        }
        s.podMatchesOwnAffinityTerms = Self.matchesAll(affinityTerms, pod, lookup)
        s.namespaceLabels = namespaceLabels
        s.existingAntiAffinityCounts.index(snapshot, alsoFor: [])
        s.affinityCounts.index(snapshot, alsoFor: affinityTerms.map(\.topologyKey))
        s.antiAffinityCounts.index(snapshot, alsoFor: antiAffinityTerms.map(\.topologyKey))
        state.write(Self.preFilterStateKey, s)
        return .success
    }

    /// Updates the PreFilter counts as if `podToAdd` ran on `node`. Does nothing when PreFilter
    /// stored no state (it skipped).
    public func addPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo) {
        update(state, pod, podToAdd, node, delta: 1)
    }

    /// Updates the PreFilter counts as if `podToRemove` no longer ran on `node`. Does nothing
    /// when PreFilter stored no state (it skipped).
    public func removePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo) {
        update(state, pod, podToRemove, node, delta: -1)
    }

    private func update(_ state: CycleState, _ pod: PodInfo, _ other: PodInfo, _ node: NodeInfo, delta: Int) {
        guard var s = state.read(Self.preFilterStateKey, as: FilterState.self) else { return }
        let namespaceLabels = s.namespaceLabels
        let lookup: (String) -> [String: String] = { namespaceLabels[$0] ?? [:] }
        let incomingNamespaceLabels = lookup(pod.namespace)
        for term in other.requiredAntiAffinityTerms where term.matches(pod, namespaceLabels: { _ in incomingNamespaceLabels }) {
            s.existingAntiAffinityCounts.add(delta, key: term.topologyKey, labels: node.labels)
        }
        if Self.matchesAll(pod.requiredAffinityTerms, other, lookup) {
            for term in pod.requiredAffinityTerms { s.affinityCounts.add(delta, key: term.topologyKey, labels: node.labels) }
        }
        for term in pod.requiredAntiAffinityTerms where term.matches(other, namespaceLabels: lookup) {
            s.antiAffinityCounts.add(delta, key: term.topologyKey, labels: node.labels)
        }
        state.write(Self.preFilterStateKey, s)
    }

    /// Checks `pod`'s required affinity, its required anti-affinity and existing pods' required
    /// anti-affinity on `node`, in that order, using the PreFilter counts. Returns `.error` when
    /// PreFilter did not run.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        state.withValue(Self.preFilterStateKey, as: FilterState.self) { s in Self.filter(s, pod, node) }
            ?? PluginStatus(.error, ["error reading \"\(Self.preFilterStateKey)\" from cycleState: not found"])
    }

    /// Filter's decision on `node` from PreFilter's state, read in place.
    private static func filter(_ s: borrowing FilterState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        if !satisfiesPodAffinity(s, pod, node) {
            return .unresolvable(errReasonAffinityRulesNotMatch)
        }
        if !s.antiAffinityCounts.isEmpty {
            for term in pod.requiredAntiAffinityTerms {
                if let n = s.antiAffinityCounts.count(key: term.topologyKey, on: node), n > 0 {
                    return .unschedulable(errReasonAntiAffinityRulesNotMatch)
                }
            }
        }
        if !s.existingAntiAffinityCounts.isEmpty && s.existingAntiAffinityCounts.anyPositive(on: node) {
            return .unschedulable(errReasonExistingAntiAffinityRulesNotMatch)
        }
        return .success
    }

    /// Kubernetes' `satisfyPodAffinity`, including the first-pod-of-a-group exception.
    static func satisfiesPodAffinity(_ s: borrowing FilterState, _ pod: PodInfo, _ node: NodeInfo) -> Bool {
        var podsExist = true
        for term in pod.requiredAffinityTerms {
            // All topology labels must exist on the node.
            guard let n = s.affinityCounts.count(key: term.topologyKey, on: node) else { return false }
            if n <= 0 { podsExist = false }
        }
        if podsExist { return true }
        return s.affinityCounts.isEmpty && s.podMatchesOwnAffinityTerms
    }
}
