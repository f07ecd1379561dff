import Foundation
import KubeAPI
import KubeStorage

extension Registry {
    /// Replaces the object `name` (or its `status`/`finalize` subresource) with `body`.
    func update(
        _ r: ResourceInfo, namespace: String?, name: String, subresource: String?, body: JSONValue,
        options: WriteOptions
    ) async throws(APIError) -> WriteResult {
        var object = body
        try checkKind(&object, r)
        if object.name != name {
            throw APIError.badRequest("the name of the object (\(object.name)) does not match the name on the URL (\(name))")
        }
        if r.namespaced, !object.namespace.isEmpty, object.namespace != namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let replacement = object
        return try await guaranteedUpdate(r, namespace: namespace, name: name, subresource: subresource, options: options) {
            _ throws(APIError) in replacement
        }
    }

    /// Reads the object, transforms it with `mutate` and writes the result. A resourceVersion in
    /// the result is a precondition (409 when stale); a write that loses a race is retried.
    ///
    /// The first attempt starts from the watch cache's copy, as Kubernetes' `GuaranteedUpdate`
    /// does: the write is conditional on that copy's revision, so when the cache lags the store
    /// refuses it, and any failure against that copy is retried from the store.
    func guaranteedUpdate(
        _ r: ResourceInfo, namespace: String?, name: String, subresource: String?, options: WriteOptions,
        mutate: (JSONValue) throws(APIError) -> JSONValue
    ) async throws(APIError) -> WriteResult {
        for attempt in 0..<8 {
            let cached = attempt == 0 ? (try? cache(r).get(r.storageKey(namespace: namespace, name: name))) ?? nil : nil
            let fromCache = cached != nil
            let old: JSONValue
            let rev: Int64
            if let cached {
                (old, rev) = (try cached.parsed(), cached.revision)
            } else {
                (old, rev) = try await current(r, namespace: namespace, name: name)
            }
            var preconditionMet = true
            do throws(APIError) {
                var new = try mutate(old)
                try checkKind(&new, r)
                let precondition = new.resourceVersion
                preconditionMet = precondition.isEmpty || precondition == String(rev)
                if !preconditionMet { throw apiError(StoreError(.conflict, ""), r, name: name) }
                if new.name != name {
                    throw APIError.badRequest("the name of the object (\(new.name)) does not match the name on the URL (\(name))")
                }
                return try await commitUpdate(
                    r, namespace: namespace, name: name, subresource: subresource, old: old, revision: rev, new: new, options: options,
                    oldIsCurrent: !fromCache)
            } catch let e where fromCache || (e.reason == "Conflict" && e.causes.isEmpty && preconditionMet) {
                // A lost race, or any failure against the cache's copy, which may be stale (the
                // next attempt reads the store and answers from what is current).
                continue
            }
        }
        throw apiError(StoreError(.conflict, ""), r, name: name)
    }

    /// Writes `new` over `old` (read at `revision`): server-owned fields kept, defaults applied,
    /// validated; deletes instead when the object is marked for deletion and nothing holds it.
    ///
    /// `oldIsCurrent` is false when `old` came from the watch cache: a write that changes nothing
    /// against it then fails as a conflict instead of answering, so that the caller reads the
    /// store (the cache's copy may be behind, and the write a change after all).
    func commitUpdate(
        _ r: ResourceInfo, namespace: String?, name: String, subresource: String?, old: JSONValue, revision: Int64,
        new input: JSONValue, options: WriteOptions, oldIsCurrent: Bool = true
    ) async throws(APIError) -> WriteResult {
        var new = input
        if subresource == "finalize" {
            var finalized = old
            finalized.set(new["spec"]?["finalizers"] ?? .array([]), at: ["spec", "finalizers"])
            new = finalized
        } else if CertificateSigningRequestStrategy.handles(r) {
            if let merged = CertificateSigningRequestStrategy.merged(new, old: old, subresource: subresource, now: timestamp) {
                new = merged
            } else {
                ObjectStrategy.prepareForUpdate(&new, old: old, r, subresource: subresource)
                CertificateSigningRequestStrategy.restoreSpec(&new, old: old)
            }
        } else if subresource != "binding" {
            ObjectStrategy.prepareForUpdate(&new, old: old, r, subresource: subresource)
        }
        // Validation compares against the stored version: the update is at that version.
        new.setMetadata("resourceVersion", old["metadata"]?["resourceVersion"])
        var reservation: JSONValue?
        if r.group.isEmpty, r.resource == "services", subresource == nil {
            reservation = try await allocator.allocate(&new, old: old)
        }
        let warnings: [String]
        do throws(APIError) {
            // Unknown fields are refused or dropped first, as Kubernetes' decoder does. A binding's
            // pod is the stored one with the node set: it has no field to warn about.
            warnings = subresource == "binding" ? [] : try checkFields(&new, r, subresource: subresource, options: options, stored: old)
            if subresource != "binding" {
                // A binding is built by the server from the stored pod; spec.nodeName is set only there.
                if subresource == nil, r.group.isEmpty, r.resource == "pods" { Self.preservePodPriority(&new, old: old) }
                Defaulting.apply(kind: r.kind, group: r.group, to: &new, stored: old)
                if subresource == nil, let escalation {
                    try await escalation.check(new, r, user: options.user, creating: false)
                }
                var causes =
                    subresource == "status"
                    ? Validation.validateStatusUpdate(kind: r.kind, group: r.group, object: new, old: old)
                    : Validation.validate(kind: r.kind, group: r.group, object: new, old: old)
                if CertificateSigningRequestStrategy.handles(r) { causes += CertificateSigningRequestValidation.validateUpdate(new, old: old) }
                if !causes.isEmpty { throw APIError.invalid(group: r.group, kind: r.kind, name: name, causes: causes) }
                if Self.isPriorityClasses(r) { try checkSingleGlobalDefault(new, creating: false) }
            }
        } catch {
            if let reservation { await allocator.release(reservation) }
            throw error
        }
        var unchanged = new
        unchanged.setMetadata("resourceVersion", old["metadata"]?["resourceVersion"])
        if unchanged == old {
            if let reservation { await allocator.release(reservation) }
            guard oldIsCurrent else { throw apiError(StoreError(.conflict, ""), r, name: name) }
            return WriteResult(status: 200, body: StoredObject.withResourceVersion(StoredObject.encode(old), revision), warnings: warnings)
        }
        new = recordManager(new, old: old, r, subresource: subresource, options: options)
        let key = r.storageKey(namespace: namespace, name: name)
        let isNamespace = r.group.isEmpty && r.resource == "namespaces"
        if isNamespace ? namespaceReadyToDelete(new, r) : ObjectStrategy.readyToDelete(new) {
            if let reservation { await allocator.release(reservation) }
            if options.dryRun { return WriteResult(status: 200, body: StoredObject.withResourceVersion(StoredObject.encode(new), revision)) }
            do {
                let event = try await store.delete(key, expectedModRevision: revision)
                if r.group.isEmpty, r.resource == "services" { await allocator.releaseService(old) }
                return WriteResult(status: 200, body: StoredObject.withResourceVersion(StoredObject.encode(new), event.revision))
            } catch {
                throw apiError(error, r, name: name)
            }
        }
        let stored = StoredObject.layout(new)
        let bytes = stored.serialized()
        if options.dryRun {
            if let reservation { await allocator.release(reservation) }
            return WriteResult(status: 200, body: StoredObject.withResourceVersion(bytes, revision), warnings: warnings)
        }
        do {
            (try? cache(r))?.expect(key: key, stored: bytes, tree: stored)
            let kv = try await store.update(key, value: bytes, expectedModRevision: revision)
            if r.group.isEmpty, r.resource == "services" { await allocator.releaseService(old, kept: new) }
            return WriteResult(status: 200, body: StoredObject.withResourceVersion(bytes, kv.modRevision), warnings: warnings)
        } catch {
            if let reservation { await allocator.release(reservation) }
            throw apiError(error, r, name: name)
        }
    }

    /// A namespace being deleted goes once its spec and metadata finalizers are both empty.
    func namespaceReadyToDelete(_ object: JSONValue, _ r: ResourceInfo) -> Bool {
        guard r.group.isEmpty, r.resource == "namespaces", object.deletionTimestamp != nil else { return false }
        let specFinalizers = object["spec"]?["finalizers"]?.arrayValue ?? []
        return specFinalizers.isEmpty && object.finalizers.isEmpty
    }
}
