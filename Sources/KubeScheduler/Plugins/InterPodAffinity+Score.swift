import KubeAPI

extension InterPodAffinity {
    /// What PreScore computes for Score: a score per topology domain (key, then value).
    struct ScoreState: Sendable, Equatable {
        var topologyScore: [String: [String: Int64]] = [:]

        /// Adds `weight * multiplier` to the domain of `term` on a node with `labels` when
        /// `pod` matches `term` (Kubernetes' `scoreMap.processTerm`).
        mutating func process(
            _ term: AffinityTerm, weight: Int, multiplier: Int, pod: PodInfo,
            namespaceLabels: (String) -> [String: String], labels: [String: String]
        ) {
            guard let value = labels[term.topologyKey], term.matches(pod, namespaceLabels: namespaceLabels) else { return }
            topologyScore[term.topologyKey, default: [:]][value, default: 0] += Int64(weight * multiplier)
        }

        mutating func process(
            _ terms: [WeightedAffinityTerm], multiplier: Int, pod: PodInfo,
            namespaceLabels: (String) -> [String: String], labels: [String: String]
        ) {
            for t in terms {
                process(t.term, weight: t.weight, multiplier: multiplier, pod: pod, namespaceLabels: namespaceLabels, labels: labels)
            }
        }
    }

    /// Sums, per topology domain over all nodes of the snapshot (not only `nodes`):
    /// + weight for each existing pod matching one of the pod's preferred affinity terms,
    /// - weight for each existing pod matching one of its preferred anti-affinity terms,
    /// + `hardPodAffinityWeight` for each required affinity term of an existing pod that the
    /// pod matches, and ± weight for each preferred affinity (anti-affinity) term of an existing
    /// pod that the pod matches. Existing pods on nodes without labels are ignored. The existing
    /// pods' terms are evaluated once per distinct term (`Snapshot.scoringTerms`); existing pods
    /// are walked only when the pod has preferred terms of its own. Returns `.skip` when no term
    /// produced a domain.
    public func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus {
        let hasConstraints = !pod.preferredAffinityTerms.isEmpty || !pod.preferredAntiAffinityTerms.isEmpty
        if !hasConstraints && (ignorePreferredTermsOfExistingPods || snapshot.podsWithAffinity == 0) { return .skip }
        let namespaceLabels = snapshot.namespaceLabels
        let lookup: (String) -> [String: String] = { namespaceLabels[$0] ?? [:] }
        let incomingNamespaceLabels = lookup(pod.namespace)
        let incomingLookup: (String) -> [String: String] = { _ in incomingNamespaceLabels }
        var s = ScoreState()
        if hasConstraints {
            for node in snapshot.nodes where !node.labels.isEmpty {
                for existing in node.pods.values {
                    s.process(pod.preferredAffinityTerms, multiplier: 1, pod: existing, namespaceLabels: lookup, labels: node.labels)
                    s.process(pod.preferredAntiAffinityTerms, multiplier: -1, pod: existing, namespaceLabels: lookup, labels: node.labels)
                }
            }
        }
        for (scoring, holders) in snapshot.scoringTerms {
            let weight = scoring.weight ?? hardPodAffinityWeight
            if scoring.weight == nil && hardPodAffinityWeight <= 0 { continue }
            guard scoring.term.matches(pod, namespaceLabels: incomingLookup) else { continue }
            let key = scoring.term.topologyKey
            for (nodeName, times) in holders {
                guard let value = snapshot.node(named: nodeName)?.labels[key] else { continue }
                s.topologyScore[key, default: [:]][value, default: 0] += Int64(weight * times)
            }
        }
        if s.topologyScore.isEmpty { return .skip }
        state.write(Self.preScoreStateKey, s)
        return .success
    }

    /// The sum of the PreScore domain scores of the domains `node` belongs to (positive for
    /// affinity, negative for anti-affinity); 0 when PreScore stored nothing.
    public func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 {
        guard let s = state.read(Self.preScoreStateKey, as: ScoreState.self) else { return 0 }
        var score: Int64 = 0
        for (key, values) in s.topologyScore {
            if let value = node.labels[key] { score += values[value] ?? 0 }
        }
        return score
    }

    /// Min-max normalisation as Kubernetes does it: `100 * (score - min) / (max - min)`,
    /// truncated; all scores become 0 when they are all equal. Unchanged when PreScore stored
    /// nothing.
    public func normalize(state: CycleState, pod: PodInfo, scores: inout [Int64]) {
        guard let s = state.read(Self.preScoreStateKey, as: ScoreState.self), !s.topologyScore.isEmpty else { return }
        var minCount = Int64.max
        var maxCount = Int64.min
        for score in scores {
            maxCount = max(maxCount, score)
            minCount = min(minCount, score)
        }
        let diff = maxCount - minCount
        for i in scores.indices {
            var f = 0.0
            if diff > 0 {
                f = Double(Framework.maxNodeScore) * (Double(scores[i] - minCount) / Double(diff))
            }
            scores[i] = Int64(f)
        }
    }
}
