import Foundation
import KubeAPI

extension PodTopologySpread {
    /// Raw score of a node that lacks some constraint's topology key; `normalize` turns it into
    /// 0. Valid raw scores are never negative (`count * weight + maxSkew - 1`, maxSkew >= 1).
    static let invalidScore: Int64 = -1

    /// What PreScore computes for Score.
    struct ScoreState: Sendable, Equatable {
        var constraints: [Constraint] = []
        /// Feasible nodes lacking some constraint's topology key.
        var ignoredNodes: Set<String> = []
        /// Matching pods per domain of the feasible nodes, indexed like `constraints` (empty
        /// for hostname constraints, which Score counts on the node itself).
        var podCounts: [[String: Int64]] = []
        /// `log(domains + 2)` per constraint, so that small topologies are not watered down.
        var normalizingWeights: [Double] = []
    }

    /// Prepares scoring for the pod's `ScheduleAnyway` constraints: the domains of the feasible
    /// `nodes` (those lacking a key are ignored and score 0), the matching pods per domain over
    /// all nodes of the snapshot that pass the node inclusion policies, and per-constraint
    /// weights `log(domain count + 2)` (the feasible-node count for `kubernetes.io/hostname`).
    /// Returns `.skip` when the pod has no such constraint or the snapshot has no node.
    public func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus {
        if snapshot.nodes.isEmpty { return .skip }
        let constraints: [Constraint]
        do {
            constraints = try Self.constraints(of: pod, action: "ScheduleAnyway")
        } catch {
            return PluginStatus(.error, ["calculating preScoreState: obtaining pod's soft topology spread constraints: \(error)"])
        }
        if constraints.isEmpty { return .skip }
        var s = ScoreState(constraints: constraints)
        s.podCounts = [[String: Int64]](repeating: [:], count: constraints.count)
        var sizes = [Int](repeating: 0, count: constraints.count)
        for node in nodes {
            guard Self.hasAllKeys(node.labels, constraints) else {
                s.ignoredNodes.insert(node.name)
                continue
            }
            for (i, c) in constraints.enumerated() where c.topologyKey != Self.labelHostname {
                guard let value = node.labels[c.topologyKey] else { continue }
                if s.podCounts[i][value] == nil {
                    s.podCounts[i][value] = 0
                    sizes[i] += 1
                }
            }
        }
        s.normalizingWeights = constraints.indices.map { i in
            let size = constraints[i].topologyKey == Self.labelHostname ? nodes.count - s.ignoredNodes.count : sizes[i]
            return log(Double(size + 2))
        }
        var inclusion = InclusionCheck(pod)
        let namespace = pod.namespace
        for node in snapshot.nodes {
            let labels = node.labels
            guard Self.hasAllKeys(labels, constraints) else { continue }
            inclusion.reset()
            for (i, c) in constraints.enumerated() where inclusion.includes(node, for: c) {
                guard let value = labels[c.topologyKey], let current = s.podCounts[i][value] else { continue }
                s.podCounts[i][value] = current + Int64(c.count(on: node, namespace: namespace))
            }
        }
        state.write(Self.preScoreStateKey, s)
        return .success
    }

    /// The weighted matching-pod count of `node`'s domains, `round(sum(count * weight +
    /// maxSkew - 1))`, lower being better; `invalidScore` (-1) for an ignored node, 0 when
    /// PreScore stored nothing.
    public func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 {
        guard let s = state.read(Self.preScoreStateKey, as: ScoreState.self) else { return 0 }
        if s.ignoredNodes.contains(node.name) { return Self.invalidScore }
        var score = 0.0
        for (i, c) in s.constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else { continue }
            let count: Int64
            if c.topologyKey == Self.labelHostname {
                count = Int64(c.count(on: node, namespace: pod.namespace))
            } else {
                count = s.podCounts[i][value] ?? 0
            }
            score += Double(count) * s.normalizingWeights[i] + Double(c.maxSkew - 1)
        }
        return Int64(score.rounded())
    }

    /// Kubernetes' reversal: ignored nodes get 0; if the highest raw score is 0 every other node
    /// gets 100; otherwise `100 * (max + min - score) / max` (integer arithmetic), so fewer
    /// matching pods score higher. Unchanged when PreScore stored nothing.
    public func normalize(state: CycleState, pod: PodInfo, scores: inout [Int64]) {
        guard state.read(Self.preScoreStateKey, as: ScoreState.self) != nil else { return }
        var minScore = Int64.max
        var maxScore: Int64 = 0
        for score in scores where score != Self.invalidScore {
            minScore = min(minScore, score)
            maxScore = max(maxScore, score)
        }
        for i in scores.indices {
            if scores[i] == Self.invalidScore {
                scores[i] = 0
            } else if maxScore == 0 {
                scores[i] = Framework.maxNodeScore
            } else {
                scores[i] = Framework.maxNodeScore * (maxScore + minScore - scores[i]) / maxScore
            }
        }
    }
}
