import KubeAPI

/// What changed between two versions of an object, as field sets.
struct FieldComparison {
    /// Fields present in both with different values.
    var modified = ManagedFieldSet()
    /// Fields only the new version has.
    var added = ManagedFieldSet()
    /// Fields only the old version has.
    var removed = ManagedFieldSet()

    /// `modified ∪ added`: the fields whose value the change set.
    var changed: ManagedFieldSet { modified.union(added) }

    /// The comparison without the given subtrees (reset fields such as `status`).
    func excluding(_ prefixes: [ManagedFieldPath]) -> FieldComparison {
        var c = self
        for p in prefixes {
            c.modified = c.modified.removingSubtree(p)
            c.added = c.added.removingSubtree(p)
            c.removed = c.removed.removingSubtree(p)
        }
        return c
    }
}

extension StructuredMerge {
    /// How one value changed: whether its own path was added, removed or modified, and the
    /// changes below it (relative paths).
    private struct NodeChange {
        var added = false
        var removed = false
        var modified = false
        var below = FieldComparison()
    }

    /// Collects the changes of the children of one value into a comparison relative to it.
    private struct ChangeBuilder {
        var modified: [ManagedFieldSet.Entry] = []
        var added: [ManagedFieldSet.Entry] = []
        var removed: [ManagedFieldSet.Entry] = []

        mutating func add(_ element: ManagedPathElement, _ change: NodeChange) {
            let b = change.below
            if change.modified || !b.modified.isEmpty {
                modified.append(.init(element: element, member: change.modified, children: b.modified))
            }
            if change.added || !b.added.isEmpty {
                added.append(.init(element: element, member: change.added, children: b.added))
            }
            if change.removed || !b.removed.isEmpty {
                removed.append(.init(element: element, member: change.removed, children: b.removed))
            }
        }

        var comparison: FieldComparison {
            FieldComparison(
                modified: ManagedFieldSet(unsorted: modified), added: ManagedFieldSet(unsorted: added),
                removed: ManagedFieldSet(unsorted: removed))
        }
    }

    /// Compares `old` and `new` (absent is nil) under `shape`.
    func compare(_ old: JSONValue?, _ new: JSONValue?, _ shape: MergeShape) throws(StructuredMergeError)
        -> FieldComparison
    {
        try compareNode(old, new, shape, level: 1).below
    }

    /// Compares the values at one place; `level` is its depth (the top is 1). The walk descends
    /// only where the two differ and throws where `PatchSupport.depth(of:)` would find them too
    /// deep (`checkRoom`), so the values need no depth check of their own first.
    private func compareNode(_ lhs: JSONValue?, _ rhs: JSONValue?, _ shape: MergeShape, level: Int) throws(StructuredMergeError)
        -> NodeChange
    {
        var change = NodeChange()
        // Most of an object is unchanged by a write; equal subtrees need no walk.
        if let l = lhs, let r = rhs, PatchSupport.equal(l, r) { return change }
        // A subtree only one side has is added or removed whole: every path in it, collected
        // in one walk (as for a create) instead of compared against nothing node by node.
        if lhs == nil, let r = rhs {
            change.added = true
            change.below.added = try addedFields(of: r, shape, level: level)
            return change
        }
        if rhs == nil, let l = lhs {
            change.removed = true
            change.below.removed = try addedFields(of: l, shape, level: level)
            return change
        }
        switch form(of: lhs, rhs, shape) {
        case .leaf:
            // Both sides are here and differ (equal or one-sided values returned above), or
            // neither is.
            change.modified = lhs != nil
            return change
        case .object:
            let lo = lhs?.objectValue ?? JSONObject()
            let ro = rhs?.objectValue ?? JSONObject()
            try Self.checkRoom(level: level, hasChildren: !lo.isEmpty || !ro.isEmpty)
            var builder = ChangeBuilder()
            for m in lo.members {
                try compareChild(.field(m.key), m.value, ro[m.key], memberShape(shape, m.key), level: level + 1, into: &builder)
            }
            for m in ro.members where lo[m.key] == nil {
                try compareChild(.field(m.key), nil, m.value, memberShape(shape, m.key), level: level + 1, into: &builder)
            }
            change.below = builder.comparison
        case .list:
            try Self.checkRoom(level: level, hasChildren: lhs?.arrayValue?.isEmpty == false || rhs?.arrayValue?.isEmpty == false)
            change.below = try compareLists(lhs?.arrayValue ?? [], rhs?.arrayValue ?? [], shape, level: level)
        }
        return change
    }

    private func compareChild(
        _ element: ManagedPathElement, _ lhs: JSONValue?, _ rhs: JSONValue?, _ shape: MergeShape, level: Int,
        into builder: inout ChangeBuilder
    ) throws(StructuredMergeError) {
        do {
            builder.add(element, try compareNode(lhs, rhs, shape, level: level))
        } catch {
            throw error.under(element)
        }
    }

    /// The elements of two associative lists grouped by path element, in first-seen order
    /// (left list first). A list has a few elements (conditions, containers, ports), so an
    /// element is looked for among the groups in turn; a dictionary is built only for long ones.
    private struct ListGroups {
        var elements: [ManagedPathElement] = []
        var left: [[JSONValue]] = []
        var right: [[JSONValue]] = []
        private var index: [ManagedPathElement: Int]?
        private static let scanLimit = 16

        /// The group of `element`, made (empty on both sides) when new.
        mutating func group(_ element: ManagedPathElement) -> Int {
            if let index {
                if let found = index[element] { return found }
            } else if let found = elements.firstIndex(of: element) {
                return found
            }
            elements.append(element)
            left.append([])
            right.append([])
            let new = elements.count - 1
            if index != nil {
                index?[element] = new
            } else if elements.count > Self.scanLimit {
                index = Dictionary(uniqueKeysWithValues: elements.enumerated().map { ($1, $0) })
            }
            return new
        }
    }

    /// Compares two associative lists element by element; an element repeated on one side is
    /// reported whole.
    private func compareLists(_ lhs: [JSONValue], _ rhs: [JSONValue], _ shape: MergeShape, level: Int)
        throws(StructuredMergeError) -> FieldComparison
    {
        var groups = ListGroups()
        for item in lhs { groups.left[groups.group(try pathElement(of: item, in: shape))].append(item) }
        for item in rhs { groups.right[groups.group(try pathElement(of: item, in: shape))].append(item) }
        let itemShape = elementShape(shape)
        var builder = ChangeBuilder()
        for (g, element) in groups.elements.enumerated() {
            let l = groups.left[g]
            let r = groups.right[g]
            if l.count <= 1 && r.count <= 1 {
                try compareChild(element, l.first, r.first, itemShape, level: level + 1, into: &builder)
                continue
            }
            var change = NodeChange()
            do {
                if l.count >= 2 && r.count >= 2 {
                    change.modified = !(l.count == r.count && zip(l, r).allSatisfy { PatchSupport.equal($0, $1) })
                } else if l.count >= 2 {
                    if let first = r.first { change = try compareNode(nil, first, itemShape, level: level + 1) }
                    change.removed = true
                } else {
                    if let first = l.first { change = try compareNode(first, nil, itemShape, level: level + 1) }
                    change.added = true
                }
            } catch {
                throw error.under(element)
            }
            builder.add(element, change)
        }
        return builder.comparison
    }
}
