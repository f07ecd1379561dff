// Shorthands that keep the standard definition tables one field per line.

extension SchemaType {
    /// A plain string.
    static let str = SchemaType.string()
    /// Base64 bytes (`format: byte`).
    static let bytes = SchemaType.string(format: "byte")
    /// An RFC 3339 timestamp (meta/v1 `Time` and `MicroTime`).
    static let time = SchemaType.string(format: "date-time")
    /// A 32-bit integer.
    static let int32 = SchemaType.integer(format: "int32")
    /// A 64-bit integer.
    static let int64 = SchemaType.integer(format: "int64")
    /// A string-to-string map (labels, annotations, selectors, data).
    static let stringMap = SchemaType.map(.str)
    /// A map of resource names to quantities (requests, limits, capacity).
    static let resourceList = SchemaType.map(.quantity)
    /// A list of strings replaced whole.
    static let strings = SchemaType.array(.str, .atomic)

    /// An object of the core/v1 type `name`.
    static func core(_ name: String) -> SchemaType { .ref("io.k8s.api.core.v1." + name) }
    /// An object of the meta/v1 type `name`.
    static func meta(_ name: String) -> SchemaType { .ref("io.k8s.apimachinery.pkg.apis.meta.v1." + name) }
    /// An object of the apps/v1 type `name`.
    static func apps(_ name: String) -> SchemaType { .ref("io.k8s.api.apps.v1." + name) }
    /// An object of the batch/v1 type `name`.
    static func batch(_ name: String) -> SchemaType { .ref("io.k8s.api.batch.v1." + name) }
    /// An object of the coordination.k8s.io/v1 type `name`.
    static func coordination(_ name: String) -> SchemaType { .ref("io.k8s.api.coordination.v1." + name) }
    /// An object of the discovery.k8s.io/v1 type `name`.
    static func discovery(_ name: String) -> SchemaType { .ref("io.k8s.api.discovery.v1." + name) }
    /// An object of the autoscaling/v1 type `name`.
    static func autoscaling(_ name: String) -> SchemaType { .ref("io.k8s.api.autoscaling.v1." + name) }

    /// A list of `element` replaced whole.
    static func list(_ element: SchemaType) -> SchemaType { .array(element, .atomic) }
    /// A list of objects merged by `key`.
    static func keyed(_ element: SchemaType, _ key: String, retainKeys: Bool = false) -> SchemaType {
        .array(element, .map(key: key, retainKeys: retainKeys))
    }
}

extension FieldSchema {
    /// This field with `keys` as its `x-kubernetes-list-map-keys`.
    func mapKeys(_ keys: String...) -> FieldSchema {
        var copy = self
        copy.listMapKeys = keys
        return copy
    }

    /// This field with a server-side apply list type that differs from its strategic merge one.
    func apply(_ strategy: ListStrategy) -> FieldSchema {
        var copy = self
        copy.applyStrategy = strategy
        return copy
    }

    /// This field with `patchStrategy: retainKeys`.
    func retainingKeys() -> FieldSchema {
        var copy = self
        copy.retainKeys = true
        return copy
    }

    /// This map field owned whole by server-side apply.
    func asAtomicMap() -> FieldSchema {
        var copy = self
        copy.atomicMap = true
        return copy
    }
}

extension TypeDefinition {
    /// This definition with objects owned whole by server-side apply.
    func asAtomic() -> TypeDefinition {
        var copy = self
        copy.atomic = true
        return copy
    }
}

extension StandardDefinitions {
    /// A `<Kind>List` definition holding `items` of `definition` (whose kind is `gvk`).
    /// The `apiVersion`, `kind` and `metadata` (described as `metadata`) an object starts with.
    static func objectHeader(metadata: String = "Standard object metadata.") -> [FieldSchema] {
        [
            FieldSchema("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
            FieldSchema("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
            FieldSchema("metadata", .meta("ObjectMeta"), metadata),
        ]
    }

    static func listDefinition(_ definition: String, _ gvk: GroupVersionKind, of what: String) -> TypeDefinition {
        TypeDefinition(
            definition + "List", "A list of \(what).",
            gvk: [GroupVersionKind(group: gvk.group, version: gvk.version, kind: gvk.kind + "List")],
            fields: [
                FieldSchema("apiVersion", .str, "Versioned schema of this list."),
                FieldSchema("items", .list(.ref(definition)), "The \(what).", required: true),
                FieldSchema("kind", .str, "The kind of list, in CamelCase."),
                FieldSchema("metadata", .meta("ListMeta"), "Standard list metadata."),
            ])
    }
}
