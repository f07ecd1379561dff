import Foundation
import KubeAPI

/// How a Deployment's status follows its ReplicaSets (`calculateStatus`, `syncRolloutStatus`,
/// `checkPausedConditions`), as pure functions of the deployment, its sets and the time.
enum StatusPlanning {
    /// Counts from the ReplicaSets, and Available by whether `replicas - maxUnavailable` pods are
    /// available (`calculateStatus`).
    static func calculate(_ d: DeploymentInfo, all: [ReplicaSetInfo], new newRS: ReplicaSetInfo?, now: Date) -> DeploymentStatusInfo {
        var s = DeploymentStatusInfo()
        s.observedGeneration = d.generation
        s.replicas = all.actualReplicas
        s.updatedReplicas = newRS?.actualReplicas ?? 0
        s.readyReplicas = all.readyReplicas
        s.availableReplicas = all.availableReplicas
        s.unavailableReplicas = max(0, all.specReplicas - s.availableReplicas)
        s.terminatingReplicas = terminatingReplicas(all)
        s.collisionCount = d.status.collisionCount
        s.conditions = d.status.conditions
        if s.availableReplicas >= d.replicas - d.maxUnavailable {
            s.set(DeploymentCondition(
                DeploymentReasons.available, "True", reason: DeploymentReasons.minimumReplicasAvailable,
                message: "Deployment has minimum availability.", now: now))
        } else {
            s.set(DeploymentCondition(
                DeploymentReasons.available, "False", reason: DeploymentReasons.minimumReplicasUnavailable,
                message: "Deployment does not have minimum availability.", now: now))
        }
        return s
    }

    /// `GetTerminatingReplicaCountForReplicaSets`: the sum over the sets, sets never synced
    /// counting nothing; nil when a synced set does not report the count.
    static func terminatingReplicas(_ sets: [ReplicaSetInfo]) -> Int? {
        var sum = 0
        for rs in sets {
            if let n = rs.object["status"]?["terminatingReplicas"]?.intValue {
                sum += Int(n)
            } else if rs.observedGeneration != 0 {
                return nil
            }
        }
        return sum
    }

    /// `DeploymentComplete`: every replica updated and available, nothing old left, generation seen.
    static func isComplete(_ d: DeploymentInfo, _ s: DeploymentStatusInfo) -> Bool {
        s.updatedReplicas == d.replicas && s.replicas == d.replicas && s.availableReplicas == d.replicas
            && s.observedGeneration >= d.generation
    }

    /// `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones, than
    /// the status the deployment carries.
    static func isProgressing(_ d: DeploymentInfo, _ s: DeploymentStatusInfo) -> Bool {
        let old = d.status
        return s.updatedReplicas > old.updatedReplicas || (s.replicas - s.updatedReplicas) < (old.replicas - old.updatedReplicas)
            || s.readyReplicas > old.readyReplicas || s.availableReplicas > old.availableReplicas
    }

    /// `DeploymentTimedOut`: the Progressing condition was last updated more than the deadline ago.
    static func hasTimedOut(_ d: DeploymentInfo, _ s: DeploymentStatusInfo, now: Date) -> Bool {
        guard let deadline = d.progressDeadlineSeconds, let c = s.condition(DeploymentReasons.progressing) else { return false }
        if c.reason == DeploymentReasons.newReplicaSetAvailable { return false }
        if c.reason == DeploymentReasons.progressDeadlineExceeded { return true }
        guard let from = Timestamp.parse(c.lastUpdateTime) else { return false }
        return from.addingTimeInterval(TimeInterval(deadline)) < now
    }

    /// The status of a rollout (`syncRolloutStatus`): counts, Available, and Progressing as
    /// NewReplicaSetAvailable, ReplicaSetUpdated (on progress) or ProgressDeadlineExceeded.
    static func rollout(_ d: DeploymentInfo, all: [ReplicaSetInfo], new newRS: ReplicaSetInfo?, now: Date) -> DeploymentStatusInfo {
        var s = progress(d, all: all, new: newRS, now: now)
        if let failure = replicaFailure(all: all, new: newRS) { s.set(failure) } else { s.remove(DeploymentReasons.replicaFailure) }
        return s
    }

    /// The first ReplicaFailure condition of the new ReplicaSet, else of any set, as a
    /// deployment condition (`getReplicaFailures`).
    static func replicaFailure(all: [ReplicaSetInfo], new newRS: ReplicaSetInfo?) -> DeploymentCondition? {
        for rs in (newRS.map { [$0] } ?? []) + all {
            for c in rs.object["status"]?["conditions"]?.arrayValue ?? [] where c["type"]?.stringValue == DeploymentReasons.replicaFailure {
                guard var condition = DeploymentCondition(json: c) else { continue }
                condition.lastUpdateTime = condition.lastTransitionTime
                return condition
            }
        }
        return nil
    }

    /// Counts, Available and Progressing of a rollout.
    static func progress(_ d: DeploymentInfo, all: [ReplicaSetInfo], new newRS: ReplicaSetInfo?, now: Date) -> DeploymentStatusInfo {
        var s = calculate(d, all: all, new: newRS, now: now)
        guard d.progressDeadlineSeconds != nil else {
            s.remove(DeploymentReasons.progressing)
            return s
        }
        let current = d.status.condition(DeploymentReasons.progressing)
        let completed = s.replicas == s.updatedReplicas && current?.reason == DeploymentReasons.newReplicaSetAvailable
        guard !completed else { return s }
        let subject = newRS.map { "ReplicaSet \"\($0.name)\"" } ?? "Deployment \"\(d.name)\""
        if isComplete(d, s) {
            s.set(DeploymentCondition(
                DeploymentReasons.progressing, "True", reason: DeploymentReasons.newReplicaSetAvailable,
                message: "\(subject) has successfully progressed.", now: now))
        } else if isProgressing(d, s) {
            var c = DeploymentCondition(
                DeploymentReasons.progressing, "True", reason: DeploymentReasons.replicaSetUpdated,
                message: "\(subject) is progressing.", now: now)
            if let current, current.status == "True" { c.lastTransitionTime = current.lastTransitionTime }
            s.remove(DeploymentReasons.progressing)
            s.set(c)
        } else if hasTimedOut(d, s, now: now) {
            s.set(DeploymentCondition(
                DeploymentReasons.progressing, "False", reason: DeploymentReasons.progressDeadlineExceeded,
                message: "\(subject) has timed out progressing.", now: now))
        }
        return s
    }

    /// When to look at an unfinished rollout again so a missed deadline is reported
    /// (`requeueStuckDeployment`); nil when nothing is pending.
    static func recheckAfter(_ d: DeploymentInfo, _ s: DeploymentStatusInfo, now: Date) -> Duration? {
        guard let deadline = d.progressDeadlineSeconds, let c = d.status.condition(DeploymentReasons.progressing),
            !isComplete(d, s), c.reason != DeploymentReasons.progressDeadlineExceeded,
            let from = Timestamp.parse(c.lastUpdateTime)
        else { return nil }
        let after = from.addingTimeInterval(TimeInterval(deadline)).timeIntervalSince(now)
        return after < 1 ? .milliseconds(10) : .seconds(after + 1)
    }

    /// The Progressing condition for a pause or resume (`checkPausedConditions`), or nil when
    /// the status already says so (or reports a timeout, which a pause never hides).
    static func pausedStatus(_ d: DeploymentInfo, now: Date) -> DeploymentStatusInfo? {
        guard d.progressDeadlineSeconds != nil else { return nil }
        let c = d.status.condition(DeploymentReasons.progressing)
        if c?.reason == DeploymentReasons.progressDeadlineExceeded { return nil }
        let pausedShown = c?.reason == DeploymentReasons.paused
        var s = d.status
        if d.paused && !pausedShown {
            s.set(DeploymentCondition(
                DeploymentReasons.progressing, "Unknown", reason: DeploymentReasons.paused, message: "Deployment is paused", now: now))
        } else if !d.paused && pausedShown {
            s.set(DeploymentCondition(
                DeploymentReasons.progressing, "Unknown", reason: DeploymentReasons.resumed, message: "Deployment is resumed", now: now))
        } else {
            return nil
        }
        return s
    }
}
