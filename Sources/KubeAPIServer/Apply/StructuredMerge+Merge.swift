import KubeAPI

/// Merging an applied configuration into a live object: leaves take the configuration's
/// value, objects merge member by member, associative lists merge element by element.
extension StructuredMerge {
    /// Merges `rhs` (the applied configuration) into `lhs` (the live object). Members keep the
    /// live order, new members follow in configuration order; a `null` the configuration sets
    /// removes the member. A configuration list with two elements of the same key is an error.
    func merge(_ lhs: JSONValue?, _ rhs: JSONValue?, _ shape: MergeShape) throws(StructuredMergeError) -> JSONValue?
    {
        if let l = lhs, let r = rhs, form(of: l, shape) != form(of: r, shape) {
            // The configuration's value replaces a live value of another kind; it is walked as
            // if new, so that applying the same configuration again gives the same result.
            return form(of: r, shape) == .leaf ? r : try merge(nil, r, shape)
        }
        switch form(of: lhs, rhs, shape) {
        case .leaf:
            return rhs ?? lhs
        case .object:
            let lo = lhs?.objectValue ?? JSONObject()
            let ro = rhs?.objectValue ?? JSONObject()
            var out = JSONObject()
            for m in lo.members {
                let r = ro[m.key]
                let merged = try mergeChild(.field(m.key), m.value, r, memberShape(shape, m.key))
                if let merged, !(merged.isNull && r?.isNull == true) { out[m.key] = merged }
            }
            for m in ro.members where lo[m.key] == nil && !m.value.isNull {
                if let merged = try mergeChild(.field(m.key), nil, m.value, memberShape(shape, m.key)) {
                    out[m.key] = merged
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .list:
            let merged = try mergeLists(lhs?.arrayValue ?? [], rhs?.arrayValue ?? [], shape)
            return merged.isEmpty ? nil : .array(merged)
        }
    }

    /// Merges two associative lists. The result keeps the live elements the configuration does
    /// not mention in their places and places the configuration's elements in its order,
    /// interleaving the two the way structured-merge-diff does.
    private func mergeLists(_ lhs: [JSONValue], _ rhs: [JSONValue], _ shape: MergeShape)
        throws(StructuredMergeError) -> [JSONValue]
    {
        var rightElements: [ManagedPathElement] = []
        var right: [ManagedPathElement: JSONValue] = [:]
        for item in rhs {
            let element = try pathElement(of: item, in: shape)
            guard right[element] == nil else {
                throw StructuredMergeError("duplicate entries for key \(element.description)")
            }
            right[element] = item
            rightElements.append(element)
        }
        var leftElements: [ManagedPathElement] = []
        var left: [ManagedPathElement: JSONValue] = [:]
        for item in lhs {
            let element = try pathElement(of: item, in: shape)
            // A live element repeated under one key merges as if it were absent.
            left[element] = left[element] == nil ? item : .null
            leftElements.append(element)
        }
        var shared = rightElements.filter { left[$0] != nil }[...]
        var nextShared = shared.popFirst()
        var emitted = Set<ManagedPathElement>()
        let itemShape = elementShape(shape)
        var out: [JSONValue] = []
        var l = 0
        var r = 0

        func emit(_ lChild: JSONValue?, _ rChild: JSONValue?, _ element: ManagedPathElement) throws(StructuredMergeError) {
            if let v = try mergeChild(element, lChild, rChild, itemShape) { out.append(v) }
        }

        // Every pass advances l or r, so the loop ends after at most lhs.count + rhs.count passes.
        while l < leftElements.count || r < rightElements.count {
            if l < leftElements.count && r < rightElements.count {
                let element = leftElements[l]
                if element == rightElements[r] {
                    emitted.insert(element)
                    try emit(left[element], right[element], element)
                    l += 1
                    r += 1
                    nextShared = shared.popFirst()
                    continue
                }
                if right[element] != nil, let next = nextShared, next != element {
                    l += 1
                    continue
                }
            }
            if l < leftElements.count {
                let element = leftElements[l]
                if right[element] == nil {
                    try emit(lhs[l], nil, element)
                    l += 1
                    continue
                } else if emitted.contains(element) {
                    l += 1
                }
            }
            if r < rightElements.count {
                let element = rightElements[r]
                emitted.insert(element)
                try emit(left[element], right[element], element)
                r += 1
                if nextShared == element { nextShared = shared.popFirst() }
            }
        }
        return out
    }

    /// `merge` one level down, naming `element` in any error.
    private func mergeChild(_ element: ManagedPathElement, _ lhs: JSONValue?, _ rhs: JSONValue?, _ shape: MergeShape)
        throws(StructuredMergeError) -> JSONValue?
    {
        do {
            return try merge(lhs, rhs, shape)
        } catch {
            throw error.under(element)
        }
    }
}
