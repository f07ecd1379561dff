import KubeAPI

/// The object-level directives of strategic merge patch: `$retainKeys` and
/// `$setElementOrder/<list>`.
extension StrategicMergeEngine {
    /// `$retainKeys: [names]`: every non-null data member of the patch must be listed, and the
    /// original loses every member not listed. Removes the directive from `patch`.
    func applyRetainKeys(_ original: inout JSONObject, _ patch: inout JSONObject) throws(StrategicMergePatchError) {
        guard let directive = patch[SMPDirective.retainKeys] else { return }
        patch[SMPDirective.retainKeys] = nil
        guard case .array(let names) = directive else { throw .badRetainKeys }
        let retained = Set(names.compactMap(\.stringValue))
        for m in patch.members {
            if m.value.isNull || m.key.hasPrefix(SMPDirective.deleteFromPrimitiveList)
                || m.key.hasPrefix(SMPDirective.setElementOrder)
            {
                continue
            }
            guard retained.contains(m.key) else { throw .badRetainKeys }
        }
        for key in original.keys where !retained.contains(key) {
            original[key] = nil
        }
    }

    /// `$setElementOrder/<list>: [...]`: merges the patch's `<list>` (if any) into the
    /// original's and orders the result: elements named in the order list first place, in that
    /// order, interleaved with the elements only the server has, which keep their relative order.
    /// Removes the directive and the list it handled from `patch`.
    func applySetElementOrder(_ original: inout JSONObject, _ patch: inout JSONObject, type: SchemaType?)
        throws(StrategicMergePatchError)
    {
        let directives = patch.members.filter { $0.key.hasPrefix(SMPDirective.setElementOrder) }
        for directive in directives {
            patch[directive.key] = nil
            guard case .array(let order) = directive.value else {
                throw .badArgType(expected: "[]interface {}", directive.value)
            }
            let name = try listKey(directive.key, prefix: SMPDirective.setElementOrder)
            var originalList: [JSONValue]?
            var patchList: [JSONValue]?
            if let value = original[name] {
                guard case .array(let list) = value else { throw .badArgType(expected: "[]interface {}", value) }
                originalList = list
            }
            if let value = patch[name] {
                guard case .array(let list) = value else { throw .badArgType(expected: "[]interface {}", value) }
                patchList = list
            }
            let shape = registry.shape(of: registry.memberType(of: registry.shape(of: type), named: name))
            let key = mergeKey(of: shape)
            try validateOrder(patchList ?? [], against: order, key: key)

            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let o?, nil):
                merged = o
            case (nil, let p?):
                merged = p.compactMap { clean($0, inList: true) }
            case (let o?, let p?):
                if shape.isAssociativeList {
                    merged = try mergeList(o, p, shape: shape, name: name, isDeleteList: false)
                } else {
                    merged = p.compactMap { clean($0, inList: true) }
                }
            case (nil, nil):
                continue
            }
            patch[name] = nil
            guard (try? elementKind(originalList ?? [], patchList ?? [])) != nil else {
                original[name] = .array(merged)
                continue
            }
            let (ordered, serverOnly) = try partition(merged, by: order, key: key)
            original[name] = .array(
                try normalizeOrder(ordered, serverOnly, patchOrder: order, serverOrder: originalList ?? [], key: key))
        }
    }

    /// Checks that the patch list names its (non-deleted) elements in the same relative order
    /// as the `$setElementOrder` list, and names no element the order list lacks.
    func validateOrder(_ patchList: [JSONValue], against order: [JSONValue], key: String) throws(StrategicMergePatchError) {
        if patchList.isEmpty || order.isEmpty { return }
        var items = patchList
        if !key.isEmpty {
            for element in items where element.objectValue == nil {
                throw .badArgType(expected: "map[string]interface {}", element)
            }
            items = items.filter { $0[SMPDirective.patch] != "delete" }
        }
        var p = 0
        var o = 0
        while p < items.count && o < order.count {
            if case .object(let obj) = items[p], obj[SMPDirective.patch] != nil {
                p += 1
                continue
            }
            if try sameElement(items[p], order[o], key: key) { p += 1 }
            o += 1
        }
        if p < items.count && o >= order.count {
            throw .bad(
                "The order in patch list:\n\(PatchSupport.goFormat(.array(patchList)))\n doesn't match \(SMPDirective.setElementOrder) list:\n\(PatchSupport.goFormat(.array(order)))\n"
            )
        }
    }

    /// True when two list elements denote the same element: equal merge-key values for keyed
    /// lists (both must be objects carrying the key), equal values otherwise.
    func sameElement(_ a: JSONValue, _ b: JSONValue, key: String) throws(StrategicMergePatchError) -> Bool {
        if key.isEmpty { return PatchSupport.equal(a, b) }
        guard case .object(let x) = a else { throw .badArgType(expected: "map[string]interface {}", a) }
        guard case .object(let y) = b else { throw .badArgType(expected: "map[string]interface {}", b) }
        guard let xv = x[key] else { throw .noMergeKey(a, key) }
        guard let yv = y[key] else { throw .noMergeKey(b, key) }
        return PatchSupport.equal(xv, yv)
    }
}
