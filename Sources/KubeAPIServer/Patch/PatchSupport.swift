import KubeAPI

/// Shared helpers for the patch engines and server-side apply: value equality that treats
/// numbers by value, canonical values for hashing, nesting limits, Go-style formatting, and
/// the shapes (`MergeShape`) the schema-driven engines walk values in.
enum PatchSupport {
    /// The deepest nesting any patch engine descends into; deeper input is rejected up front, so
    /// the recursive walks stay far from the stack limit even on small-stack threads.
    static let maximumDepth = 256

    /// True when `a` and `b` are the same JSON value, comparing numbers by value (`1` equals `1.0`)
    /// and objects regardless of key order.
    /// Whether two arrays share one buffer (a copy not written since): then they are equal without
    /// a walk. An update derives the new object from the old, so most subtrees share storage.
    static func sameStorage<T>(_ x: [T], _ y: [T]) -> Bool {
        x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in xp.baseAddress == yp.baseAddress } }
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return numbersEqual(x, y)
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            if sameStorage(x, y) { return true }
            for i in x.indices where !equal(x[i], y[i]) { return false }
            return true
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            let xm = x.members
            let ym = y.members
            if x.sharesMembers(with: y) { return true }
            for i in xm.indices {
                // Members usually come in the same order; fall back to a lookup when they do not.
                if xm[i].key == ym[i].key {
                    if !equal(xm[i].value, ym[i].value) { return false }
                } else if let other = y[xm[i].key] {
                    if !equal(xm[i].value, other) { return false }
                } else {
                    return false
                }
            }
            return true
        default: return false
        }
    }

    /// Compares two JSON number texts by value.
    static func numbersEqual(_ x: String, _ y: String) -> Bool {
        if x == y { return true }
        if let i = Int64(x), let j = Int64(y) { return i == j }
        if let d = Double(x), let e = Double(y) { return d == e }
        return false
    }

    /// The value with every number rewritten to one canonical text, so that values equal by
    /// `equal(_:_:)` are also equal (and hash alike) as `JSONValue`s.
    static func canonical(_ v: JSONValue) -> JSONValue {
        switch v {
        case .number(let text): return .number(canonicalNumber(text))
        case .array(let items): return .array(items.map(canonical))
        case .object(let o):
            var out = JSONObject()
            for m in o.members { out[m.key] = canonical(m.value) }
            return .object(out)
        default: return v
        }
    }

    /// An integer as its decimal digits; any other number as the shortest text of its double.
    static func canonicalNumber(_ text: String) -> String {
        if let i = Int64(text) { return String(i) }
        if let d = Double(text) {
            if d.rounded() == d, abs(d) < 9.2e18 { return String(Int64(d)) }
            return String(d)
        }
        return text
    }

    /// The kind of a JSON value, in the sense of Go's reflect kinds that strategic merge patch
    /// compares (all numbers are one kind).
    enum Kind: Equatable {
        case null, bool, number, string, array, object
    }

    /// The kind of `v`.
    static func kind(_ v: JSONValue) -> Kind {
        switch v {
        case .null: return .null
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    /// The nesting depth of `v` (a scalar is 1), or nil when it exceeds `limit`. The walk stops
    /// as soon as the limit is passed, so it never recurses deeper than `limit`.
    static func depth(of v: JSONValue, limit: Int = maximumDepth) -> Int? {
        // Only containers are descended into: a scalar child is one level below its parent,
        // which the parent accounts for (most of an object's values are scalars).
        func isContainer(_ v: JSONValue) -> Bool {
            switch v {
            case .array, .object: return true
            default: return false
            }
        }
        func walk(_ v: JSONValue, _ level: Int) -> Int? {
            if level > limit { return nil }
            switch v {
            case .array(let items):
                guard !items.isEmpty else { return level }
                if level + 1 > limit { return nil }
                var deepest = level + 1
                for item in items where isContainer(item) {
                    guard let d = walk(item, level + 1) else { return nil }
                    deepest = max(deepest, d)
                }
                return deepest
            case .object(let o):
                guard !o.isEmpty else { return level }
                if level + 1 > limit { return nil }
                var deepest = level + 1
                for m in o.members where isContainer(m.value) {
                    guard let d = walk(m.value, level + 1) else { return nil }
                    deepest = max(deepest, d)
                }
                return deepest
            default:
                return level
            }
        }
        return walk(v, 1)
    }

    /// Quotes `s` for an error message.
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        out.append("\"")
        return out
    }

    /// `v` formatted as Go's `%v` prints the decoded value (`map[a:1 b:x]`, `[1 2]`, `<nil>`), for
    /// error messages that match Kubernetes'.
    static func goFormat(_ v: JSONValue) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .number(let text):
            if let i = Int64(text) { return String(i) }
            if let d = Double(text) {
                if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
                return String(d)
            }
            return text
        case .array(let items): return "[" + items.map(goFormat).joined(separator: " ") + "]"
        case .object(let o):
            let parts = o.members.sorted { $0.key < $1.key }.map { "\($0.key):\(goFormat($0.value))" }
            return "map[" + parts.joined(separator: " ") + "]"
        }
    }

    /// The Go type name Kubernetes' messages use for a decoded JSON value.
    static func goTypeName(_ v: JSONValue?) -> String {
        switch v {
        case nil, .null?: return "<nil>"
        case .bool?: return "bool"
        case .number?: return "float64"
        case .string?: return "string"
        case .array?: return "[]interface {}"
        case .object?: return "map[string]interface {}"
        }
    }
}

/// How the structural algorithms (strategic merge patch, server-side apply) treat a value,
/// resolved from Skiff's `SchemaType`.
///
/// A type that the registry does not know, `.any`, and fields a definition does not model are
/// `untyped`: objects merge key by key, lists are atomic, scalars are leaves. That mirrors the
/// "deduced" type structured-merge-diff uses for preserved unknown fields.
enum MergeShape {
    /// A string, number, boolean, quantity or int-or-string.
    case scalar
    /// An object with modelled fields.
    case structure(TypeDefinition)
    /// A map from string keys to values of one type (labels, annotations, resource lists).
    case map(element: SchemaType)
    /// A value without a schema.
    case untyped
    /// A list replaced whole.
    case atomicList
    /// A list of objects identified by the value of `key`.
    case keyedList(key: String, element: SchemaType)
    /// A list of scalars merged as a set.
    case setList(element: SchemaType)

    /// True for lists whose elements are identified individually (keyed lists and sets).
    var isAssociativeList: Bool {
        switch self {
        case .keyedList, .setList: return true
        default: return false
        }
    }
}

extension SchemaRegistry {
    /// The shape of values of `type`; `nil` (no schema) is `untyped`.
    func shape(of type: SchemaType?) -> MergeShape {
        guard let type else { return .untyped }
        switch type {
        case .string, .integer, .number, .boolean, .quantity, .intOrString: return .scalar
        case .any: return .untyped
        case .ref(let name):
            guard let def = definition(name) else { return .untyped }
            return .structure(def)
        case .map(let element): return .map(element: element)
        case .array(let element, let strategy):
            switch strategy {
            case .atomic: return .atomicList
            case .map(let key, _): return .keyedList(key: key, element: element)
            case .set: return .setList(element: element)
            }
        }
    }

    /// The type of member `name` of an object of shape `shape`; `nil` when the member is not
    /// modelled (the member is then untyped).
    func memberType(of shape: MergeShape, named name: String) -> SchemaType? {
        switch shape {
        case .structure(let def): return def.field(name)?.type
        case .map(let element): return element
        default: return nil
        }
    }

    /// True when `name` is a modelled field of a structure (not a map entry or unknown field).
    func isNamedField(of shape: MergeShape, _ name: String) -> Bool {
        if case .structure(let def) = shape { return def.field(name) != nil }
        return false
    }

    /// The element type of a list shape; `nil` for other shapes.
    func elementType(of shape: MergeShape) -> SchemaType? {
        switch shape {
        case .keyedList(_, let element): return element
        case .setList(let element): return element
        default: return nil
        }
    }
}
