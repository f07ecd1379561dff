import Foundation
import KubeAPI

/// What taint-based eviction does with one pod on a node with `NoExecute` taints.
enum EvictionDecision: Equatable, Sendable {
    /// The pod stays: no `NoExecute` taints, or it tolerates them all without a time limit.
    case stay
    /// Delete the pod now: a taint it does not tolerate, or its toleration time is up.
    case evictNow
    /// Delete the pod at this time unless the taints go away first.
    case evictAt(Date)
}

/// The decision rules of Kubernetes' taint eviction controller, as pure functions.
enum EvictionDeadline {
    /// The decision for a pod with `tolerations` on a node with `taints` (only `NoExecute` ones
    /// count), each with the time it was added. Every taint must be tolerated (by the first
    /// toleration matching it, as `GetMatchingTolerations` picks); a toleration with
    /// `tolerationSeconds` lets the pod stay that long after its taint was added (a negative or
    /// zero value means not at all); the earliest such time wins.
    static func decide(taints: [(taint: Taint, added: Date)], tolerations: [Toleration], now: Date) -> EvictionDecision {
        var deadline: Date?
        for (taint, added) in taints where taint.effect == "NoExecute" {
            guard let used = tolerations.first(where: { $0.tolerates(taint) }) else { return .evictNow }
            guard let seconds = used.tolerationSeconds else { continue }
            let at = added.addingTimeInterval(TimeInterval(max(0, seconds)))
            deadline = min(deadline ?? at, at)
        }
        guard let deadline else { return .stay }
        return deadline <= now ? .evictNow : .evictAt(deadline)
    }
}
