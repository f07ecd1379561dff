import KubeAPI

/// Field sets of values, removal of field sets from values, and the "named fields are
/// members" widening that pruning relies on.
extension StructuredMerge {
    /// The set of fields `value` sets: every leaf, every list element (`k:`/`v:`), every map
    /// entry and unmodelled member, and every `null` or empty object. With
    /// `allowDuplicates: false`, a list with two elements of the same key is an error.
    func fieldSet(of value: JSONValue, _ shape: MergeShape, allowDuplicates: Bool) throws(StructuredMergeError)
        -> ManagedFieldSet
    {
        try collect(value, shape, allowDuplicates: allowDuplicates, everyNode: false, level: 1).children
    }

    /// Every path below `value`, each a member: what a value that appears (or disappears) whole
    /// adds (or removes), as a create adds its object. As `fieldSet(of:)` with duplicates
    /// allowed, but every object and list is a member as well. With a memo, the object's `spec`
    /// (of type `root`) is looked up there first, and its set comes without what the type's
    /// zero value holds under `spec` (`ZeroValueFields`): the caller, a create, takes the zero
    /// value from the whole set (`FieldManager.update`), so the result is the same either way.
    func addedFields(of value: JSONValue, _ shape: MergeShape, memo: (ManagedFieldsMemo, root: String)? = nil)
        throws(StructuredMergeError) -> ManagedFieldSet
    {
        try collect(value, shape, allowDuplicates: true, everyNode: true, level: 1, specMemo: memo).children
    }

    /// `addedFields(of:_:)` for a value at depth `level` of the object being walked.
    func addedFields(of value: JSONValue, _ shape: MergeShape, level: Int) throws(StructuredMergeError) -> ManagedFieldSet {
        try collect(value, shape, allowDuplicates: true, everyNode: true, level: level).children
    }

    /// The fields under one value: whether the value's own path is a member (a leaf), and the
    /// set of longer paths, relative to it. With `everyNode`, every path below is a member.
    /// `specMemo` serves the value's `spec` member (the top level only). `level` is the value's
    /// depth (the top is 1): a value `PatchSupport.depth(of:)` would find too deep is an error
    /// (`checkRoom`), so the value needs no depth check of its own first.
    private func collect(
        _ value: JSONValue, _ shape: MergeShape, allowDuplicates: Bool, everyNode: Bool, level: Int,
        specMemo: (ManagedFieldsMemo, root: String)? = nil
    )
        throws(StructuredMergeError)
        -> (isMember: Bool, children: ManagedFieldSet)
    {
        switch form(of: value, shape) {
        case .leaf:
            return (true, ManagedFieldSet())
        case .object:
            guard case .object(let o) = value else { return (false, ManagedFieldSet()) }
            try Self.checkRoom(level: level, hasChildren: !o.isEmpty)
            var entries: [ManagedFieldSet.Entry] = []
            entries.reserveCapacity(o.count)
            for m in o.members {
                let element = ManagedPathElement.field(m.key)
                let child: (isMember: Bool, children: ManagedFieldSet)
                let walk = { () throws(StructuredMergeError) in
                    try collect(m.value, memberShape(shape, m.key), allowDuplicates: allowDuplicates, everyNode: everyNode, level: level + 1)
                }
                do {
                    if let (memo, root) = specMemo, m.key == "spec" {
                        child = try memo.specs.result(tag: root, for: m.value) { () throws(StructuredMergeError) in
                            try Self.withoutZeroValues(walk(), root: root)
                        }
                        // Remembered at every lookup, not only when walked: the shared encodings
                        // start over when full while the memo may keep the set.
                        SharedFieldSetEncodings.shared.remember(child.children)
                    } else {
                        child = try walk()
                    }
                } catch {
                    throw error.under(element)
                }
                let emptyObject = m.value.isNull || m.value.objectValue?.isEmpty == true
                let member = everyNode || child.isMember || emptyObject || !registry.isNamedField(of: shape, m.key)
                entries.append(ManagedFieldSet.Entry(element: element, member: member, children: child.children))
            }
            return (false, ManagedFieldSet(unsorted: entries))
        case .list:
            guard case .array(let items) = value else { return (false, ManagedFieldSet()) }
            try Self.checkRoom(level: level, hasChildren: !items.isEmpty)
            var elements: [ManagedPathElement] = []
            elements.reserveCapacity(items.count)
            var seen = Set<ManagedPathElement>()
            var duplicates = Set<ManagedPathElement>()
            for item in items {
                let element = try pathElement(of: item, in: shape)
                elements.append(element)
                if !seen.insert(element).inserted {
                    guard allowDuplicates else {
                        throw StructuredMergeError("duplicate entries for key \(element.description)")
                    }
                    duplicates.insert(element)
                }
            }
            let itemShape = elementShape(shape)
            var entries: [ManagedFieldSet.Entry] = []
            entries.reserveCapacity(items.count)
            for element in duplicates {
                entries.append(ManagedFieldSet.Entry(element: element, member: true, children: ManagedFieldSet()))
            }
            for (item, element) in zip(items, elements) where !duplicates.contains(element) {
                let child: (isMember: Bool, children: ManagedFieldSet)
                do {
                    child = try collect(item, itemShape, allowDuplicates: allowDuplicates, everyNode: everyNode, level: level + 1)
                } catch {
                    throw error.under(element)
                }
                entries.append(ManagedFieldSet.Entry(element: element, member: true, children: child.children))
            }
            return (false, ManagedFieldSet(unsorted: entries))
        }
    }

    /// Throws when a container at `level` has children, which would stand past
    /// `PatchSupport.maximumDepth`: the limit `PatchSupport.depth(of:)` applies (a scalar counts
    /// as a level), so that every field set recorded has a `fieldsV1` the decoder reads back.
    static func checkRoom(level: Int, hasChildren: Bool) throws(StructuredMergeError) {
        if hasChildren && level >= PatchSupport.maximumDepth { throw StructuredMergeError("nested too deeply") }
    }

    /// A memoized spec's fields without what `root`'s zero value holds under `spec`, so that
    /// taking the zero value from the whole object later leaves this set as it is (and its
    /// storage shared with every object of the same spec, whose `fieldsV1` is then encoded once).
    private static func withoutZeroValues(_ fields: (isMember: Bool, children: ManagedFieldSet), root: String)
        -> (isMember: Bool, children: ManagedFieldSet)
    {
        let zero = ZeroValueFields.set(of: root).children(of: .field("spec"))
        return (fields.isMember, fields.children.subtracting(zero))
    }

    /// `set` with every child that is a modelled field of its structure also made a member, so
    /// that removing the set removes emptied structures too.
    func ensureNamedFieldsAreMembers(_ set: ManagedFieldSet, _ shape: MergeShape) -> ManagedFieldSet {
        set.mapEntries { entry in
            var e = entry
            if case .field(let name) = entry.element, !entry.children.isEmpty, registry.isNamedField(of: shape, name) {
                e.member = true
            }
            if !entry.children.isEmpty {
                e.children = ensureNamedFieldsAreMembers(entry.children, childShape(shape, entry.element))
            }
            return e
        }
    }

    /// `value` without the fields in `set`: a member path removes its whole subtree; otherwise
    /// the walk descends where the set continues. Objects and lists left empty disappear
    /// (nil), as they do when Kubernetes decodes the result into its types.
    func removing(_ set: ManagedFieldSet, from value: JSONValue, _ shape: MergeShape) -> JSONValue? {
        if set.isEmpty { return value }
        switch form(of: value, shape) {
        case .leaf:
            return value
        case .object:
            guard case .object(let o) = value, !o.isEmpty else { return value }
            var out = JSONObject()
            for m in o.members {
                guard let entry = set.entry(for: .field(m.key)) else {
                    out[m.key] = m.value
                    continue
                }
                if entry.member { continue }
                if let kept = removing(entry.children, from: m.value, memberShape(shape, m.key)) {
                    out[m.key] = kept
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .list:
            guard case .array(let items) = value, !items.isEmpty else { return value }
            let itemShape = elementShape(shape)
            var out: [JSONValue] = []
            for item in items {
                guard let element = try? pathElement(of: item, in: shape), let entry = set.entry(for: element) else {
                    out.append(item)
                    continue
                }
                if entry.member { continue }
                if let kept = removing(entry.children, from: item, itemShape) { out.append(kept) }
            }
            return out.isEmpty ? nil : .array(out)
        }
    }
}
