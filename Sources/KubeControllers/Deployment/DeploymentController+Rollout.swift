import Foundation
import KubeAPI
import KubeClient

extension DeploymentController {
    /// `rolloutRolling`: grow the new ReplicaSet within maxSurge, else shrink old ones within
    /// maxUnavailable, else prune history once complete; then the rollout status.
    func rolloutRolling(_ d: inout DeploymentInfo, _ sets: [ReplicaSetInfo]) async throws -> Requeue {
        var (found, old) = try await syncRevision(&d, sets, create: true)
        guard var newRS = found else { return .done }
        if newRS.replicas != d.replicas {
            let target =
                newRS.replicas > d.replicas
                ? d.replicas : RolloutPlanning.newReplicaSetReplicas(d, all: old + [newRS], newReplicas: newRS.replicas)
            if target != newRS.replicas {
                newRS = try await scale(newRS, to: target, d)
                return try await syncRolloutStatus(&d, all: old + [newRS], new: newRS)
            }
        }
        let downs = RolloutPlanning.oldReplicaSetScaleDowns(d, old: old, new: newRS)
        if !downs.isEmpty {
            old = try await apply(downs, to: old, d)
            return try await syncRolloutStatus(&d, all: old + [newRS], new: newRS)
        }
        if StatusPlanning.isComplete(d, d.status) { try await cleanup(d, old: old) }
        return try await syncRolloutStatus(&d, all: old + [newRS], new: newRS)
    }

    /// `rolloutRecreate`: old ReplicaSets to 0, wait until their pods are gone, then the new
    /// ReplicaSet, at full size.
    func rolloutRecreate(_ d: inout DeploymentInfo, _ sets: [ReplicaSetInfo]) async throws -> Requeue {
        var (newRS, old) = try await syncRevision(&d, sets, create: false)
        let downs = RolloutPlanning.recreateScaleDowns(old: old)
        if !downs.isEmpty {
            old = try await apply(downs, to: old, d)
            return try await syncRolloutStatus(&d, all: old + (newRS.map { [$0] } ?? []), new: newRS)
        }
        if RolloutPlanning.oldPodsRunning(old: old, podPhases: podPhases(of: old)) {
            return try await syncRolloutStatus(&d, all: old + (newRS.map { [$0] } ?? []), new: newRS)
        }
        if newRS == nil { (newRS, old) = try await syncRevision(&d, sets, create: true) }
        if let rs = newRS, rs.replicas != d.replicas { newRS = try await scale(rs, to: d.replicas, d) }
        if StatusPlanning.isComplete(d, d.status) { try await cleanup(d, old: old) }
        return try await syncRolloutStatus(&d, all: old + (newRS.map { [$0] } ?? []), new: newRS)
    }

    /// `sync`: for a paused deployment or a resize, scale proportionally (a paused one also
    /// prunes history), then the plain status.
    func syncScale(_ d: inout DeploymentInfo, _ sets: [ReplicaSetInfo]) async throws -> Requeue {
        let (newRS, old) = try await syncRevision(&d, sets, create: false)
        let all = old + (newRS.map { [$0] } ?? [])
        let scaled = try await apply(RolloutPlanning.proportionalScale(d, new: newRS, old: old), to: all, d)
        let scaledNew = newRS.flatMap { rs in scaled.first { $0.name == rs.name } }
        if d.paused { try await cleanup(d, old: scaled.filter { $0.name != scaledNew?.name }) }
        try await syncStatus(&d, all: scaled, new: scaledNew)
        return .done
    }

    /// The phases of the pods of each of `sets`, by ReplicaSet uid, from the pod index.
    func podPhases(of sets: [ReplicaSetInfo]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for rs in sets {
            out[rs.uid] = pods.lister.byIndex(Lister.controllerIndex, rs.uid).map { $0["status"]?["phase"]?.stringValue ?? "" }
        }
        return out
    }

    /// `syncDeploymentStatus`: writes the counted status when it differs.
    func syncStatus(_ d: inout DeploymentInfo, all: [ReplicaSetInfo], new newRS: ReplicaSetInfo?) async throws {
        let status = StatusPlanning.calculate(d, all: all, new: newRS, now: now())
        if status != d.status { try await writeStatus(&d, status) }
    }

    /// `syncRolloutStatus`: writes the rollout status when it differs; asks to look again when
    /// the progress deadline could pass unseen.
    func syncRolloutStatus(_ d: inout DeploymentInfo, all: [ReplicaSetInfo], new newRS: ReplicaSetInfo?) async throws -> Requeue {
        let status = StatusPlanning.rollout(d, all: all, new: newRS, now: now())
        if status != d.status {
            try await writeStatus(&d, status)
            return .done
        }
        return StatusPlanning.recheckAfter(d, status, now: now()).map { .after($0) } ?? .done
    }

    /// `cleanupDeployment`: deletes old ReplicaSets beyond the history limit.
    func cleanup(_ d: DeploymentInfo, old: [ReplicaSetInfo]) async throws {
        for rs in ReplicaSetPlanning.historyToDelete(d, old: old) {
            do {
                try await client.delete(.replicaSets, namespace: d.namespace, name: rs.name, preconditionUID: rs.uid)
            } catch let e as ClientError where e.code == 404 || e.code == 409 {
                continue
            }
        }
    }

    /// Applies `steps` to the named members of `sets`, returning the sets as written.
    func apply(_ steps: [ScaleStep], to sets: [ReplicaSetInfo], _ d: DeploymentInfo) async throws -> [ReplicaSetInfo] {
        var out = sets
        for step in steps {
            guard let i = out.firstIndex(where: { $0.name == step.name }) else { continue }
            out[i] = try await scale(out[i], to: step.to, d)
        }
        return out
    }

    /// `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (annotated with the next revision,
    /// created when `create` and missing) and the old ones; records the revision on the
    /// deployment and a Progressing condition for a new set.
    func syncRevision(
        _ d: inout DeploymentInfo, _ sets: [ReplicaSetInfo], create: Bool
    ) async throws -> (new: ReplicaSetInfo?, old: [ReplicaSetInfo]) {
        let (existing, old) = ReplicaSetPlanning.split(d, sets)
        let revision = ReplicaSetPlanning.nextRevision(old: old)
        if let rs = existing {
            let annotations = ReplicaSetPlanning.newReplicaSetAnnotations(d, current: rs.annotations, revision: revision, exists: true)
            let minReady = Int(rs.object["spec"]?["minReadySeconds"]?.intValue ?? 0)
            if annotations != nil || minReady != d.minReadySeconds {
                var updated = rs.object
                if let annotations { updated.setMetadata("annotations", Self.stringMap(annotations)) }
                updated.set(d.minReadySeconds > 0 ? .int(d.minReadySeconds) : nil, at: ["spec", "minReadySeconds"])
                return (try await updateReplicaSet(updated), old)
            }
            try await recordRevision(&d, rs.annotations[DeploymentKeys.revision])
            if d.progressDeadlineSeconds != nil, d.status.condition(DeploymentReasons.progressing) == nil {
                var status = d.status
                status.set(DeploymentCondition(
                    DeploymentReasons.progressing, "True", reason: DeploymentReasons.foundNewReplicaSet,
                    message: "Found new replica set \"\(rs.name)\"", now: now()))
                try await writeStatus(&d, status)
            }
            return (rs, old)
        }
        guard create else { return (nil, old) }
        return (try await createReplicaSet(&d, old: old, revision: revision), old)
    }

    /// A JSON object of strings, keys sorted.
    static func stringMap(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    }
}
