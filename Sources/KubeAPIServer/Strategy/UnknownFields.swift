import KubeAPI

/// Finds fields an object carries that its schema does not know, for `fieldValidation`, and
/// drops them, as Kubernetes' decoder does when the request does not ask for `Strict`.
enum UnknownFields {
    /// One step of the path to a field: a key of an object or map, or an index of a list.
    private enum Step {
        case key(String)
        case index(Int)
    }

    /// Dotted paths (`spec.foo`, `spec.containers[0].bar`) of unknown fields, in document order.
    /// Top-level members named in `skipping` are not looked at (a status write's `spec`, which
    /// is the stored one). With `specMemo` (belonging to `schema`), what the top-level `spec`
    /// holds is looked up there first: the objects of one workload share their spec.
    ///
    /// `stored` is the version an update starts from. A part of `object` that is the very same
    /// object or array as the stored one at its place (an update shares what it did not change)
    /// is not walked: it had its unknown fields dropped when it was stored.
    static func find(
        in object: JSONValue, schema: SchemaRegistry, root: String, skipping: [String] = [],
        specMemo: JSONValueMemo<[String]>? = nil, stored: JSONValue? = nil
    ) -> [String] {
        guard case .object(var top) = object, !skipping.isEmpty || specMemo != nil else {
            var out: [String] = []
            var path: [Step] = []
            walk(object, type: .ref(root), stored: stored, path: &path, schema: schema, out: &out)
            return out
        }
        for key in skipping { top[key] = nil }
        let members = top.members
        guard let specMemo, let spec = members.firstIndex(where: { $0.key == "spec" }) else {
            return find(members[...], schema: schema, root: root, stored: stored)
        }
        // The members before the spec, the spec (remembered, so walked in full: a remembered
        // answer holds for any object with that spec), and the members after it.
        return find(members[..<spec], schema: schema, root: root, stored: stored)
            + specMemo.result(tag: root, for: members[spec].value) {
                find(members[spec...spec], schema: schema, root: root, stored: nil)
            }
            + find(members[(spec + 1)...], schema: schema, root: root, stored: stored)
    }

    /// `object` without the fields `find` reports for the same `skipping`: the members its
    /// schema does not know are dropped at every depth, and the top-level members named in
    /// `skipping` are kept as they are. Builds a new tree, so callers ask only when `find`
    /// reported something.
    static func pruned(_ object: JSONValue, schema: SchemaRegistry, root: String, skipping: [String] = []) -> JSONValue {
        prune(object, type: .ref(root), top: skipping, schema: schema)
    }

    /// `value` with what `type` does not know removed. `top` is nil below the top level, and at
    /// the top level the member names kept unlooked-at.
    private static func prune(_ value: JSONValue, type: SchemaType, top: [String]?, schema: SchemaRegistry) -> JSONValue {
        switch (type, value) {
        case (.ref(let name), .object(let o)):
            guard let def = schema.definition(name), !def.preserveUnknownFields else { return value }
            var kept: [JSONObject.Member] = []
            kept.reserveCapacity(o.count)
            for m in o {
                if let f = def.field(m.key), top?.contains(m.key) != true {
                    kept.append(JSONObject.Member(key: m.key, value: prune(m.value, type: f.type, top: nil, schema: schema)))
                } else if let top, top.contains(m.key) || m.key == "apiVersion" || m.key == "kind" {
                    kept.append(m)
                }
            }
            return .object(JSONObject(uniqueKeys: kept))
        case (.array(let element, _), .array(let items)):
            return .array(items.map { prune($0, type: element, top: nil, schema: schema) })
        case (.map(let element), .object(let o)):
            return .object(JSONObject(uniqueKeys: o.map { JSONObject.Member(key: $0.key, value: prune($0.value, type: element, top: nil, schema: schema)) }))
        default:
            return value
        }
    }

    /// The unknown fields among some of an object's top-level members.
    private static func find(
        _ members: ArraySlice<JSONObject.Member>, schema: SchemaRegistry, root: String, stored: JSONValue?
    ) -> [String] {
        var object = JSONObject()
        for m in members { object[m.key] = m.value }
        var out: [String] = []
        var path: [Step] = []
        walk(.object(object), type: .ref(root), stored: stored, path: &path, schema: schema, out: &out)
        return out
    }

    /// Walks `value` against `type`; `stored` is what stood at the same place in the stored
    /// version, if anything. The path is kept as steps and written out only for an unknown
    /// field: every write of a pod is checked, and almost every field is known.
    private static func walk(
        _ value: JSONValue, type: SchemaType, stored: JSONValue?, path: inout [Step], schema: SchemaRegistry, out: inout [String]
    ) {
        switch (type, value) {
        case (.ref(let name), .object(let o)):
            guard let def = schema.definition(name), !def.preserveUnknownFields else { return }
            let before = stored?.objectValue
            for (i, m) in o.members.enumerated() {
                path.append(.key(m.key))
                defer { path.removeLast() }
                if let f = def.field(m.key) {
                    let was = before.flatMap { member(m.key, at: i, of: $0) }
                    if isUnchanged(m.value, was) { continue }
                    walk(m.value, type: f.type, stored: was, path: &path, schema: schema, out: &out)
                } else if !(path.count == 1 && (m.key == "apiVersion" || m.key == "kind")) {
                    out.append(text(of: path))
                }
            }
        case (.array(let element, _), .array(let items)):
            let before = stored?.arrayValue
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                defer { path.removeLast() }
                let was = before.flatMap { i < $0.count ? $0[i] : nil }
                if isUnchanged(item, was) { continue }
                walk(item, type: element, stored: was, path: &path, schema: schema, out: &out)
            }
        case (.map(let element), .object(let o)):
            let before = stored?.objectValue
            for (i, m) in o.members.enumerated() {
                path.append(.key(m.key))
                defer { path.removeLast() }
                let was = before.flatMap { member(m.key, at: i, of: $0) }
                if isUnchanged(m.value, was) { continue }
                walk(m.value, type: element, stored: was, path: &path, schema: schema, out: &out)
            }
        default:
            return
        }
    }

    /// The member `key` of `object`, looked for first at `index` (an update keeps the stored
    /// order).
    private static func member(_ key: String, at index: Int, of object: JSONObject) -> JSONValue? {
        let members = object.members
        if index < members.count, members[index].key == key { return members[index].value }
        return object[key]
    }

    /// True when `value` is the very same object or array as `stored` (not merely equal).
    private static func isUnchanged(_ value: JSONValue, _ stored: JSONValue?) -> Bool {
        switch (value, stored) {
        case (.object(let now), .object(let before)?): return now.sharesMembers(with: before)
        case (.array(let now), .array(let before)?): return now.count == before.count && PatchSupport.sameStorage(now, before)
        default: return false
        }
    }

    private static func text(of path: [Step]) -> String {
        var out = ""
        for step in path {
            switch step {
            case .key(let key): out += out.isEmpty ? key : "." + key
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}
