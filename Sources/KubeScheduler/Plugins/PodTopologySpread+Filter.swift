import KubeAPI

extension PodTopologySpread {
    /// Matching-pod counts of one constraint per eligible domain, with the exact global minimum
    /// kept up to date under `add` (Kubernetes keeps two "critical paths" instead, which agree
    /// with this for the single-node updates preemption makes).
    struct DomainCounts: Sendable, Equatable {
        /// Matching pods per eligible domain (topology value); zero entries are kept.
        private(set) var matchNum: [String: Int] = [:]
        /// How many domains hold each count; no zero entries.
        private var domainsAtCount: [Int: Int] = [:]
        /// The smallest count over the domains (`Int32.max` when there are none, as Kubernetes).
        private(set) var minMatch = Int(Int32.max)

        /// Counts from a finished tally.
        init(_ matchNum: [String: Int] = [:]) {
            self.matchNum = matchNum
            for n in matchNum.values { domainsAtCount[n, default: 0] += 1 }
            minMatch = domainsAtCount.keys.min() ?? Int(Int32.max)
        }

        /// The number of eligible domains.
        var domainCount: Int { matchNum.count }

        /// Adds `delta` pods to domain `value` (creating the domain when new).
        mutating func add(_ delta: Int, to value: String) {
            let old = matchNum[value]
            let new = (old ?? 0) + delta
            matchNum[value] = new
            if let old {
                let left = (domainsAtCount[old] ?? 0) - 1
                domainsAtCount[old] = left == 0 ? nil : left
            }
            domainsAtCount[new, default: 0] += 1
            if new < minMatch {
                minMatch = new
            } else if let old, old == minMatch, domainsAtCount[old] == nil {
                minMatch = domainsAtCount.keys.min() ?? Int(Int32.max)
            }
        }
    }

    /// What PreFilter computes for Filter.
    struct FilterState: Sendable, Equatable {
        var constraints: [Constraint] = []
        /// Indexed like `constraints`.
        var counts: [DomainCounts] = []
        /// Whether the incoming pod matches each constraint's selector (it counts itself where
        /// it lands); indexed like `constraints`.
        var selfMatches: [Bool] = []
        /// The snapshot's domains of each constraint's topology key; indexed like `constraints`.
        var domains: [TopologyDomains] = []
        /// `counts`' matching pods again, by domain index (0 for a domain that is not eligible),
        /// so that Filter reads a snapshot node's count without hashing its label; indexed like
        /// `constraints`.
        var matchByDomain: [[Int]] = []
    }

    /// Counts matching pods per eligible domain for each `DoNotSchedule` constraint. Returns
    /// `.skip` when the pod has none, `.error` for an invalid label selector.
    public func preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot) -> PluginStatus {
        let constraints: [Constraint]
        do {
            constraints = try Self.constraints(of: pod, action: "DoNotSchedule")
        } catch {
            return PluginStatus(.error, ["get constraints from pod: \(error)"])
        }
        if constraints.isEmpty { return .skip }
        var inclusion = InclusionCheck(pod)
        let namespace = pod.namespace
        let nodes = snapshot.nodes
        let domains = constraints.map { snapshot.domains(of: $0.topologyKey) }
        let everyNodeIncluded = constraints.allSatisfy(inclusion.includesEveryNode)
        // Matching pods per domain index; -1 while no counted node is in the domain (it is then
        // not eligible).
        var tallies = domains.map { [Int](repeating: -1, count: $0.values.count) }
        /// Whether node `n` carries every constraint's topology key (a node that lacks one is
        /// not counted).
        func carriesEveryKey(_ n: Int) -> Bool { domains.allSatisfy { $0.domain(atNodeIndex: n) >= 0 } }
        // The eligible domains: those of the nodes that carry every key and that the constraint
        // includes (when the pod's policies include every node, the labels alone tell).
        for n in nodes.indices where carriesEveryKey(n) {
            inclusion.reset()
            for i in constraints.indices where everyNodeIncluded || inclusion.includes(nodes[n], for: constraints[i]) {
                let d = domains[i].domain(atNodeIndex: n)
                tallies[i][d] = max(tallies[i][d], 0)
            }
        }
        // The counts, from the nodes whose pods each selector could match (the snapshot's label
        // index): every other node counts zero without a look at its pods.
        for (i, c) in constraints.enumerated() {
            guard let selector = c.selector, !selector.isEmpty else { continue }
            for n in snapshot.nodeIndicesPossiblyMatching(selector, namespace: namespace) ?? Array(nodes.indices) where carriesEveryKey(n) {
                inclusion.reset()
                guard everyNodeIncluded || inclusion.includes(nodes[n], for: c) else { continue }
                tallies[i][domains[i].domain(atNodeIndex: n)] += c.count(on: nodes[n], namespace: namespace)
            }
        }
        let counts = zip(domains, tallies).map { domains, tally in
            var matchNum: [String: Int] = [:]
            for (d, n) in tally.enumerated() where n >= 0 { matchNum[domains.values[d]] = n }
            return DomainCounts(matchNum)
        }
        state.write(
            Self.preFilterStateKey,
            FilterState(
                constraints: constraints, counts: counts, selfMatches: constraints.map { $0.matches(pod.labels) }, domains: domains,
                matchByDomain: tallies.map { $0.map { max($0, 0) } }))
        return .success
    }

    /// Updates the counts as if `podToAdd` ran on `node`; nothing when PreFilter skipped.
    public func addPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo) {
        update(state, pod, podToAdd, node, delta: 1)
    }

    /// Updates the counts as if `podToRemove` no longer ran on `node`; nothing when PreFilter
    /// skipped.
    public func removePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo) {
        update(state, pod, podToRemove, node, delta: -1)
    }

    private func update(_ state: CycleState, _ pod: PodInfo, _ other: PodInfo, _ node: NodeInfo, delta: Int) {
        guard var s = state.read(Self.preFilterStateKey, as: FilterState.self), !s.constraints.isEmpty,
            other.namespace == pod.namespace, Self.hasAllKeys(node.labels, s.constraints)
        else { return }
        var inclusion = InclusionCheck(pod)
        for (i, c) in s.constraints.enumerated() where c.counts(other, namespace: pod.namespace) {
            guard inclusion.includes(node, for: c), let domain = node.labels[c.topologyKey] else { continue }
            s.counts[i].add(delta, to: domain)
            if let d = s.domains[i].index(of: domain) { s.matchByDomain[i][d] += delta }
        }
        state.write(Self.preFilterStateKey, s)
    }

    /// Checks every `DoNotSchedule` constraint on `node` (see the type's contract). Returns
    /// `.error` when PreFilter did not run.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        state.withValue(Self.preFilterStateKey, as: FilterState.self) { s in Self.filter(s, node) }
            ?? PluginStatus(.error, ["reading \"\(Self.preFilterStateKey)\" from cycleState: not found"])
    }

    /// Filter's decision on `node` from PreFilter's state, read in place.
    private static func filter(_ s: borrowing FilterState, _ node: NodeInfo) -> PluginStatus {
        for i in s.constraints.indices {
            let matchNum: Int
            if let domain = s.domains[i].domain(of: node) {
                if domain < 0 { return .unresolvable(Self.errReasonNodeLabelNotMatch) }
                matchNum = s.matchByDomain[i][domain]
            } else {
                // Not the snapshot's node (a preemption what-if copy): found by its label.
                guard let value = node.labels[s.constraints[i].topologyKey] else {
                    return .unresolvable(Self.errReasonNodeLabelNotMatch)
                }
                matchNum = s.counts[i].matchNum[value] ?? 0
            }
            let minMatch = s.counts[i].domainCount < s.constraints[i].minDomains ? 0 : s.counts[i].minMatch
            let selfMatch = s.selfMatches[i] ? 1 : 0
            if matchNum + selfMatch - minMatch > s.constraints[i].maxSkew {
                return .unschedulable(Self.errReasonConstraintsNotMatch)
            }
        }
        return .success
    }
}
