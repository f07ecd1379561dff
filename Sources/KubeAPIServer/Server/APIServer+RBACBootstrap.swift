import Foundation
import KubeAPI

extension APIServer {
    /// Creates the bootstrap ClusterRoles and ClusterRoleBindings that are missing and
    /// reconciles those annotated for automatic update (`BootstrapReconciler`).
    func bootstrapRBAC() async throws {
        let group = RBACEscalationCheck.group
        guard let roles = ResourceCatalog.lookup(group: group, version: "v1", resource: "clusterroles"),
            let bindings = ResourceCatalog.lookup(group: group, version: "v1", resource: "clusterrolebindings")
        else { return }
        for role in BootstrapRoles.all {
            try await reconcile(roles, try Self.json(role), merge: Self.merger { BootstrapReconciler.role($0, expected: role) })
        }
        for binding in BootstrapBindings.all {
            try await reconcile(
                bindings, try Self.json(binding), merge: Self.merger { BootstrapReconciler.binding($0, expected: binding) })
        }
    }

    /// `merge` over stored JSON: nil when the stored object does not decode, is not marked for
    /// automatic update, or lacks nothing.
    private static func merger<T: KubeObject>(_ merge: @escaping @Sendable (T) -> T?) -> @Sendable (JSONValue) -> JSONValue? {
        { stored in
            guard let typed = try? JSONValueDecoder().decode(T.self, from: stored),
                BootstrapReconciler.reconciles(typed.metadata), let merged = merge(typed)
            else { return nil }
            return try? json(merged)
        }
    }

    /// A typed object as JSON, keys sorted so that the stored bytes do not depend on hashing.
    private static func json(_ object: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try JSONValue.parse(Array(encoder.encode(object)))
    }

    /// Creates `expected` when absent; else writes the rules, aggregation rule, subjects,
    /// labels and annotations of what `merge` makes of the stored object (nil: nothing to add).
    /// Members Skiff does not model are kept.
    private func reconcile(
        _ r: ResourceInfo, _ expected: JSONValue, merge: @escaping @Sendable (JSONValue) -> JSONValue?
    ) async throws {
        let options = WriteOptions(fieldManager: "skiff-apiserver")
        let name = expected.name
        if try registry.cache(r).get(r.storageKey(namespace: nil, name: name)) == nil {
            do {
                _ = try await registry.create(r, namespace: nil, body: expected, options: options)
            } catch {
                if error.code != 409 { throw error }
            }
            return
        }
        _ = try await registry.guaranteedUpdate(r, namespace: nil, name: name, subresource: nil, options: options) {
            current throws(APIError) in
            Self.apply(merge(current), to: current)
        }
    }

    /// `current` with the policy members of `merged`; `current` itself when there is nothing to merge.
    private static func apply(_ merged: JSONValue?, to current: JSONValue) -> JSONValue {
        guard let merged else { return current }
        var out = current
        for key in ["rules", "aggregationRule", "subjects"] where merged[key] != nil { out[key] = merged[key] }
        out.setMetadata("labels", merged["metadata"]?["labels"])
        out.setMetadata("annotations", merged["metadata"]?["annotations"])
        return out
    }
}
