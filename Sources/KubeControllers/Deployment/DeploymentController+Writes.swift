import Foundation
import KubeAPI
import KubeClient

extension DeploymentController {
    /// `ClaimReplicaSets`: the ReplicaSets the deployment controls and still selects, adopting
    /// matching orphans and releasing controlled sets it no longer selects.
    func claimReplicaSets(_ d: DeploymentInfo, selector: LabelSelector) async throws -> [ReplicaSetInfo] {
        var claimed: [ReplicaSetInfo] = []
        var checkedOwner = false
        for rs in replicaSets.lister.byIndex(Lister.namespaceIndex, d.namespace) {
            let matches = selector.matches(rs.labels)
            if let ref = ControllerRef.of(rs) {
                guard ref["uid"]?.stringValue == d.uid else { continue }
                if matches {
                    claimed.append(ReplicaSetInfo(rs))
                } else if d.object.deletionTimestamp == nil {
                    try await setOwnerReferences(rs, keeping: { $0["uid"]?.stringValue != d.uid }, adding: nil)
                }
                continue
            }
            guard matches, d.object.deletionTimestamp == nil, rs.deletionTimestamp == nil else { continue }
            if !checkedOwner {
                // Adopt only for the deployment as it is now (`RecheckDeletionTimestamp`).
                let fresh = try await client.get(.deployments, namespace: d.namespace, name: d.name)
                guard fresh.uid == d.uid, fresh.deletionTimestamp == nil else { return claimed }
                checkedOwner = true
            }
            let ref = ControllerRef.make(for: d.object, apiVersion: "apps/v1", kind: "Deployment")
            if let adopted = try await setOwnerReferences(rs, keeping: { _ in true }, adding: ref) {
                claimed.append(ReplicaSetInfo(adopted))
            }
        }
        return claimed
    }

    /// Rewrites `rs`'s ownerReferences; nil when the set is gone.
    @discardableResult
    func setOwnerReferences(_ rs: JSONValue, keeping keep: (JSONValue) -> Bool, adding ref: JSONValue?) async throws -> JSONValue? {
        var updated = rs
        var refs = (rs["metadata"]?["ownerReferences"]?.arrayValue ?? []).filter(keep)
        if let ref { refs.append(ref) }
        updated.setMetadata("ownerReferences", refs.isEmpty ? nil : .array(refs))
        do {
            return try await client.update(.replicaSets, namespace: rs.namespace, updated)
        } catch let e as ClientError where e.code == 404 {
            return nil
        }
    }

    /// Writes a ReplicaSet (optimistically, by its resourceVersion).
    func updateReplicaSet(_ rs: JSONValue) async throws -> ReplicaSetInfo {
        ReplicaSetInfo(try await client.update(.replicaSets, namespace: rs.namespace, rs))
    }

    /// `scaleReplicaSet`: sets `spec.replicas` to `size` and the replica annotations to the
    /// deployment's; records ScalingReplicaSet when the size changed.
    func scale(_ rs: ReplicaSetInfo, to size: Int, _ d: DeploymentInfo) async throws -> ReplicaSetInfo {
        let resized = rs.replicas != size
        guard resized || ReplicaSetPlanning.replicaAnnotationsStale(d, rs) else { return rs }
        var updated = rs
        updated.replicas = size
        updated.object.set(.string(String(d.replicas)), at: ["metadata", "annotations", DeploymentKeys.desiredReplicas])
        updated.object.set(.string(String(d.replicas + d.maxSurge)), at: ["metadata", "annotations", DeploymentKeys.maxReplicas])
        let written = try await updateReplicaSet(updated.object)
        if resized {
            let direction = size > rs.replicas ? "up" : "down"
            recorder.record(
                d.object, kind: "Deployment", apiVersion: "apps/v1", type: "Normal", reason: "ScalingReplicaSet",
                message: "Scaled \(direction) replica set \(rs.name) from \(rs.replicas) to \(size)")
        }
        return written
    }

    /// Creates the ReplicaSet of the deployment's current template (`getNewReplicaSet`), handling
    /// a name taken by an equal set (ours, cache behind) or by a different one (hash collision:
    /// bump `collisionCount` and retry).
    func createReplicaSet(_ d: inout DeploymentInfo, old: [ReplicaSetInfo], revision: Int) async throws -> ReplicaSetInfo {
        let hash = PodTemplateHash.compute(d.template, collisionCount: d.status.collisionCount)
        let replicas = RolloutPlanning.newReplicaSetReplicas(d, all: old, newReplicas: 0)
        let annotations = ReplicaSetPlanning.newReplicaSetAnnotations(d, current: [:], revision: revision, exists: false) ?? [:]
        let body = ReplicaSetPlanning.newReplicaSet(d, hash: hash, replicas: replicas, annotations: annotations)
        let name = body.name
        let created: ReplicaSetInfo
        var alreadyExisted = false
        do {
            created = ReplicaSetInfo(try await client.create(.replicaSets, namespace: d.namespace, body))
        } catch let e as ClientError where e.code == 409 {
            let existing = try await client.get(.replicaSets, namespace: d.namespace, name: name)
            guard ControllerRef.uid(of: existing) == d.uid, PodTemplateHash.equalIgnoringHash(d.template, existing["spec"]?["template"] ?? [:])
            else {
                var status = d.status
                status.collisionCount = (status.collisionCount ?? 0) + 1
                try await writeStatus(&d, status)
                throw e
            }
            created = ReplicaSetInfo(existing)
            alreadyExisted = true
        } catch let e as ClientError {
            let message = "Failed to create new replica set \"\(name)\": \(e.message)"
            if d.progressDeadlineSeconds != nil {
                var status = d.status
                status.set(DeploymentCondition(
                    DeploymentReasons.progressing, "False", reason: DeploymentReasons.failedCreate, message: message, now: now()))
                try? await writeStatus(&d, status)
            }
            recorder.record(
                d.object, kind: "Deployment", apiVersion: "apps/v1", type: "Warning", reason: DeploymentReasons.failedCreate,
                message: message)
            throw e
        }
        if !alreadyExisted && replicas > 0 {
            recorder.record(
                d.object, kind: "Deployment", apiVersion: "apps/v1", type: "Normal", reason: "ScalingReplicaSet",
                message: "Scaled up replica set \(name) from 0 to \(replicas)")
        }
        try await recordRevision(&d, String(revision))
        if !alreadyExisted, d.progressDeadlineSeconds != nil {
            var status = d.status
            status.set(DeploymentCondition(
                DeploymentReasons.progressing, "True", reason: DeploymentReasons.newReplicaSetCreated,
                message: "Created new replica set \"\(name)\"", now: now()))
            try await writeStatus(&d, status)
        }
        return created
    }

    /// `SetDeploymentRevision`: the deployment's revision annotation follows its new ReplicaSet.
    func recordRevision(_ d: inout DeploymentInfo, _ revision: String?) async throws {
        guard let revision, d.annotations[DeploymentKeys.revision] != revision else { return }
        let patch: JSONValue = [
            "metadata": [
                "resourceVersion": .string(d.object.resourceVersion),
                "annotations": [DeploymentKeys.revision: .string(revision)],
            ]
        ]
        let written = try await client.patch(.deployments, namespace: d.namespace, name: d.name, type: .merge, patch)
        d.object.setMetadata("resourceVersion", written["metadata"]?["resourceVersion"])
        d.object.set(.string(revision), at: ["metadata", "annotations", DeploymentKeys.revision])
    }

    /// Writes `status` through the status subresource, guarded by the resourceVersion.
    func writeStatus(_ d: inout DeploymentInfo, _ status: DeploymentStatusInfo) async throws {
        var object = d.object
        object["status"] = status.json
        let written = try await client.update(.deployments, namespace: d.namespace, object, subresource: "status")
        d.object.setMetadata("resourceVersion", written["metadata"]?["resourceVersion"])
        d.object["status"] = status.json
        d.status = status
    }
}
