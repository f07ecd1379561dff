import KubeAPI

/// How a Deployment names, annotates, finds and prunes its ReplicaSets, as Kubernetes'
/// deployment controller does.
enum ReplicaSetPlanning {
    /// Splits the deployment's ReplicaSets into the new one (the oldest whose template equals the
    /// deployment's, ignoring the hash label; `FindNewReplicaSet`) and the old ones.
    static func split(_ d: DeploymentInfo, _ sets: [ReplicaSetInfo]) -> (new: ReplicaSetInfo?, old: [ReplicaSetInfo]) {
        let template = PodTemplateHash.withoutHash(d.template)
        let sorted = sets.sorted(by: ReplicaSetInfo.olderFirst)
        guard let index = sorted.firstIndex(where: { PodTemplateHash.withoutHash($0.template) == template }) else {
            return (nil, sorted)
        }
        var old = sorted
        let new = old.remove(at: index)
        return (new, old)
    }

    /// The revision a new ReplicaSet gets: one past the highest old revision.
    static func nextRevision(old: [ReplicaSetInfo]) -> Int { (old.map(\.revision).max() ?? 0) + 1 }

    /// The annotations `rs` should carry (`SetNewReplicaSetAnnotations`), or nil when it already
    /// does: the deployment's annotations but kubectl's and the controller's own, the revision
    /// raised to `revision` (an older revision moves to `revision-history`), and for a set being
    /// created the desired/max replica annotations.
    static func newReplicaSetAnnotations(
        _ d: DeploymentInfo, current: [String: String], revision: Int, exists: Bool
    ) -> [String: String]? {
        var a = current
        for (k, v) in d.annotations where !DeploymentKeys.notCopied.contains(k) { a[k] = v }
        let old = current[DeploymentKeys.revision]
        if (old.flatMap { Int($0) } ?? 0) < revision {
            a[DeploymentKeys.revision] = String(revision)
            if let old, !old.isEmpty {
                let history = current[DeploymentKeys.revisionHistory].map { $0.isEmpty ? old : "\($0),\(old)" } ?? old
                a[DeploymentKeys.revisionHistory] = String(history.suffix(2000))
            }
        }
        if !exists {
            a[DeploymentKeys.desiredReplicas] = String(d.replicas)
            a[DeploymentKeys.maxReplicas] = String(d.replicas + d.maxSurge)
        }
        return a == current ? nil : a
    }

    /// The ReplicaSet a deployment creates for its current template with `hash` and `replicas`:
    /// `<deployment>-<hash>`, the hash label on its selector, template and itself, controlled by
    /// the deployment.
    static func newReplicaSet(_ d: DeploymentInfo, hash: String, replicas: Int, annotations: [String: String]) -> JSONValue {
        var template = d.template
        template.set(.string(hash), at: ["metadata", "labels", DeploymentKeys.podTemplateHash])
        let labels = template["metadata"]?["labels"] ?? [:]
        var metadata: JSONValue = [
            "name": .string("\(d.name)-\(hash)"), "namespace": .string(d.namespace), "labels": labels,
            "ownerReferences": [ControllerRef.make(for: d.object, apiVersion: "apps/v1", kind: "Deployment")],
        ]
        metadata["annotations"] = .object(JSONObject(annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        var spec: JSONValue = [
            "replicas": .int(replicas),
            "selector": PodTemplateHash.addingLabel(d.selector, DeploymentKeys.podTemplateHash, hash),
            "template": template,
        ]
        if d.minReadySeconds > 0 { spec["minReadySeconds"] = .int(d.minReadySeconds) }
        return ["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": metadata, "spec": spec]
    }

    /// Whether a ReplicaSet's replica annotations differ from the deployment's
    /// (`ReplicasAnnotationsNeedUpdate`).
    static func replicaAnnotationsStale(_ d: DeploymentInfo, _ rs: ReplicaSetInfo) -> Bool {
        rs.desiredReplicasAnnotation != d.replicas || rs.maxReplicasAnnotation != d.replicas + d.maxSurge
    }

    /// The old ReplicaSets to delete beyond `revisionHistoryLimit` (`cleanupDeployment`): the
    /// lowest revisions first, only those scaled to 0 with no pods, observed and not already going.
    static func historyToDelete(_ d: DeploymentInfo, old: [ReplicaSetInfo]) -> [ReplicaSetInfo] {
        guard let limit = d.revisionHistoryLimit else { return [] }
        let alive = old.filter { !$0.deleting }
        let excess = alive.count - max(0, limit)
        guard excess > 0 else { return [] }
        let byRevision = alive.sorted { a, b in
            a.revision == b.revision ? ReplicaSetInfo.olderFirst(a, b) : a.revision < b.revision
        }
        return byRevision.prefix(excess).filter { rs in
            rs.actualReplicas == 0 && rs.replicas == 0 && rs.generation <= rs.observedGeneration
        }
    }
}
