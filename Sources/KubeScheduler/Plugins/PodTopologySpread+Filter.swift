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
        var tallies = [[String: Int]](repeating: [:], count: constraints.count)
        var inclusion = InclusionCheck(pod)
        let namespace = pod.namespace
        // The nodes whose pods each selector could match, from the snapshot's label index: every
        // other node counts zero without a look at its pods.
        let candidates = constraints.map { c in c.selector.flatMap { snapshot.nodesPossiblyMatching($0, namespace: namespace) } }
        var domains = [String](repeating: "", count: constraints.count)
        nodes: for node in snapshot.nodes {
            let labels = node.labels
            // A node lacking any constraint's topology key is not counted.
            for i in constraints.indices {
                guard let domain = labels[constraints[i].topologyKey] else { continue nodes }
                domains[i] = domain
            }
            inclusion.reset()
            for i in constraints.indices where inclusion.includes(node, for: constraints[i]) {
                let possible = candidates[i].map { $0.contains(ObjectIdentifier(node)) } ?? true
                tallies[i][domains[i], default: 0] += possible ? constraints[i].count(on: node, namespace: namespace) : 0
            }
        }
        state.write(
            Self.preFilterStateKey,
            FilterState(constraints: constraints, counts: tallies.map(DomainCounts.init), selfMatches: constraints.map { $0.matches(pod.labels) }))
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
        }
        state.write(Self.preFilterStateKey, s)
    }

    /// Checks every `DoNotSchedule` constraint on `node` (see the type's contract). Returns
    /// `.error` when PreFilter did not run.
    public func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        guard let s = state.read(Self.preFilterStateKey, as: FilterState.self) else {
            return PluginStatus(.error, ["reading \"\(Self.preFilterStateKey)\" from cycleState: not found"])
        }
        for (i, c) in s.constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else {
                return .unresolvable(Self.errReasonNodeLabelNotMatch)
            }
            let counts = s.counts[i]
            let minMatch = counts.domainCount < c.minDomains ? 0 : counts.minMatch
            let selfMatch = s.selfMatches[i] ? 1 : 0
            let matchNum = counts.matchNum[value] ?? 0
            if matchNum + selfMatch - minMatch > c.maxSkew {
                return .unschedulable(Self.errReasonConstraintsNotMatch)
            }
        }
        return .success
    }
}
