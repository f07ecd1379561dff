import KubeAPI

/// Finds fields an object carries that its schema does not know, for `fieldValidation`.
enum UnknownFields {
    /// Dotted paths (`spec.foo`, `spec.containers[0].bar`) of unknown fields, in document order.
    static func find(in object: JSONValue, schema: SchemaRegistry, root: String) -> [String] {
        var out: [String] = []
        walk(object, type: .ref(root), path: "", schema: schema, out: &out)
        return out
    }

    private static func walk(_ value: JSONValue, type: SchemaType, path: String, schema: SchemaRegistry, out: inout [String]) {
        switch (type, value) {
        case (.ref(let name), .object(let o)):
            guard let def = schema.definition(name), !def.preserveUnknownFields else { return }
            for m in o {
                let p = path.isEmpty ? m.key : "\(path).\(m.key)"
                if let f = def.field(m.key) {
                    walk(m.value, type: f.type, path: p, schema: schema, out: &out)
                } else if !(path.isEmpty && (m.key == "apiVersion" || m.key == "kind")) {
                    out.append(p)
                }
            }
        case (.array(let element, _), .array(let items)):
            for (i, item) in items.enumerated() { walk(item, type: element, path: "\(path)[\(i)]", schema: schema, out: &out) }
        case (.map(let element), .object(let o)):
            for m in o { walk(m.value, type: element, path: "\(path).\(m.key)", schema: schema, out: &out) }
        default:
            return
        }
    }
}
