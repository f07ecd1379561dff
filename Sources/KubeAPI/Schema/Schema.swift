/// How a list field merges in strategic merge patch and server-side apply.
public enum ListStrategy: Sendable, Hashable {
    /// The list is replaced whole (`x-kubernetes-list-type: atomic`, no patch strategy).
    case atomic
    /// Elements are objects merged by `key` (`patchStrategy: merge`, `patchMergeKey: key`,
    /// `x-kubernetes-list-type: map`). `retainKeys` adds the `retainKeys` strategy.
    case map(key: String, retainKeys: Bool = false)
    /// Elements are scalars merged as a set (`patchStrategy: merge`, `x-kubernetes-list-type: set`).
    case set
}

/// The shape of one field's value in Skiff's type definitions.
public indirect enum SchemaType: Sendable, Hashable {
    /// A string; `format` is an OpenAPI format such as `date-time` or `byte`; `enumValues` lists
    /// the allowed values when the set is closed.
    case string(format: String? = nil, enumValues: [String]? = nil)
    /// An integer (`int32` or `int64`).
    case integer(format: String = "int64")
    /// A floating-point number.
    case number
    /// A boolean.
    case boolean
    /// A resource quantity (`x-kubernetes-int-or-string`, parsed as `Quantity`).
    case quantity
    /// An integer or a string (`IntOrString`, e.g. a port name or number).
    case intOrString
    /// An object of the named definition (e.g. `io.k8s.api.core.v1.PodSpec`).
    case ref(String)
    /// A list of elements, merged as `strategy` says.
    case array(SchemaType, ListStrategy)
    /// A map from string keys to values of one type (labels, annotations, resource lists).
    case map(SchemaType)
    /// Any JSON value, kept as written (`x-kubernetes-preserve-unknown-fields`).
    case any
}

/// One field of a type definition.
public struct FieldSchema: Sendable, Hashable {
    /// The JSON name of the field.
    public var name: String
    /// Its type.
    public var type: SchemaType
    /// A sentence or two for `kubectl explain`.
    public var description: String
    /// Whether an object must carry it.
    public var required: Bool
    /// Every key identifying an element of a map list for server-side apply
    /// (`x-kubernetes-list-map-keys`) when more than the merge key does (container ports:
    /// `containerPort` and `protocol`); empty means the merge key alone.
    public var listMapKeys: [String] = []
    /// How server-side apply (`x-kubernetes-list-type`) treats this list when that differs from the
    /// strategic merge patch behaviour in `type` (a `set` list that strategic merge patch replaces
    /// whole, or a list merged by key that apply treats as atomic); `nil` means the same.
    public var applyStrategy: ListStrategy? = nil
    /// Strategic merge patch clears the members a patch leaves out of this object field
    /// (`patchStrategy: retainKeys`, e.g. a Deployment's `strategy`).
    public var retainKeys: Bool = false
    /// Server-side apply owns this map as a whole (`x-kubernetes-map-type: atomic`).
    public var atomicMap: Bool = false

    public init(_ name: String, _ type: SchemaType, _ description: String = "", required: Bool = false) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
    }
}

/// The Kubernetes group, version and kind of a top-level API type.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    /// The version, e.g. `v1`.
    public var version: String
    /// The kind, e.g. `Pod`.
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// The `apiVersion` field value: `v1` for the core group, otherwise `group/version`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var description: String { "\(apiVersion), Kind=\(kind)" }
}

/// A named object type: the unit of Skiff's schema, OpenAPI's `components.schemas` entry.
public struct TypeDefinition: Sendable, Hashable {
    /// The OpenAPI definition name, e.g. `io.k8s.api.core.v1.Pod`.
    public var name: String
    /// What the type is for.
    public var description: String
    /// The fields Skiff models, in the order Kubernetes declares them.
    public var fields: [FieldSchema] { didSet { fieldIndex = NameIndex(fields.lazy.map(\.name)) } }
    /// Position of each field by name: `field(_:)` runs for every member of every written object.
    private var fieldIndex: NameIndex
    /// True when fields beyond `fields` are allowed and kept (a partly modelled type).
    public var preserveUnknownFields: Bool
    /// The group/version/kinds this definition is the top-level type of.
    public var groupVersionKinds: [GroupVersionKind]
    /// Server-side apply owns objects of this type as a whole (`x-kubernetes-map-type: atomic`).
    public var atomic: Bool = false

    public init(
        _ name: String, _ description: String = "", preserveUnknownFields: Bool = false,
        gvk: [GroupVersionKind] = [], fields: [FieldSchema]
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        fieldIndex = NameIndex(fields.lazy.map(\.name))
        self.preserveUnknownFields = preserveUnknownFields
        self.groupVersionKinds = gvk
    }

    /// The field called `name`, if modelled.
    public func field(_ name: String) -> FieldSchema? { fieldIndex.position(of: name).map { fields[$0] } }
}
