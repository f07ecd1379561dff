/// How one field of a Kubernetes type travels in protobuf: its field number and, where the JSON
/// schema alone cannot say how to read it, what the wire carries.
///
/// Written as an integer literal for an ordinary field, whose zero value (`""`, `0`, `false`) is
/// dropped because the Go field is a non-pointer `omitempty` one that protobuf sends regardless.
struct ProtobufField: Sendable, Hashable, ExpressibleByIntegerLiteral {
    /// What the wire carries for a field.
    enum Kind: Sendable, Hashable {
        /// An ordinary field read as its schema type says; zero scalars are dropped.
        case plain
        /// A scalar whose zero value is meaningful and kept: a pointer (`*int32`, `*bool`, ...)
        /// that is only sent when set, or a field JSON writes even when empty.
        case keepZero
        /// A `metav1.MicroTime` message (RFC 3339 with microseconds).
        case microTime
        /// A `metav1.Duration` message (nanoseconds), written as a Go duration string.
        case duration
        /// A `runtime.RawExtension` or `metav1.FieldsV1` message holding JSON bytes.
        case rawJSON
        /// A message wrapping a repeated field 1 (a Go named slice type such as `metav1.Verbs`).
        case wrappedList
        /// An embedded Go struct (`json:",inline"`): a nested message whose fields belong to the
        /// enclosing JSON object; the payload names its field number table.
        case inline(String)
    }

    /// The protobuf field number.
    let number: Int
    /// How to read it.
    let kind: Kind

    init(_ number: Int, _ kind: Kind) {
        self.number = number
        self.kind = kind
    }

    init(integerLiteral value: Int) { self.init(value, .plain) }

    /// A scalar whose zero value is kept (pointer or non-`omitempty` Go field).
    static func keep(_ number: Int) -> ProtobufField { ProtobufField(number, .keepZero) }
    /// A `metav1.MicroTime` field.
    static func micro(_ number: Int) -> ProtobufField { ProtobufField(number, .microTime) }
    /// A `metav1.Duration` field.
    static func duration(_ number: Int) -> ProtobufField { ProtobufField(number, .duration) }
    /// A `runtime.RawExtension` or `metav1.FieldsV1` field.
    static func rawJSON(_ number: Int) -> ProtobufField { ProtobufField(number, .rawJSON) }
    /// A named-slice field wrapped in a message.
    static func wrappedList(_ number: Int) -> ProtobufField { ProtobufField(number, .wrappedList) }
    /// An embedded struct whose fields are listed under `table`.
    static func inline(_ number: Int, _ table: String) -> ProtobufField { ProtobufField(number, .inline(table)) }
}

/// One entry of a message layout: the JSON field a protobuf field number fills.
struct ProtobufFieldEntry: Sendable, Hashable {
    /// The JSON field name (for `inline` entries, the protobuf name of the embedded struct).
    let name: String
    /// How to read it.
    let kind: ProtobufField.Kind
}

/// A message's fields indexed by field number, for decoding.
struct ProtobufMessageLayout: Sendable {
    private let entries: [ProtobufFieldEntry?]

    init(_ fields: [String: ProtobufField]) {
        let highest = fields.values.map(\.number).max() ?? 0
        var entries = [ProtobufFieldEntry?](repeating: nil, count: highest + 1)
        for (name, field) in fields where field.number > 0 {
            entries[field.number] = ProtobufFieldEntry(name: name, kind: field.kind)
        }
        self.entries = entries
    }

    /// The entry for field `number`, if known.
    func entry(_ number: Int) -> ProtobufFieldEntry? {
        number < entries.count ? entries[number] : nil
    }
}

/// Protobuf field numbers of the Kubernetes types Skiff serves, keyed by OpenAPI definition name
/// (`io.k8s.api.apps.v1.DeploymentSpec`) and then by JSON field name.
///
/// Every message reachable from Skiff's schema is listed with all its fields, including fields the
/// schema does not model yet. Embedded structs that have no OpenAPI definition of their own
/// (`VolumeSource`, `ProbeHandler`, `EphemeralContainerCommon`) are listed under their protobuf
/// message name in the same namespace.
enum ProtobufFieldNumbers {
    /// All tables merged.
    static let all: [String: [String: ProtobufField]] = {
        var merged: [String: [String: ProtobufField]] = [:]
        for part in [meta, workloads, core1, core2, rbac, certificates, networking] {
            merged.merge(part) { first, _ in first }
        }
        return merged
    }()

    /// The layouts by definition name.
    static let layouts: [String: ProtobufMessageLayout] = all.mapValues(ProtobufMessageLayout.init)
}
