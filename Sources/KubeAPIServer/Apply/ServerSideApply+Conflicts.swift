import KubeAPI

/// Conflict reporting and the interplay with client-side apply's last-applied annotation.
extension ServerSideApply {
    /// Applies, and for manager `kubectl` retries with force when every conflict is on a field
    /// whose live value still equals the `last-applied-configuration` annotation (the fields a
    /// client-side `kubectl apply` set and nobody changed since). Other conflicts are thrown.
    static func applyAllowingLastApplied(
        _ fm: FieldManager, live: JSONValue, config: JSONValue, configSet: ManagedFieldSet, managers: ManagedFieldsMap,
        id: ManagerIdentity, force: Bool
    ) throws(FieldManagerFailure) -> (JSONValue, ManagedFieldsMap) {
        do {
            return try fm.apply(live: live, config: config, configSet: configSet, managers: managers, id: id, force: force)
        } catch {
            guard case .conflicts(let conflicts) = error, id.manager == "kubectl",
                let allowed = allowedConflicts(fm, live: live)
            else { throw error }
            var remaining: [ManagerIdentity: ManagedFieldSet] = [:]
            for (manager, set) in conflicts {
                let rest = set.subtracting(allowed)
                if !rest.isEmpty { remaining[manager] = rest }
            }
            if !remaining.isEmpty { throw .conflicts(remaining) }
            return try fm.apply(live: live, config: config, configSet: configSet, managers: managers, id: id, force: true)
        }
    }

    /// The fields of the last-applied configuration whose live value is unchanged; nil when
    /// there is no usable annotation.
    private static func allowedConflicts(_ fm: FieldManager, live: JSONValue) -> ManagedFieldSet? {
        guard case .string(let text)? = live["metadata"]?["annotations"]?[lastAppliedAnnotation], !text.isEmpty,
            let lastApplied = try? JSONValue.parse(text), case .object = lastApplied,
            lastApplied["apiVersion"]?.stringValue == fm.apiVersion,
            PatchSupport.depth(of: lastApplied) != nil,
            let lastSet = try? fm.walker.fieldSet(of: lastApplied, fm.shape, allowDuplicates: true),
            let comparison = try? fm.walker.compare(lastApplied, live, fm.shape)
        else { return nil }
        return lastSet.subtracting(comparison.modified).subtracting(comparison.added).subtracting(comparison.removed)
    }

    /// For manager `kubectl`, rewrites an existing last-applied annotation to `config` (without
    /// that annotation), serialized as Kubernetes does: keys sorted, newline-terminated.
    static func updatingLastApplied(_ object: JSONValue, manager: String, config: JSONValue) -> JSONValue {
        guard manager == "kubectl",
            case .string(let current)? = object["metadata"]?["annotations"]?[lastAppliedAnnotation], !current.isEmpty
        else { return object }
        var recorded = config
        if recorded["metadata"]?["annotations"]?.objectValue != nil {
            recorded["metadata"]?["annotations"]?[lastAppliedAnnotation] = nil
        }
        var copy = object
        copy["metadata"]?["annotations"]?[lastAppliedAnnotation] = .string(sortedKeys(recorded).jsonString + "\n")
        return copy
    }

    /// `value` with every object's keys in sorted order, as Go's encoder writes maps.
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            var out = JSONObject()
            for m in o.members.sorted(by: { ManagedValueOrder.compareStrings($0.key, $1.key) < 0 }) {
                out[m.key] = sortedKeys(m.value)
            }
            return .object(out)
        case .array(let items): return .array(items.map(sortedKeys))
        default: return value
        }
    }

    /// The 409 Kubernetes returns for apply conflicts: one cause per conflicting field and a
    /// message naming the managers, e.g. `Apply failed with 1 conflict: conflict with
    /// "kubectl-client-side-apply" using v1: .spec.replicas`.
    static func conflictError(_ conflicts: [ManagerIdentity: ManagedFieldSet]) -> APIError {
        let managers = conflicts.keys.sorted { $0.identifier < $1.identifier }
        var pairs: [(manager: ManagerIdentity, path: ManagedFieldPath)] = []
        for manager in managers {
            for path in conflicts[manager]?.paths ?? [] { pairs.append((manager, path)) }
        }
        let causes = pairs.map {
            StatusCause(reason: "FieldManagerConflict", message: "conflict with \($0.manager.printed)", field: $0.path.rendered)
        }
        let message: String
        if pairs.count == 1, let only = pairs.first {
            message = "Apply failed with 1 conflict: conflict with \(only.manager.printed): \(only.path.rendered)"
        } else {
            var lines: [String] = []
            for manager in managers {
                lines.append("conflicts with \(manager.printed):")
                for path in conflicts[manager]?.paths ?? [] { lines.append("- \(path.rendered)") }
            }
            message = "Apply failed with \(pairs.count) conflicts: " + lines.joined(separator: "\n")
        }
        return APIError(code: 409, reason: "Conflict", message: message, causes: causes)
    }
}
