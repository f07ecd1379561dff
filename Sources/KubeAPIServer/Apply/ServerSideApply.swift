import KubeAPI

/// Server-side apply (`application/apply-patch+yaml`), as Kubernetes' field manager performs it;
/// `ManagedFields.recordUpdate` does the matching bookkeeping for every other write.
///
/// Field ownership is tracked per manager in `managedFields` entries whose `fieldsV1` lists the
/// owned fields (`f:spec`, `k:{"name":"nginx"}` for keyed list elements, `v:"x"` for set
/// elements, `.` for an element or map that is itself owned). Identity and server-managed
/// metadata (`apiVersion`, `kind`, `metadata.name`, `namespace`, `uid`, `resourceVersion`,
/// `generation`, `creationTimestamp`, `managedFields`, ...) are never recorded as owned.
///
/// Neither `apply` nor `ManagedFields.recordUpdate` restores system-owned metadata (`uid`,
/// `creationTimestamp`, `resourceVersion`, `generation`, deletion fields) in the object it
/// returns: like Kubernetes' `BeforeUpdate`, the caller copies them from the live object.
public enum ServerSideApply {
    /// The annotation client-side `kubectl apply` keeps its last configuration in.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// Applies the configuration `applied` (a JSON object) for `manager` to `live` (nil when the
    /// object does not exist yet) and returns the new object with updated `managedFields`.
    ///
    /// The configuration's fields merge into the live object (keyed lists by key, sets by value,
    /// atomic lists replaced); fields `manager` applied before but no longer applies are
    /// removed unless another manager owns them. When another manager owns a field the apply
    /// would change, the call throws 409 Conflict listing every conflict (reason `Conflict`,
    /// causes `FieldManagerConflict`), unless `force` is true, in which case `manager` takes
    /// those fields over. For manager `kubectl`, fields whose live value still matches the
    /// `last-applied-configuration` annotation do not conflict, and that annotation, when
    /// present, is rewritten to the new configuration. An apply that changes nothing returns
    /// the live object as it was.
    ///
    /// - Parameters:
    ///   - root: the schema definition of the object (e.g. `io.k8s.api.apps.v1.Deployment`).
    ///   - now: the RFC 3339 time recorded in the applier's entry.
    ///   - apiVersion: the object's `apiVersion`; the configuration must name the same one.
    ///   - subresource: the subresource applied through (`status`), or empty.
    ///   - resetFields: field paths (field names) no manager may own through this endpoint,
    ///     such as `[["status"]]` on a main resource.
    /// - Throws: 400 for a configuration that is not an object, names another API version,
    ///   carries `metadata.managedFields`, or has invalid lists (duplicate keys, elements
    ///   without their key); 409 for conflicts; 500 when the live object's `managedFields` or
    ///   lists cannot be read.
    public static func apply(
        live: JSONValue?, applied: JSONValue, manager: String, force: Bool, schema: SchemaRegistry, root: String,
        now: String, apiVersion: String, subresource: String = "", resetFields: [[String]] = []
    ) throws(APIError) -> JSONValue {
        guard case .object = applied else {
            throw APIError.badRequest("error decoding patch: the apply configuration must be a JSON object")
        }
        let patchVersion = applied["apiVersion"]?.stringValue ?? ""
        guard patchVersion == apiVersion else {
            throw APIError.badRequest(
                "Incorrect version specified in apply patch. Specified patch version: \(patchVersion), expected: \(apiVersion)")
        }
        if let mf = applied["metadata"]?["managedFields"], !mf.isNull {
            throw APIError.badRequest("metadata.managedFields must be nil")
        }
        guard PatchSupport.depth(of: applied) != nil, live.map({ PatchSupport.depth(of: $0) != nil }) ?? true else {
            throw APIError.badRequest("the apply configuration or the object is nested too deeply")
        }
        let fm = fieldManager(schema: schema, root: root, apiVersion: apiVersion, now: now, resetFields: resetFields)
        // A configuration the walks reject is the client's error; check it before anything else.
        let configSet: ManagedFieldSet
        do {
            configSet = try fm.walker.fieldSet(of: applied, fm.shape, allowDuplicates: false)
        } catch {
            throw APIError.badRequest("failed to create typed patch object: \(error.message)")
        }

        var managers: ManagedFieldsMap
        do {
            managers = try ManagedFieldsCodec.decode(live?["metadata"]?["managedFields"])
        } catch {
            throw APIError.internalError("failed to decode managed fields: \(error.message)")
        }
        let liveObject = ManagedFields.withoutManagedFields(live ?? .object(JSONObject()))
        let id = ManagerIdentity(manager: manager, operation: .apply, apiVersion: apiVersion, subresource: subresource)
        do {
            if managers.isEmpty && live != nil {
                // Fields set before anyone applied belong to a placeholder manager.
                let before = ManagerIdentity(
                    manager: "before-first-apply", operation: .update, apiVersion: apiVersion, subresource: subresource)
                managers = try fm.recordUpdate(old: .object(JSONObject()), new: liveObject, managers: managers, id: before)
            }
            var (result, updated) = try applyAllowingLastApplied(
                fm, live: liveObject, config: applied, configSet: configSet, managers: managers, id: id, force: force)
            result = updatingLastApplied(result, manager: id.manager, config: applied)
            let changed = !PatchSupport.equal(result, liveObject)
            if var entry = updated[id] {
                entry.set = entry.set.subtracting(FieldManager.strippedFields)
                if changed || entry.time == nil { entry.time = now }
                updated[id] = entry.set.isEmpty ? nil : entry
            }
            return ManagedFields.withManagedFields(changed ? result : liveObject, updated)
        } catch {
            switch error {
            case .conflicts(let conflicts): throw conflictError(conflicts)
            case .structure(let e): throw APIError.internalError("failed to apply configuration: \(e.message)")
            }
        }
    }

    /// The field manager for one request against objects of definition `root`.
    static func fieldManager(
        schema: SchemaRegistry, root: String, apiVersion: String, now: String, resetFields: [[String]],
        memo: ManagedFieldsMemo? = nil
    ) -> FieldManager {
        let walker = StructuredMerge(registry: schema)
        var manager = FieldManager(
            walker: walker, shape: walker.rootShape(root), apiVersion: apiVersion, now: now,
            resetPaths: resetFields.map { $0.map(ManagedPathElement.field) })
        manager.zeroValueFields = ZeroValueFields.set(of: root)
        manager.memo = memo.map { ($0, root) }
        return manager
    }
}
