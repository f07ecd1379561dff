import Foundation
import KubeAPI

/// One ReplicaSet resize the controller should make, in order.
struct ScaleStep: Equatable {
    let name: String
    let from: Int
    let to: Int
}

/// The replica math of Kubernetes' deployment controller (`NewRSNewReplicas`,
/// `reconcileOldReplicaSets`, `scale`), as pure functions over in-memory ReplicaSets.
enum RolloutPlanning {
    /// The size the new ReplicaSet may grow to now (`NewRSNewReplicas`): for RollingUpdate, up
    /// to `replicas + maxSurge` pods in all, never past `replicas`; for Recreate, `replicas`.
    static func newReplicaSetReplicas(_ d: DeploymentInfo, all: [ReplicaSetInfo], newReplicas: Int) -> Int {
        guard d.isRollingUpdate else { return d.replicas }
        let maxTotal = d.replicas + d.maxSurge
        let current = all.specReplicas
        if current >= maxTotal { return newReplicas }
        return newReplicas + min(maxTotal - current, d.replicas - newReplicas)
    }

    /// The scale-downs of old ReplicaSets a rolling update may make now
    /// (`reconcileOldReplicaSets`): first the unavailable pods of old sets (oldest first, so
    /// broken pods never block a rollout), then available ones, keeping at least
    /// `replicas - maxUnavailable` available.
    static func oldReplicaSetScaleDowns(_ d: DeploymentInfo, old: [ReplicaSetInfo], new newRS: ReplicaSetInfo) -> [ScaleStep] {
        var olds = old.active.sorted(by: ReplicaSetInfo.olderFirst)
        guard olds.specReplicas > 0 else { return [] }
        let allPods = olds.specReplicas + newRS.replicas
        let minAvailable = d.replicas - d.maxUnavailable
        let newUnavailable = newRS.replicas - newRS.availableReplicas
        let maxScaledDown = allPods - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return [] }
        var steps: [ScaleStep] = []
        var cleaned = 0
        for i in olds.indices where cleaned < maxScaledDown {
            let rs = olds[i]
            guard rs.replicas > 0, rs.replicas != rs.availableReplicas else { continue }
            let count = min(maxScaledDown - cleaned, rs.replicas - rs.availableReplicas)
            guard count > 0 else { continue }
            steps.append(ScaleStep(name: rs.name, from: rs.replicas, to: rs.replicas - count))
            olds[i].replicas -= count
            cleaned += count
        }
        let available = olds.availableReplicas + newRS.availableReplicas
        guard available > minAvailable else { return steps }
        let total = available - minAvailable
        var scaled = 0
        for i in olds.indices where scaled < total {
            let rs = olds[i]
            guard rs.replicas > 0 else { continue }
            let count = min(rs.replicas, total - scaled)
            if let j = steps.firstIndex(where: { $0.name == rs.name }) {
                steps[j] = ScaleStep(name: rs.name, from: steps[j].from, to: rs.replicas - count)
            } else {
                steps.append(ScaleStep(name: rs.name, from: rs.replicas, to: rs.replicas - count))
            }
            scaled += count
        }
        return steps
    }

    /// The one ReplicaSet to carry all replicas when at most one is active (`FindActiveOrLatest`).
    static func activeOrLatest(new newRS: ReplicaSetInfo?, old: [ReplicaSetInfo]) -> ReplicaSetInfo? {
        let all = (newRS.map { [$0] } ?? []) + old
        let active = all.active
        switch active.count {
        case 0: return newRS ?? old.sorted(by: ReplicaSetInfo.olderFirst).last
        case 1: return active[0]
        default: return nil
        }
    }

    /// Whether `rs` runs the deployment's full size, all available (`IsSaturated`).
    static func isSaturated(_ d: DeploymentInfo, _ rs: ReplicaSetInfo?) -> Bool {
        guard let rs else { return false }
        return rs.desiredReplicasAnnotation == d.replicas && rs.replicas == d.replicas && rs.availableReplicas == d.replicas
    }

    /// Whether the deployment was resized since its active ReplicaSets were last annotated
    /// (`isScalingEvent`).
    static func isScalingEvent(_ d: DeploymentInfo, new newRS: ReplicaSetInfo?, old: [ReplicaSetInfo]) -> Bool {
        let all = ((newRS.map { [$0] } ?? []) + old).active
        return all.contains { rs in rs.desiredReplicasAnnotation.map { $0 != d.replicas } ?? false }
    }

    /// The resizes that follow a change of `spec.replicas` (`scale`): the single active set takes
    /// it all; a saturated new set makes old ones go to 0; otherwise, for RollingUpdate, every
    /// active set grows or shrinks in proportion to its size, leftovers to the largest.
    static func proportionalScale(_ d: DeploymentInfo, new newRS: ReplicaSetInfo?, old: [ReplicaSetInfo]) -> [ScaleStep] {
        if let one = activeOrLatest(new: newRS, old: old) {
            return one.replicas == d.replicas ? [] : [ScaleStep(name: one.name, from: one.replicas, to: d.replicas)]
        }
        if isSaturated(d, newRS) {
            return old.active.map { ScaleStep(name: $0.name, from: $0.replicas, to: 0) }
        }
        guard d.isRollingUpdate else { return [] }
        var all = ((newRS.map { [$0] } ?? []) + old).active
        let allowed = d.replicas > 0 ? d.replicas + d.maxSurge : 0
        let toAdd = allowed - all.specReplicas
        guard toAdd != 0, !all.isEmpty else { return [] }
        all.sort { a, b in
            if a.replicas != b.replicas { return a.replicas > b.replicas }
            // Scaling up favours newer sets on ties, scaling down older ones.
            return toAdd > 0 ? ReplicaSetInfo.olderFirst(b, a) : ReplicaSetInfo.olderFirst(a, b)
        }
        var added = 0
        var sizes: [Int] = []
        for rs in all {
            let p = proportion(rs, d, toAdd: toAdd, added: added)
            sizes.append(rs.replicas + p)
            added += p
        }
        sizes[0] = max(0, sizes[0] + toAdd - added)
        return zip(all, sizes).compactMap { rs, size in
            size == rs.replicas ? nil : ScaleStep(name: rs.name, from: rs.replicas, to: size)
        }
    }

    /// `GetProportion`: the share of `toAdd` for `rs`, bounded by what is left to add.
    static func proportion(_ rs: ReplicaSetInfo, _ d: DeploymentInfo, toAdd: Int, added: Int) -> Int {
        guard rs.replicas != 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction: Int
        if d.replicas == 0 {
            fraction = -rs.replicas
        } else {
            let annotated = rs.maxReplicasAnnotation ?? d.status.replicas
            let target = annotated > 0 ? (Double(rs.replicas * (d.replicas + d.maxSurge)) / Double(annotated)).rounded() : Double(rs.replicas)
            fraction = Int(target) - rs.replicas
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// The resizes of the Recreate strategy's first phase: every active old set to 0.
    static func recreateScaleDowns(old: [ReplicaSetInfo]) -> [ScaleStep] {
        old.active.map { ScaleStep(name: $0.name, from: $0.replicas, to: 0) }
    }

    /// Whether old pods may still run (`oldPodsRunning`): an old set still counts pods, or a
    /// pod of an old set (by `podPhases`, the phases of each set's pods) is not finished.
    static func oldPodsRunning(old: [ReplicaSetInfo], podPhases: [String: [String]]) -> Bool {
        if old.actualReplicas > 0 { return true }
        return old.contains { rs in
            (podPhases[rs.uid] ?? []).contains { $0 != "Failed" && $0 != "Succeeded" }
        }
    }
}
