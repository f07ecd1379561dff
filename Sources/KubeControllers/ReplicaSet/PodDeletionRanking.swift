import Foundation

/// Which pods go first on scale-down, as Kubernetes' `ActivePodsWithRanks` orders them (with the
/// default `LogarithmicScaleDown`): unassigned before assigned; Pending before Unknown before
/// Running; not ready before ready; lower deletion cost first; pods doubled up on a node with
/// their siblings first; ready for less time first; more restarts first; newer first.
enum PodDeletionRanking {
    /// The `count` pods of `pods` to delete, in deletion order. `pods` are the owner's active pods;
    /// a pod's rank is the number of those pods on its node.
    static func podsToDelete(_ pods: [PodFacts], count: Int, now: Date) -> [PodFacts] {
        guard count > 0 else { return [] }
        guard count < pods.count else { return pods }
        var perNode: [String: Int] = [:]
        for pod in pods where !pod.nodeName.isEmpty { perNode[pod.nodeName, default: 0] += 1 }
        let ranked = pods.map { (pod: $0, rank: $0.nodeName.isEmpty ? 0 : perNode[$0.nodeName] ?? 0) }
        let sorted = ranked.sorted { deletesBefore($0.pod, rank: $0.rank, $1.pod, rank: $1.rank, now: now) }
        return sorted.prefix(count).map(\.pod)
    }

    /// Whether `a` (with `rankA` siblings on its node) should be deleted before `b`.
    static func deletesBefore(_ a: PodFacts, rank rankA: Int, _ b: PodFacts, rank rankB: Int, now: Date) -> Bool {
        if a.nodeName != b.nodeName, a.nodeName.isEmpty || b.nodeName.isEmpty { return a.nodeName.isEmpty }
        let phaseA = phaseOrdinal(a.phase)
        let phaseB = phaseOrdinal(b.phase)
        if phaseA != phaseB { return phaseA < phaseB }
        if a.ready != b.ready { return !a.ready }
        if a.deletionCost != b.deletionCost { return a.deletionCost < b.deletionCost }
        if rankA != rankB { return rankA > rankB }
        if a.ready, b.ready, a.readySince != b.readySince {
            return newerFirst(a.readySince, b.readySince, uids: (a.uid, b.uid), now: now)
        }
        if a.restarts != b.restarts { return a.restarts > b.restarts }
        if a.created != b.created { return newerFirst(a.created, b.created, uids: (a.uid, b.uid), now: now) }
        return false
    }

    /// Pending 0, Unknown 1, Running 2 (any other phase counts as Pending), as `podPhaseToOrdinal`.
    static func phaseOrdinal(_ phase: String) -> Int {
        switch phase {
        case "Unknown": 1
        case "Running": 2
        default: 0
        }
    }

    /// Empty before newer before older, comparing ages in powers of two (pods in the same bucket
    /// are ordered by uid).
    static func newerFirst(_ a: Date?, _ b: Date?, uids: (String, String), now: Date) -> Bool {
        guard let a, let b else { return a == nil }
        let diff = logarithmicRank(a, now: now) - logarithmicRank(b, now: now)
        if diff == 0 { return uids.0 < uids.1 }
        return diff < 0
    }

    /// floor(log2(age in nanoseconds)), -1 for a time not in the past.
    static func logarithmicRank(_ time: Date, now: Date) -> Int64 {
        let nanos = now.timeIntervalSince(time) * 1e9
        guard nanos > 0 else { return -1 }
        return Int64(log2(nanos).rounded(.down))
    }
}
