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
    static func find(
        in object: JSONValue, schema: SchemaRegistry, root: String, skipping: [String] = [],
        specMemo: JSONValueMemo<[String]>? = nil
    ) -> [String] {
        guard case .object(var top) = object, !skipping.isEmpty || specMemo != nil else {
            var out: [String] = []
            var path: [Step] = []
            walk(object, type: .ref(root), path: &path, schema: schema, out: &out)
            return out
        }
        for key in skipping { top[key] = nil }
        let members = top.members
        guard let specMemo, let spec = members.firstIndex(where: { $0.key == "spec" }) else {
            return find(members[...], schema: schema, root: root)
        }
        // The members before the spec, the spec (remembered), and the members after it.
        return find(members[..<spec], schema: schema, root: root)
            + specMemo.result(tag: root, for: members[spec].value) {
                find(members[spec...spec], schema: schema, root: root)
            }
            + find(members[(spec + 1)...], schema: schema, root: root)
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
    private static func find(_ members: ArraySlice<JSONObject.Member>, schema: SchemaRegistry, root: String) -> [String] {
        var object = JSONObject()
        for m in members { object[m.key] = m.value }
        var out: [String] = []
        var path: [Step] = []
        walk(.object(object), type: .ref(root), path: &path, schema: schema, out: &out)
        return out
    }

    /// Walks `value` against `type`. The path is kept as steps and written out only for an
    /// unknown field: every write of a pod is checked, and almost every field is known.
    private static func walk(_ value: JSONValue, type: SchemaType, path: inout [Step], schema: SchemaRegistry, out: inout [String]) {
        switch (type, value) {
        case (.ref(let name), .object(let o)):
            guard let def = schema.definition(name), !def.preserveUnknownFields else { return }
            for m in o {
                path.append(.key(m.key))
                defer { path.removeLast() }
                if let f = def.field(m.key) {
                    walk(m.value, type: f.type, path: &path, schema: schema, out: &out)
                } else if !(path.count == 1 && (m.key == "apiVersion" || m.key == "kind")) {
                    out.append(text(of: path))
                }
            }
        case (.array(let element, _), .array(let items)):
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                defer { path.removeLast() }
                walk(item, type: element, path: &path, schema: schema, out: &out)
            }
        case (.map(let element), .object(let o)):
            for m in o {
                path.append(.key(m.key))
                defer { path.removeLast() }
                walk(m.value, type: element, path: &path, schema: schema, out: &out)
            }
        default:
            return
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
