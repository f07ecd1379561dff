import KubeAPI

extension Registry {
    /// Server-side apply: merges `applied` into the live object (creating it when absent),
    /// tracking field ownership in managedFields and refusing conflicting changes unless `force`.
    func apply(
        _ r: ResourceInfo, namespace: String?, name: String, subresource: String?, applied: JSONValue, force: Bool,
        options: WriteOptions
    ) async throws(APIError) -> WriteResult {
        var config = applied
        try checkKind(&config, r)
        if !config.name.isEmpty, config.name != name {
            throw APIError.badRequest("the name of the object (\(config.name)) does not match the name on the URL (\(name))")
        }
        config.setMetadata("name", .string(name))
        try refuseUnknownFields(config, r, namespace: namespace, name: name)
        let manager = options.fieldManager ?? "unknown"
        let stamp = timestamp
        let schema = self.schema
        for _ in 0..<8 {
            let live: (JSONValue, Int64)?
            do {
                live = try await current(r, namespace: namespace, name: name)
            } catch let e where e.code == 404 {
                live = nil
            }
            guard let (old, rev) = live else {
                let created = try ServerSideApply.apply(
                    live: nil, applied: config, manager: manager, force: force, schema: schema, root: r.definition,
                    now: stamp, apiVersion: r.apiVersion, resetFields: Self.resetFields(r, subresource: nil))
                do {
                    var createOptions = options
                    createOptions.fieldManager = nil
                    return try await create(r, namespace: namespace, body: created, options: createOptions)
                } catch let e where e.reason == "AlreadyExists" {
                    continue
                }
            }
            let merged = try ServerSideApply.apply(
                live: old, applied: config, manager: manager, force: force, schema: schema, root: r.definition, now: stamp,
                apiVersion: r.apiVersion, subresource: subresource ?? "", resetFields: Self.resetFields(r, subresource: subresource))
            do {
                var applyOptions = options
                applyOptions.fieldManager = nil
                return try await commitUpdate(
                    r, namespace: namespace, name: name, subresource: subresource, old: old, revision: rev, new: merged,
                    options: applyOptions)
            } catch let e where e.reason == "Conflict" && e.causes.isEmpty {
                continue
            }
        }
        throw APIError.conflict(group: r.group, resource: r.resource, name: name, detail: "too many concurrent changes")
    }

    /// Refuses an apply configuration that carries a field its schema does not declare, whatever
    /// `fieldValidation` says, as Kubernetes' apply does (its typed conversion fails; Kubernetes
    /// answers 500 with this message, a known bug, where this server answers 400).
    func refuseUnknownFields(_ config: JSONValue, _ r: ResourceInfo, namespace: String?, name: String) throws(APIError) {
        let unknown = UnknownFields.find(in: config, schema: schema, root: r.definition, specMemo: specUnknownFields)
        guard !unknown.isEmpty else { return }
        let errors = unknown.map { ".\($0): field not declared in schema" }
        let version = r.group.isEmpty ? "/\(r.version)" : "\(r.group)/\(r.version)"
        throw APIError.badRequest(
            "failed to create typed patch object (\(namespace ?? "")/\(name); \(version), Kind=\(r.kind)): "
                + (errors.count == 1 ? errors[0] : "errors:\n  " + errors.joined(separator: "\n  ")))
    }

    /// Records `options.fieldManager` as owner of what this write changed (an `Update` entry,
    /// naming `subresource` when the write went through one). A binding records nothing, as in
    /// Kubernetes.
    func recordManager(
        _ object: JSONValue, old: JSONValue?, _ r: ResourceInfo, subresource: String? = nil, options: WriteOptions
    ) -> JSONValue {
        guard let manager = options.fieldManager, subresource != "binding" else { return object }
        return ManagedFields.recordUpdate(
            old: old, new: object, manager: manager, schema: schema, root: r.definition, now: timestamp,
            apiVersion: r.apiVersion, subresource: subresource ?? "", resetFields: Self.resetFields(r, subresource: subresource),
            memo: managedFieldsMemo)
    }

    /// The fields no manager owns through a write to `subresource` of `r`, as Kubernetes'
    /// strategies reset them: with a status subresource, the main resource resets `status`
    /// (server-set on create, kept on update) and the status subresource resets `spec`.
    static func resetFields(_ r: ResourceInfo, subresource: String?) -> [[String]] {
        guard r.subresources.contains(where: { $0.name == "status" }) else { return [] }
        switch subresource {
        case nil: return [["status"]]
        case "status"?: return [["spec"]]
        default: return []
        }
    }

    /// Unknown fields, as Kubernetes' decoder treats them under `fieldValidation`: Strict
    /// refuses them (400); Warn drops them and returns a warning for each; Ignore drops them
    /// silently. A write to `subresource` is not checked in the subtrees it resets (a status
    /// write's spec is the stored one).
    ///
    /// `stored` is the version an update starts from: what the object still shares with it is
    /// not looked at again.
    func checkFields(
        _ object: inout JSONValue, _ r: ResourceInfo, subresource: String? = nil, options: WriteOptions, stored: JSONValue? = nil
    ) throws(APIError) -> [String] {
        let skipped =
            subresource == nil ? [] : Self.resetFields(r, subresource: subresource).compactMap { $0.count == 1 ? $0[0] : nil }
        let unknown = UnknownFields.find(
            in: object, schema: schema, root: r.definition, skipping: skipped, specMemo: specUnknownFields, stored: stored)
        if unknown.isEmpty { return [] }
        let messages = unknown.map { "unknown field \"\($0)\"" }
        if options.fieldValidation == "Strict" {
            throw APIError.badRequest("strict decoding error: " + messages.joined(separator: ", "))
        }
        object = UnknownFields.pruned(object, schema: schema, root: r.definition, skipping: skipped)
        return options.fieldValidation == "Ignore" ? [] : messages
    }
}
