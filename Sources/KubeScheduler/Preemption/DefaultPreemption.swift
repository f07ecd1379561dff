/// Kubernetes' DefaultPreemption, as a pure decision: for a pod that fits nowhere, find the node
/// where evicting the fewest, least important lower-priority pods lets it fit.
public enum DefaultPreemption {
    /// A node and the pods to evict there.
    public struct Candidate: Sendable {
        /// The node the preemptor is nominated to.
        public var nodeName: String
        /// Pods to evict, most important first.
        public var victims: [PodInfo]
    }

    /// The outcome: a candidate, or the text added to the FailedScheduling message.
    public enum Outcome: Sendable {
        /// Evict `victims` on `nodeName`.
        case preempt(Candidate)
        /// No node helps; the message explains why (`preemption: 0/3 nodes are available: ...`).
        case notHelpful(message: String)
    }

    /// Why a node cannot help, as Kubernetes words it.
    static let notHelpful = "Preemption is not helpful for scheduling"
    static let noVictims = "No preemption victims found for incoming pod"

    /// Finds where `pod` could run after preemption, given why it failed (`error`).
    public static func evaluate(_ pod: PodInfo, _ error: FitError, profile: SchedulingProfile, snapshot: Snapshot) -> Outcome {
        let all = snapshot.nodes.count
        if pod.pod.spec?.preemptionPolicy == "Never" {
            return .notHelpful(message: "preemption: not eligible due to preemptionPolicy=Never.")
        }
        let (state, preStatus, skipped) = profile.preFilterState(pod, snapshot)
        if !preStatus.isSuccess {
            return .notHelpful(message: "preemption: 0/\(all) nodes are available: \(all) \(notHelpful).")
        }
        var reasons: [String: Int] = [:]
        var candidates: [Candidate] = []
        let wanted = max(100, all / 10)
        for node in snapshot.nodes {
            if let status = error.nodeStatuses[node.name], status.code == .unschedulableAndUnresolvable {
                reasons[notHelpful, default: 0] += 1
                continue
            }
            if let victims = selectVictims(pod, on: node, state: state, skipped: skipped, profile: profile) {
                candidates.append(Candidate(nodeName: node.name, victims: victims))
                if candidates.count >= wanted { break }
            } else {
                reasons[noVictims, default: 0] += 1
            }
        }
        guard let best = pickBest(candidates) else {
            let histogram = reasons.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
            return .notHelpful(message: "preemption: 0/\(all) nodes are available: \(histogram).")
        }
        return .preempt(best)
    }

    /// The lower-priority pods to evict on `node` so that `pod` fits, keeping (reprieving) as
    /// many of the most important ones as possible; nil when even evicting all does not help.
    static func selectVictims(
        _ pod: PodInfo, on node: NodeInfo, state: CycleState, skipped: Set<String>, profile: SchedulingProfile
    ) -> [PodInfo]? {
        let lower = node.pods.values.filter { $0.priority < pod.priority }
        if lower.isEmpty { return nil }
        let trial = node.clone()
        let trialState = state.clone()
        let extensions = profile.preFilterExtensions.filter { !skipped.contains($0.name) }
        for victim in lower {
            trial.remove(key: victim.key)
            for e in extensions { e.removePod(state: trialState, pod: pod, podToRemove: victim, node: trial) }
        }
        guard profile.runFilters(trialState, pod, trial, skipped: skipped).isSuccess else { return nil }
        // Most important first: higher priority, then older.
        let ordered = lower.sorted { a, b in
            a.priority != b.priority ? a.priority > b.priority : (a.pod.metadata.creationTimestamp ?? "") < (b.pod.metadata.creationTimestamp ?? "")
        }
        var victims: [PodInfo] = []
        for candidate in ordered {
            trial.add(candidate)
            for e in extensions { e.addPod(state: trialState, pod: pod, podToAdd: candidate, node: trial) }
            if !profile.runFilters(trialState, pod, trial, skipped: skipped).isSuccess {
                trial.remove(key: candidate.key)
                for e in extensions { e.removePod(state: trialState, pod: pod, podToRemove: candidate, node: trial) }
                victims.append(candidate)
            }
        }
        return victims
    }

    /// Kubernetes' order of preference: lowest highest-victim priority, then lowest sum of
    /// priorities, then fewest victims, then the latest-started most important victim.
    static func pickBest(_ candidates: [Candidate]) -> Candidate? {
        func key(_ c: Candidate) -> (Int, Int, Int) {
            (c.victims.first?.priority ?? Int.min, c.victims.reduce(0) { $0 + $1.priority }, c.victims.count)
        }
        return candidates.min { a, b in
            let ka = key(a)
            let kb = key(b)
            if ka != kb { return ka < kb }
            return (a.victims.first?.pod.metadata.creationTimestamp ?? "") > (b.victims.first?.pod.metadata.creationTimestamp ?? "")
        }
    }
}
