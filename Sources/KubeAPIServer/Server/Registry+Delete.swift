import Foundation
import KubeAPI
import KubeStorage

/// What a DELETE asked for (from its `DeleteOptions` body or query parameters).
struct DeleteRequest: Sendable {
    var gracePeriodSeconds: Int64?
    /// `Orphan`, `Background` or `Foreground`.
    var propagationPolicy: String?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false
}

extension Registry {
    /// Deletes the object `name`, or marks it for deletion when finalizers or a grace period hold it.
    func delete(_ r: ResourceInfo, namespace: String?, name: String, request: DeleteRequest) async throws(APIError) -> WriteResult {
        for _ in 0..<8 {
            let (object, rev) = try await current(r, namespace: namespace, name: name)
            if let uid = request.preconditionUID, uid != object.uid {
                throw APIError.conflict(
                    group: r.group, resource: r.resource, name: name,
                    detail: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object.uid)")
            }
            if let rv = request.preconditionResourceVersion, rv != String(rev) {
                throw APIError.conflict(
                    group: r.group, resource: r.resource, name: name,
                    detail: "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(rev)")
            }
            do {
                return try await deleteOnce(r, namespace: namespace, name: name, object: object, revision: rev, request: request)
            } catch let e where e.reason == "Conflict" && e.causes.isEmpty {
                continue
            }
        }
        throw apiError(StoreError(.conflict, ""), r, name: name)
    }

    private func deleteOnce(
        _ r: ResourceInfo, namespace: String?, name: String, object: JSONValue, revision: Int64, request: DeleteRequest
    ) async throws(APIError) -> WriteResult {
        var marked = object
        let now = self.now()
        var finalizers = object.finalizers
        switch request.propagationPolicy {
        case "Foreground": if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
        case "Orphan": if !finalizers.contains("orphan") { finalizers.append("orphan") }
        default: break
        }
        if finalizers != object.finalizers { marked.setMetadata("finalizers", .array(finalizers.map { .string($0) })) }
        let isNamespace = r.group.isEmpty && r.resource == "namespaces"
        let grace = gracePeriod(r, object, request)
        let holdsBack = !finalizers.isEmpty || grace > 0
            || (isNamespace && !(object["spec"]?["finalizers"]?.arrayValue ?? []).isEmpty)
        if holdsBack {
            if object.deletionTimestamp == nil || (grace > 0 && grace < existingGrace(object)) {
                let at = now.addingTimeInterval(TimeInterval(grace))
                marked.setMetadata("deletionTimestamp", .string(Timestamp.format(at)))
                marked.setMetadata("deletionGracePeriodSeconds", .int(grace))
                if isNamespace { marked.set("Terminating", at: ["status", "phase"]) }
            }
            if marked == object { return WriteResult(status: 200, body: StoredObject.withResourceVersion(StoredObject.encode(object), revision)) }
            let bytes = StoredObject.encode(marked)
            if request.dryRun { return WriteResult(status: 200, body: StoredObject.withResourceVersion(bytes, revision)) }
            do {
                let kv = try await store.update(r.storageKey(namespace: namespace, name: name), value: bytes, expectedModRevision: revision)
                return WriteResult(status: 200, body: StoredObject.withResourceVersion(bytes, kv.modRevision))
            } catch {
                throw apiError(error, r, name: name)
            }
        }
        let stored = StoredObject.encode(object)
        if !request.dryRun {
            do {
                _ = try await store.delete(r.storageKey(namespace: namespace, name: name), expectedModRevision: revision)
            } catch {
                throw apiError(error, r, name: name)
            }
            if r.group.isEmpty, r.resource == "services" { await allocator.releaseService(object) }
        }
        if Self.returnsDeletedObject(r) {
            return WriteResult(status: 200, body: StoredObject.withResourceVersion(stored, revision))
        }
        return WriteResult(status: 200, body: Self.successStatus(r, name: name, uid: object.uid).serialized())
    }

    /// The grace period a delete gets: only pods bound to a node are deleted gracefully.
    private func gracePeriod(_ r: ResourceInfo, _ object: JSONValue, _ request: DeleteRequest) -> Int64 {
        guard r.group.isEmpty, r.resource == "pods" else { return 0 }
        let nodeName = object["spec"]?["nodeName"]?.stringValue ?? ""
        let phase = object["status"]?["phase"]?.stringValue ?? ""
        if nodeName.isEmpty || phase == "Succeeded" || phase == "Failed" { return 0 }
        let requested = request.gracePeriodSeconds ?? object["spec"]?["terminationGracePeriodSeconds"]?.intValue ?? 30
        return max(0, requested)
    }

    private func existingGrace(_ object: JSONValue) -> Int64 {
        object["metadata"]?["deletionGracePeriodSeconds"]?.intValue ?? Int64.max
    }

    /// Resources whose DELETE answers with the object rather than a `Status`.
    static func returnsDeletedObject(_ r: ResourceInfo) -> Bool {
        r.group.isEmpty && ["pods", "services", "namespaces", "nodes"].contains(r.resource)
    }

    /// The `Status` a successful DELETE answers with.
    static func successStatus(_ r: ResourceInfo, name: String, uid: String) -> JSONValue {
        var details = JSONObject()
        details["name"] = .string(name)
        if !r.group.isEmpty { details["group"] = .string(r.group) }
        details["kind"] = .string(r.resource)
        details["uid"] = .string(uid)
        return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)]
    }
}
