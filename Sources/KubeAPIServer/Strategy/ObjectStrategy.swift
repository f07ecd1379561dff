import KubeAPI

/// The per-resource rules applied on create and update before validation: which metadata the
/// server owns, what the main endpoint may not change (status), and when generation moves.
enum ObjectStrategy {
    /// Metadata the server sets and clients cannot change by update.
    static let serverOwnedMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"]

    /// Resources whose objects carry a `metadata.generation` that counts spec changes.
    static func tracksGeneration(_ r: ResourceInfo) -> Bool {
        switch (r.group, r.resource) {
        case ("", "pods"), ("", "replicationcontrollers"), ("apps", _), ("batch", "jobs"): return true
        default: return false
        }
    }

    /// Whether the main endpoint ignores `status` because a status subresource owns it.
    static func hasStatusSubresource(_ r: ResourceInfo) -> Bool {
        r.subresources.contains { $0.name == "status" }
    }

    /// Sets the server-owned metadata of a new object and resets what a create may not set.
    static func prepareForCreate(_ object: inout JSONValue, _ r: ResourceInfo, uid: String, now: String) {
        var meta = object["metadata"]?.objectValue ?? JSONObject()
        meta["resourceVersion"] = nil
        meta["selfLink"] = nil
        meta["deletionTimestamp"] = nil
        meta["deletionGracePeriodSeconds"] = nil
        meta["uid"] = .string(uid)
        meta["creationTimestamp"] = .string(now)
        // PriorityClasses start at generation 1 too, but never move from it.
        let startsAtOne = tracksGeneration(r) || (r.group == "scheduling.k8s.io" && r.resource == "priorityclasses")
        meta["generation"] = startsAtOne ? 1 : nil
        if !r.namespaced { meta["namespace"] = nil }
        object["metadata"] = .object(meta)
        if r.group == "batch", r.resource == "jobs" { generateJobSelector(&object, uid: uid) }
        switch (r.group, r.resource) {
        case ("", "nodes"), ("", "namespaces"), ("", "events"), ("coordination.k8s.io", _): break
        case ("", "pods"):
            object["status"] = ["phase": "Pending"]
            // A gated pod says why it waits (Kubernetes' applySchedulingGatedCondition).
            if let gates = object["spec"]?["schedulingGates"]?.arrayValue, !gates.isEmpty {
                object["status"]?["conditions"] = [[
                    "type": "PodScheduled", "status": "False", "reason": "SchedulingGated",
                    "message": "Scheduling is blocked due to non-empty scheduling gates",
                ]]
            }
        case ("", "services"): object["status"] = ["loadBalancer": [:]]
        default:
            if hasStatusSubresource(r) { object["status"] = nil }
        }
    }

    /// Gives a Job without `manualSelector` the selector and template labels Kubernetes generates
    /// from its uid, so that its pods can never match another Job.
    static func generateJobSelector(_ job: inout JSONValue, uid: String) {
        guard job["spec"]?["manualSelector"]?.boolValue != true else { return }
        let name = job.name
        var labels = job.stringMap(at: ["spec", "template", "metadata", "labels"])
        labels["batch.kubernetes.io/controller-uid"] = uid
        labels["batch.kubernetes.io/job-name"] = name
        labels["controller-uid"] = uid
        labels["job-name"] = name
        var labelObject = job.value(at: ["spec", "template", "metadata", "labels"])?.objectValue ?? JSONObject()
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) where labelObject[k] == nil { labelObject[k] = .string(v) }
        job.set(.object(labelObject), at: ["spec", "template", "metadata", "labels"])
        job.set(["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]], at: ["spec", "selector"])
    }

    /// Carries server-owned state from `old` into `new` for an update through the main endpoint
    /// (`subresource` nil) or the status subresource, and bumps the generation on spec change.
    static func prepareForUpdate(_ new: inout JSONValue, old: JSONValue, _ r: ResourceInfo, subresource: String?) {
        if subresource == "status" {
            var merged = old
            merged["status"] = new["status"]
            if merged["status"] == nil, case .object(var o) = merged {
                o["status"] = nil
                merged = .object(o)
            }
            if let managed = new["metadata"]?["managedFields"] { merged.setMetadata("managedFields", managed) }
            new = merged
            return
        }
        var meta = new["metadata"]?.objectValue ?? JSONObject()
        let oldMeta = old["metadata"]?.objectValue ?? JSONObject()
        for field in serverOwnedMetadata + ["generation", "name", "namespace"] { meta[field] = oldMeta[field] }
        if meta["managedFields"] == nil { meta["managedFields"] = oldMeta["managedFields"] }
        meta["selfLink"] = nil
        new["metadata"] = .object(meta)
        if hasStatusSubresource(r), subresource == nil {
            if case .object(var o) = new {
                o["status"] = old["status"]
                new = .object(o)
            }
        }
        if tracksGeneration(r), specChanged(old: old, new: new) {
            new.setMetadata("generation", .int(old.generation + 1))
        }
    }

    /// Whether anything besides metadata and status differs.
    static func specChanged(old: JSONValue, new: JSONValue) -> Bool {
        let a = old.objectValue ?? JSONObject()
        let b = new.objectValue ?? JSONObject()
        let skip: Set<String> = ["metadata", "status", "apiVersion", "kind"]
        for m in a where !skip.contains(m.key) && b[m.key] != m.value { return true }
        for m in b where !skip.contains(m.key) && a[m.key] == nil { return true }
        return false
    }

    /// Whether an object marked for deletion has nothing left holding it and must now go.
    static func readyToDelete(_ object: JSONValue) -> Bool {
        guard object.deletionTimestamp != nil, object.finalizers.isEmpty else { return false }
        return (object["metadata"]?["deletionGracePeriodSeconds"]?.intValue ?? 0) == 0
    }
}
