import KubeAPI

/// Turns Skiff's type definitions into OpenAPI v3 schemas shaped like the ones Kubernetes
/// publishes: object references as `allOf: [$ref]` on properties and plain `$ref` on list items
/// and map values, patch and apply metadata as `x-kubernetes-*` extensions.
enum OpenAPISchemas {
    /// The prefix of a local schema reference.
    static let refPrefix = "#/components/schemas/"
    /// The definition name used for resource quantities.
    static let quantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    /// The definition name used for int-or-string values.
    static let intOrStringName = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"

    /// The `components.schemas` object holding every definition reachable from `roots`, sorted by name.
    static func components(roots: [String], schema: SchemaRegistry) -> JSONObject {
        var out = JSONObject()
        for name in reachable(from: roots, schema: schema) {
            if name == quantityName {
                out[name] = quantitySchema
            } else if name == intOrStringName {
                out[name] = intOrStringSchema
            } else if let definition = schema.definition(name) {
                out[name] = self.schema(for: definition)
            }
        }
        return out
    }

    /// The names of every definition reachable from `roots` (the roots included when defined),
    /// sorted; `Quantity` and `IntOrString` appear when some field uses them.
    static func reachable(from roots: [String], schema: SchemaRegistry) -> [String] {
        var seen = Set<String>()
        var stack = roots.reversed().filter { schema.definition($0) != nil }
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let definition = schema.definition(name) else { continue }
            for field in definition.fields {
                for next in references(in: field.type) where !seen.contains(next) {
                    if next == quantityName || next == intOrStringName {
                        seen.insert(next)
                    } else if schema.definition(next) != nil {
                        stack.append(next)
                    }
                }
            }
        }
        return seen.sorted()
    }

    /// The definition names a field type refers to, including the synthetic Quantity and IntOrString.
    static func references(in type: SchemaType) -> [String] {
        switch type {
        case .ref(let name): return [name]
        case .quantity: return [quantityName]
        case .intOrString: return [intOrStringName]
        case .array(let element, _), .map(let element): return references(in: element)
        case .string, .integer, .number, .boolean, .any: return []
        }
    }

    /// The OpenAPI schema of one definition.
    static func schema(for definition: TypeDefinition) -> JSONValue {
        var o = JSONObject()
        if !definition.description.isEmpty { o["description"] = .string(definition.description) }
        o["type"] = "object"
        if !definition.fields.isEmpty {
            var properties = JSONObject()
            for field in definition.fields { properties[field.name] = property(field) }
            o["properties"] = .object(properties)
        }
        let required = definition.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { o["required"] = .array(required) }
        if !definition.groupVersionKinds.isEmpty {
            o["x-kubernetes-group-version-kind"] = .array(definition.groupVersionKinds.map(gvkValue))
        }
        if definition.atomic { o["x-kubernetes-map-type"] = "atomic" }
        if definition.preserveUnknownFields { o["x-kubernetes-preserve-unknown-fields"] = true }
        return .object(o)
    }

    /// The `{group, kind, version}` object of the `x-kubernetes-group-version-kind` extension.
    static func gvkValue(_ gvk: GroupVersionKind) -> JSONValue {
        ["group": .string(gvk.group), "kind": .string(gvk.kind), "version": .string(gvk.version)]
    }

    /// The schema of one property, with its description and patch/apply extensions.
    static func property(_ field: FieldSchema) -> JSONValue {
        var o = JSONObject()
        switch field.type {
        case .ref(let name):
            o["allOf"] = [["$ref": .string(refPrefix + name)]]
        case .quantity:
            o["allOf"] = [["$ref": .string(refPrefix + quantityName)]]
        case .intOrString:
            o["allOf"] = [["$ref": .string(refPrefix + intOrStringName)]]
        default:
            for member in value(field.type) { o[member.key] = member.value }
        }
        if !field.description.isEmpty {
            // Kubernetes puts the description first; keep that order for readability.
            o = JSONObject([("description", .string(field.description))] + o.members.map { ($0.key, $0.value) })
        }
        if case .array(_, let strategy) = field.type {
            addListExtensions(to: &o, strategy: strategy, field: field)
        }
        if field.retainKeys { o["x-kubernetes-patch-strategy"] = "retainKeys" }
        if field.atomicMap { o["x-kubernetes-map-type"] = "atomic" }
        return .object(o)
    }

    /// Adds `x-kubernetes-list-type`, `-list-map-keys`, `-patch-merge-key` and `-patch-strategy`.
    static func addListExtensions(to o: inout JSONObject, strategy: ListStrategy, field: FieldSchema) {
        switch field.applyStrategy ?? strategy {
        case .atomic:
            o["x-kubernetes-list-type"] = "atomic"
        case .set:
            o["x-kubernetes-list-type"] = "set"
        case .map(let key, _):
            let keys = field.listMapKeys.isEmpty ? [key] : field.listMapKeys
            o["x-kubernetes-list-map-keys"] = .array(keys.map { .string($0) })
            o["x-kubernetes-list-type"] = "map"
        }
        switch strategy {
        case .atomic:
            break
        case .set:
            o["x-kubernetes-patch-strategy"] = "merge"
        case .map(let key, let retainKeys):
            o["x-kubernetes-patch-merge-key"] = .string(key)
            o["x-kubernetes-patch-strategy"] = retainKeys ? "merge,retainKeys" : "merge"
        }
    }

    /// The schema of a value of `type` where it is not a property (list items, map values):
    /// object references are plain `$ref`s.
    static func value(_ type: SchemaType) -> JSONObject {
        switch type {
        case .string(let format, let enumValues):
            var o: JSONObject = JSONObject([("type", "string")])
            if let format { o["format"] = .string(format) }
            if let enumValues { o["enum"] = .array(enumValues.map { .string($0) }) }
            return o
        case .integer(let format):
            return JSONObject([("type", "integer"), ("format", .string(format))])
        case .number:
            return JSONObject([("type", "number"), ("format", "double")])
        case .boolean:
            return JSONObject([("type", "boolean")])
        case .quantity:
            return JSONObject([("$ref", .string(refPrefix + quantityName))])
        case .intOrString:
            return JSONObject([("$ref", .string(refPrefix + intOrStringName))])
        case .ref(let name):
            return JSONObject([("$ref", .string(refPrefix + name))])
        case .array(let element, _):
            return JSONObject([("type", "array"), ("items", .object(value(element)))])
        case .map(let element):
            return JSONObject([("type", "object"), ("additionalProperties", .object(value(element)))])
        case .any:
            return JSONObject([("type", "object"), ("x-kubernetes-preserve-unknown-fields", true)])
        }
    }

    /// The schema of a resource quantity such as `500m` or `1Gi`.
    static let quantitySchema: JSONValue = [
        "description": "A fixed-point number with an optional SI or binary suffix, e.g. `500m`, `2`, `1Gi`.",
        "oneOf": [["type": "string"], ["type": "number"]],
        "x-kubernetes-int-or-string": true,
    ]

    /// The schema of a value that is either an integer or a string (a port number or name).
    static let intOrStringSchema: JSONValue = [
        "description": "Either an integer or a string, e.g. a port number or a port name.",
        "format": "int-or-string",
        "oneOf": [["type": "integer"], ["type": "string"]],
        "x-kubernetes-int-or-string": true,
    ]
}
