import KubeAPI

/// List merging for strategic merge patch: merge-keyed lists of objects, sets of scalars,
/// deletion lists and the ordering rules.
extension StrategicMergeEngine {
    /// The merge key of a list shape; empty for sets and unmodelled lists.
    func mergeKey(of shape: MergeShape) -> String {
        if case .keyedList(let key, _) = shape { return key }
        return ""
    }

    /// Merges list `patch` into list `original` whose shape is keyed or set.
    func mergeList(
        _ original: [JSONValue], _ patch: [JSONValue], shape: MergeShape, name: String, isDeleteList: Bool
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        if original.isEmpty && patch.isEmpty { return original }
        let kind = try elementKind(original, patch)
        let key = mergeKey(of: shape)
        var original = original
        var patch = patch
        let merged: [JSONValue]
        if kind != .object {
            if isDeleteList { return deleteAll(patch, from: original) }
            merged = uniqueScalars(original + patch)
        } else {
            if isDeleteList { throw .badPrimitiveList }
            guard !key.isEmpty else { throw .bad("cannot merge lists without merge key for \(name)") }
            try applySpecialElements(&original, &patch, key: key)
            merged = try mergeKeyed(original, patch, key: key, elementType: registry.elementType(of: shape))
        }
        let (patchItems, serverOnly) = try partition(merged, by: patch, key: key)
        return try normalizeOrder(patchItems, serverOnly, patchOrder: patch, serverOrder: original, key: key)
    }

    /// The common kind of the elements of the lists; errors when they differ or are lists.
    func elementKind(_ lists: [JSONValue]...) throws(StrategicMergePatchError) -> PatchSupport.Kind {
        var found: PatchSupport.Kind?
        for list in lists {
            for v in list {
                let k = PatchSupport.kind(v)
                if k == .array { throw .listsOfLists }
                if let found, found != k {
                    let rendered = lists.map { PatchSupport.goFormat(.array($0)) }.joined(separator: " ")
                    throw .bad("list element types are not identical: [\(rendered)]")
                }
                found = k
            }
        }
        guard let found else { throw .bad("no elements in any of the given slices") }
        return found
    }

    /// `list` without every element equal to one in `toDelete`.
    func deleteAll(_ toDelete: [JSONValue], from list: [JSONValue]) -> [JSONValue] {
        let doomed = Set(toDelete.map(PatchSupport.canonical))
        return list.filter { !doomed.contains(PatchSupport.canonical($0)) }
    }

    /// `list` without repeated values, keeping first occurrences.
    func uniqueScalars(_ list: [JSONValue]) -> [JSONValue] {
        var seen = Set<JSONValue>()
        return list.filter { seen.insert(PatchSupport.canonical($0)).inserted }
    }

    /// The identity of a keyed element for lookups: its canonical merge-key value, or nil when
    /// it has none (elements without the key match each other, as in Kubernetes). Without a
    /// key, the canonical element itself.
    func identity(_ element: JSONValue, key: String) -> JSONValue? {
        if key.isEmpty { return PatchSupport.canonical(element) }
        return element[key].map(PatchSupport.canonical)
    }

    /// Processes list elements that carry `$patch`: `delete` removes the original elements with
    /// the same key, `replace` makes the remaining patch elements the whole list, `merge` is
    /// the default and is dropped. Leaves the ordinary patch elements in `patch`.
    func applySpecialElements(_ original: inout [JSONValue], _ patch: inout [JSONValue], key: String)
        throws(StrategicMergePatchError)
    {
        let special = patch.contains { element in
            if case .object(let o) = element { return o[SMPDirective.patch] != nil }
            return false
        }
        guard special else { return }
        var rest: [JSONValue] = []
        var replace = false
        var doomed = Set<JSONValue>()
        for element in patch {
            guard case .object(let o) = element, let directive = o[SMPDirective.patch] else {
                rest.append(element)
                continue
            }
            switch directive {
            case "delete":
                guard let value = o[key] else { throw .noMergeKey(element, key) }
                doomed.insert(PatchSupport.canonical(value))
            case "replace":
                replace = true
            case "merge":
                break
            default:
                throw .unknownPatchType(directive, in: o)
            }
        }
        if !doomed.isEmpty {
            original.removeAll { element in element[key].map { doomed.contains(PatchSupport.canonical($0)) } ?? false }
        }
        if replace {
            original = rest.compactMap { clean($0, inList: true) }
            patch = []
        } else {
            patch = rest
        }
    }

    /// Merges each patch element into the original element with the same key, or appends it.
    func mergeKeyed(_ original: [JSONValue], _ patch: [JSONValue], key: String, elementType: SchemaType?)
        throws(StrategicMergePatchError) -> [JSONValue]
    {
        var result = original
        var positions = ElementPositions()
        for (i, element) in result.enumerated() {
            guard case .object = element else { throw .bad("value for key \(i) is not a map") }
            positions.append(identity(element, key: key))
        }
        for element in patch {
            guard case .object(let p) = element else { throw .badArgType(expected: "map[string]interface {}", element) }
            guard p[key] != nil else { throw .noMergeKey(element, key) }
            let id = identity(element, key: key)
            if let i = positions.first(id), case .object(let o) = result[i] {
                result[i] = .object(try mergeMap(o, p, type: elementType))
            } else if let c = clean(element, inList: true) {
                positions.append(id)
                result.append(c)
            }
        }
        return result
    }

    /// Splits `merged` into the elements the patch (or order list) names and the rest.
    func partition(_ merged: [JSONValue], by patch: [JSONValue], key: String) throws(StrategicMergePatchError)
        -> (inPatch: [JSONValue], serverOnly: [JSONValue])
    {
        var names = ElementPositions()
        for element in patch {
            if !key.isEmpty, element.objectValue == nil { throw .bad("value for key \(key) is not a map") }
            names.append(identity(element, key: key))
        }
        var inPatch: [JSONValue] = []
        var serverOnly: [JSONValue] = []
        for element in merged {
            if !key.isEmpty {
                guard case .object(let o) = element else { throw .badArgType(expected: "map[string]interface {}", element) }
                guard o[key] != nil else { throw .noMergeKey(element, key) }
            }
            if names.first(identity(element, key: key)) != nil {
                inPatch.append(element)
            } else {
                serverOnly.append(element)
            }
        }
        return (inPatch, serverOnly)
    }

    /// Orders the merged list: patch elements in `patchOrder`'s order, server-only elements in
    /// `serverOrder`'s order, interleaved so that a server-only element precedes a patch
    /// element only when both appear in `serverOrder` in that order.
    func normalizeOrder(
        _ patchItems: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
        key: String
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        if !key.isEmpty {
            func check(_ list: [JSONValue]) throws(StrategicMergePatchError) {
                for element in list {
                    guard case .object(let o) = element else { throw .badArgType(expected: "map[string]interface {}", element) }
                    guard o[key] != nil else { throw .noMergeKey(element, key) }
                }
            }
            try check(patchItems)
            try check(patchOrder)
        }
        let patchIndex = positions(of: patchOrder, key: key)
        let serverIndex = positions(of: serverOrder, key: key)
        let right = ranked(patchItems, by: patchIndex, server: serverIndex, key: key)
        let left = ranked(serverOnly, by: serverIndex, server: serverIndex, key: key)

        var out: [JSONValue] = []
        out.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                out.append(right[j].item)
                j += 1
            } else if j >= right.count {
                out.append(left[i].item)
                i += 1
            } else if let li = left[i].serverPosition, let ri = right[j].serverPosition, li < ri {
                out.append(left[i].item)
                i += 1
            } else {
                out.append(right[j].item)
                j += 1
            }
        }
        return out
    }

    /// The first position of each element identity in `list`.
    func positions(of list: [JSONValue], key: String) -> ElementPositions {
        var positions = ElementPositions()
        for element in list { positions.append(identity(element, key: key)) }
        return positions
    }

    /// `items` stably sorted by their position in `order`, items without one keeping their
    /// relative order after those that have one; each with its position in `server`.
    func ranked(_ items: [JSONValue], by order: ElementPositions, server: ElementPositions, key: String)
        -> [(item: JSONValue, serverPosition: Int?)]
    {
        var ranked: [(rank: Int, offset: Int, item: JSONValue, serverPosition: Int?)] = []
        ranked.reserveCapacity(items.count)
        var inOrder = true
        for (offset, item) in items.enumerated() {
            let id = identity(item, key: key)
            let rank = order.first(id) ?? Int.max
            if let last = ranked.last, last.rank > rank { inOrder = false }
            ranked.append((rank, offset, item, server.first(id)))
        }
        if !inOrder { ranked.sort { ($0.rank, $0.offset) < ($1.rank, $1.offset) } }
        return ranked.map { ($0.item, $0.serverPosition) }
    }
}

/// The identities of a list's elements in order, answering where each first appears: by a
/// scan for the short lists patches carry (conditions, containers, ports), by a table past
/// `scanLimit` elements.
struct ElementPositions {
    /// The most elements looked up by a scan.
    static let scanLimit = 16

    private var ids: [JSONValue?] = []
    private var table: [JSONValue?: Int]?

    /// Adds the identity of the next element.
    mutating func append(_ id: JSONValue?) {
        ids.append(id)
        if table != nil {
            if table?[id] == nil { table?[id] = ids.count - 1 }
        } else if ids.count > Self.scanLimit {
            var built: [JSONValue?: Int] = [:]
            for (i, known) in ids.enumerated() where built[known] == nil { built[known] = i }
            table = built
        }
    }

    /// The position of the first element with identity `id`, if any.
    func first(_ id: JSONValue?) -> Int? {
        if let table { return table[id] }
        return ids.firstIndex(of: id)
    }
}
