import KubeAPI

/// The `metadata.managedFields` bookkeeping of ordinary writes (create, update, patch),
/// recorded as `Update` entries the way Kubernetes' field manager records them, so that a later
/// server-side apply reports conflicts against the managers that set each field.
public enum ManagedFields {
    /// Records an ordinary create, update or patch by `manager` (operation `Update`) and
    /// returns `new` with its `managedFields` updated: `manager` owns the fields it set or
    /// changed, other managers lose them, and removed fields lose their owners. `old` is nil on
    /// create.
    ///
    /// As in Kubernetes: a request that sends `managedFields: []` clears them; a request that
    /// sends valid entries replaces them (a subresource write ignores what it sends); an update
    /// of an existing object that has no managed fields is not tracked; at most ten update
    /// managers are kept (older ones fold into `ancient-changes`). Never throws: when the
    /// objects cannot be compared, the old `managedFields` are kept. `memo` (belonging to
    /// `schema`) spares walking a created spec or decoding stored fields seen before.
    public static func recordUpdate(
        old: JSONValue?, new: JSONValue, manager: String, schema: SchemaRegistry, root: String, now: String,
        apiVersion: String, subresource: String = "", resetFields: [[String]] = []
    ) -> JSONValue {
        recordUpdate(
            old: old, new: new, manager: manager, schema: schema, root: root, now: now, apiVersion: apiVersion,
            subresource: subresource, resetFields: resetFields, memo: nil)
    }

    /// `recordUpdate` with `memo`.
    static func recordUpdate(
        old: JSONValue?, new: JSONValue, manager: String, schema: SchemaRegistry, root: String, now: String,
        apiVersion: String, subresource: String = "", resetFields: [[String]] = [],
        memo: ManagedFieldsMemo?
    ) -> JSONValue {
        let newObject = withoutManagedFields(new)
        let stored = old?["metadata"]?["managedFields"]
        let oldManaged = try? ManagedFieldsCodec.decode(stored, memo: memo?.fieldsV1)
        var managers: ManagedFieldsMap
        let sent = new["metadata"]?["managedFields"]
        if !subresource.isEmpty {
            managers = oldManaged ?? [:]
        } else if ManagedFieldsCodec.isReset(sent) {
            managers = [:]
        } else if let sent, let stored, sent == stored {
            // The usual read-modify-write sends back what it read.
            managers = oldManaged ?? [:]
        } else if let decoded = try? ManagedFieldsCodec.decode(sent), !decoded.isEmpty {
            managers = decoded
        } else {
            managers = oldManaged ?? [:]
        }
        if managers.isEmpty && old != nil { return newObject }
        let oldObject = withoutManagedFields(old ?? .object(JSONObject()))
        if old != nil, sent == nil || sent == stored, PatchSupport.equal(oldObject, newObject) {
            // Nothing changed, so no ownership changes either.
            return restoring(old, into: newObject)
        }
        let fm = ServerSideApply.fieldManager(
            schema: schema, root: root, apiVersion: apiVersion, now: now, resetFields: resetFields,
            memo: memo)
        let id = ManagerIdentity(manager: manager, operation: .update, apiVersion: apiVersion, subresource: subresource)
        do {
            // The comparison walks only where the versions differ and stops past the depth
            // limit (the objects are not checked for their depth first).
            managers = try fm.recordUpdate(old: oldObject, new: newObject, managers: managers, id: id)
            return withManagedFields(newObject, managers)
        } catch {
            return restoring(old, into: newObject)
        }
    }

    /// `object` without `metadata.managedFields`.
    static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
        guard object["metadata"]?["managedFields"] != nil else { return object }
        var copy = object
        copy["metadata"]?["managedFields"] = nil
        return copy
    }

    /// `object` with `metadata.managedFields` set from `managers` (removed when there are none).
    static func withManagedFields(_ object: JSONValue, _ managers: ManagedFieldsMap) -> JSONValue {
        var copy = object
        let encoded = ManagedFieldsCodec.encode(managers)
        if copy["metadata"] == nil {
            guard encoded != nil else { return copy }
            copy["metadata"] = .object(JSONObject())
        }
        copy["metadata"]?["managedFields"] = encoded
        return copy
    }

    /// `object` carrying `old`'s managed fields unchanged.
    static func restoring(_ old: JSONValue?, into object: JSONValue) -> JSONValue {
        guard let previous = old?["metadata"]?["managedFields"] else { return object }
        var copy = object
        if copy["metadata"] == nil { copy["metadata"] = .object(JSONObject()) }
        copy["metadata"]?["managedFields"] = previous
        return copy
    }
}
