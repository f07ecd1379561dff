import KubeAPI

/// Why a field-manager operation failed.
enum FieldManagerFailure: Error {
    /// Other managers own fields the operation would change, per manager.
    case conflicts([ManagerIdentity: ManagedFieldSet])
    /// A value could not be walked (a list element without its key, duplicate keys, ...).
    case structure(StructuredMergeError)
}

/// structured-merge-diff's `Updater` with the Kubernetes field-manager steps around it:
/// tracking updates, applying configurations with conflict detection and pruning fields an
/// applier stopped applying.
struct FieldManager {
    let walker: StructuredMerge
    let shape: MergeShape
    let apiVersion: String
    let now: String
    /// Subtrees no manager may own (reset fields such as `status` on the main resource).
    let resetPaths: [ManagedFieldPath]
    /// What the type's zero value holds (`ZeroValueFields`): a create does not add these.
    var zeroValueFields = ManagedFieldSet()
    /// Specs already walked on create, with the name of the type being written.
    var memo: (ManagedFieldsMemo, root: String)?

    /// The fields Kubernetes never records as owned: identity and server-managed metadata.
    static let strippedFields = ManagedFieldSet(
        [[.field("apiVersion")], [.field("kind")], [.field("metadata")]]
            + [
                "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields",
                "resourceVersion",
            ].map { [.field("metadata"), .field($0)] })

    /// `set` without reset subtrees.
    func filtered(_ set: ManagedFieldSet) -> ManagedFieldSet {
        resetPaths.reduce(set) { $0.removingSubtree($1) }
    }

    private func structural<T>(_ body: () throws(StructuredMergeError) -> T) throws(FieldManagerFailure) -> T {
        do { return try body() } catch { throw .structure(error) }
    }

    /// Compares `old` and `new` and takes every changed field away from the managers other than
    /// `workflow`; with `force: false`, any manager owning a changed field is a conflict.
    func update(
        old: JSONValue, new: JSONValue, managers: ManagedFieldsMap, workflow: ManagerIdentity?, force: Bool
    ) throws(FieldManagerFailure) -> (ManagedFieldsMap, FieldComparison) {
        let comparison = try structural { () throws(StructuredMergeError) in
            // A create compares against the type's zero value: everything but what that holds
            // is added, found in one walk.
            if case .object(let o) = old, o.isEmpty {
                let added = try walker.addedFields(of: new, shape, memo: memo).subtracting(zeroValueFields)
                return FieldComparison(added: added).excluding(resetPaths)
            }
            return try walker.compare(old, new, shape).excluding(resetPaths)
        }
        let changed = comparison.changed
        var conflicts: [ManagerIdentity: ManagedFieldSet] = [:]
        for (id, entry) in managers where id != workflow {
            let overlap = entry.set.intersection(changed)
            if !overlap.isEmpty { conflicts[id] = overlap }
        }
        if !force && !conflicts.isEmpty { throw .conflicts(conflicts) }
        var result: ManagedFieldsMap = [:]
        for (id, entry) in managers {
            var e = entry
            if id != workflow {
                if let lost = conflicts[id] { e.set = e.set.subtracting(lost) }
                e.set = e.set.subtracting(comparison.removed)
            }
            if !e.set.isEmpty { result[id] = e }
        }
        return (result, comparison)
    }

    /// Records an ordinary write from `old` to `new` by `id`: it gains the fields it set or
    /// changed, everyone else loses them, and fields that disappeared lose their owners.
    func recordUpdate(old: JSONValue, new: JSONValue, managers: ManagedFieldsMap, id: ManagerIdentity)
        throws(FieldManagerFailure) -> ManagedFieldsMap
    {
        var (result, comparison) = try update(old: old, new: new, managers: managers, workflow: nil, force: true)
        let gained = filtered(comparison.changed).subtracting(FieldManager.strippedFields)
        if !gained.isEmpty {
            let previous = result[id]?.set ?? ManagedFieldSet()
            result[id] = ManagedEntry(set: previous.union(gained), apiVersion: apiVersion, time: now)
        }
        ManagedFieldsCodec.capUpdateManagers(&result)
        return result
    }

    /// Applies `config` for `id` to `live`: merges it in, records the configuration's fields as
    /// the applier's, removes fields the applier owned before, no longer applies and nobody
    /// else owns, and checks the change against the other managers.
    /// `configSet` is the configuration's field set (`fieldSet(of: config, allowDuplicates: false)`).
    func apply(
        live: JSONValue, config: JSONValue, configSet: ManagedFieldSet, managers: ManagedFieldsMap, id: ManagerIdentity,
        force: Bool
    ) throws(FieldManagerFailure) -> (JSONValue, ManagedFieldsMap) {
        let merged = try structural { () throws(StructuredMergeError) in
            try walker.merge(live, config, shape) ?? .object(JSONObject())
        }
        let lastSet = managers[id]?.set
        var managers = managers
        managers[id] = ManagedEntry(set: filtered(configSet), apiVersion: apiVersion, time: managers[id]?.time)
        let result = try structural { () throws(StructuredMergeError) in
            // When the applier still applies every field it owned, pruning removes nothing.
            guard let lastSet, !lastSet.subtracting(managers[id]?.set ?? ManagedFieldSet()).isEmpty else {
                return merged
            }
            let pruned = try prune(merged, managers: managers, lastSet: lastSet)
            // Pruning can empty a container the configuration itself sets (`spec: {}`,
            // `containers: []`); merging the configuration once more puts those back, so that
            // applying the same configuration again changes nothing.
            return try walker.merge(pruned, config, shape) ?? pruned
        }
        let (updated, _) = try update(old: live, new: result, managers: managers, workflow: id, force: force)
        return (result, updated)
    }

    /// Removes from `merged` the fields in `lastSet` (the applier's previous fields) that no
    /// manager owns any more, keeping everything still owned and everything not in `lastSet`.
    func prune(_ merged: JSONValue, managers: ManagedFieldsMap, lastSet: ManagedFieldSet?) throws(StructuredMergeError)
        -> JSONValue
    {
        guard let lastSet, !lastSet.isEmpty else { return merged }
        let empty = JSONValue.object(JSONObject())
        let last = walker.ensureNamedFieldsAreMembers(lastSet, shape)
        let owned = walker.ensureNamedFieldsAreMembers(
            managers.values.reduce(ManagedFieldSet()) { $0.union($1.set) }, shape)
        let mergedSet = walker.ensureNamedFieldsAreMembers(
            try walker.fieldSet(of: merged, shape, allowDuplicates: true), shape)

        // Drop everything the applier owned, then put back what anyone still owns.
        let stripped = walker.removing(last, from: merged, shape) ?? empty
        let strippedSet = walker.ensureNamedFieldsAreMembers(
            try walker.fieldSet(of: stripped, shape, allowDuplicates: true), shape)
        let withOwned = walker.removing(mergedSet.subtracting(strippedSet.union(owned)), from: merged, shape) ?? empty
        // Only fields the applier itself owned may finally go; anything else removed on the way
        // (because a parent went) is restored.
        let withOwnedSet = walker.ensureNamedFieldsAreMembers(
            try walker.fieldSet(of: withOwned, shape, allowDuplicates: true), shape)
        return walker.removing(mergedSet.subtracting(withOwnedSet).intersection(last), from: merged, shape) ?? empty
    }
}
