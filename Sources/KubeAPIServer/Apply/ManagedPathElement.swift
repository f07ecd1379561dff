import KubeAPI

/// One named value of a list element's key (`name: "nginx"` in `k:{"name":"nginx"}`).
struct ManagedKeyField: Hashable, Sendable {
    /// The key field's name.
    var name: String
    /// Its value, with numbers in canonical form.
    var value: JSONValue
}

/// One step of a field path in a managed-fields set, as structured-merge-diff defines them:
/// an object member (`f:name`), a keyed list element (`k:{"name":"x"}`), a set element
/// (`v:"x"`) or a list index (`i:0`).
enum ManagedPathElement: Hashable, Sendable, Comparable, CustomStringConvertible {
    case field(String)
    /// Key fields sorted by name.
    case key([ManagedKeyField])
    /// A canonical scalar value.
    case value(JSONValue)
    case index(Int)

    /// A keyed element from unsorted fields; values are canonicalized and names sorted.
    static func key(_ fields: [(String, JSONValue)]) -> ManagedPathElement {
        let keyFields = fields.map { ManagedKeyField(name: $0.0, value: PatchSupport.canonical($0.1)) }
        // Most lists have one key field (`name`, `type`): nothing to sort.
        if keyFields.count < 2 { return .key(keyFields) }
        return .key(keyFields.sorted { ManagedValueOrder.compareStrings($0.name, $1.name) < 0 })
    }

    /// A set element from a value (canonicalized).
    static func setValue(_ v: JSONValue) -> ManagedPathElement { .value(PatchSupport.canonical(v)) }

    private var rank: Int {
        switch self {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }

    /// structured-merge-diff's order: fields, then keys, then values, then indices; within a
    /// kind, by name, key fields, value or index.
    static func compare(_ a: ManagedPathElement, _ b: ManagedPathElement) -> Int {
        switch (a, b) {
        case (.field(let x), .field(let y)): return ManagedValueOrder.compareStrings(x, y)
        case (.key(let x), .key(let y)):
            for (l, r) in zip(x, y) {
                let c = ManagedValueOrder.compareStrings(l.name, r.name)
                if c != 0 { return c }
                let v = ManagedValueOrder.compare(l.value, r.value)
                if v != 0 { return v }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.value(let x), .value(let y)): return ManagedValueOrder.compare(x, y)
        case (.index(let x), .index(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        default: return a.rank < b.rank ? -1 : 1
        }
    }

    static func < (a: ManagedPathElement, b: ManagedPathElement) -> Bool { compare(a, b) < 0 }

    /// The element as conflict messages print it: `.name`, `[name="x"]`, `[="x"]`, `[0]`.
    var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields):
            return "[" + fields.map { "\($0.name)=\(ManagedValueOrder.render($0.value))" }.joined(separator: ",") + "]"
        case .value(let v): return "[=\(ManagedValueOrder.render(v))]"
        case .index(let i): return "[\(i)]"
        }
    }

    /// The element as a `fieldsV1` key: `f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`.
    var serialized: String {
        switch self {
        // Field names and the usual keys are among the parser's shared strings: the fieldsV1 of
        // every write is built from these, and each long one would be an allocation.
        case .field(let name): return JSONValue.sharedString(prefix: "f:", name)
        case .key(let fields):
            var o = JSONObject()
            for f in fields { o[f.name] = f.value }
            return JSONValue.sharedString(prefix: "k:", JSONValue.object(o).serialized())
        case .value(let v): return "v:" + v.jsonString
        case .index(let i): return "i:\(i)"
        }
    }

    /// Parses a `fieldsV1` key; nil for an unknown element type (which readers skip).
    static func parse(_ text: String) throws(ManagedFieldsError) -> ManagedPathElement? {
        let utf8 = text.utf8
        guard utf8.count >= 2, let kind = utf8.first else {
            throw ManagedFieldsError("key must be 2 characters long: \(text)")
        }
        let colon = utf8.index(after: utf8.startIndex)
        guard utf8[colon] == UInt8(ascii: ":") else { throw ManagedFieldsError("missing colon: \(text)") }
        let rest = String(text[utf8.index(after: colon)...])
        switch kind {
        case UInt8(ascii: "f"):
            return .field(rest)
        case UInt8(ascii: "v"):
            guard let v = try? JSONValue.parse(rest) else { throw ManagedFieldsError("invalid value element: \(text)") }
            return .setValue(v)
        case UInt8(ascii: "k"):
            guard case .object(let o)? = try? JSONValue.parse(rest) else {
                throw ManagedFieldsError("invalid key element: \(text)")
            }
            return .key(o.members.map { ($0.key, $0.value) })
        case UInt8(ascii: "i"):
            guard let i = Int(rest) else { throw ManagedFieldsError("invalid index element: \(text)") }
            return .index(i)
        default:
            return nil
        }
    }
}

/// A field path: the steps from the object's root to a field.
typealias ManagedFieldPath = [ManagedPathElement]

extension Array where Element == ManagedPathElement {
    /// The path as conflict messages print it, e.g. `.spec.containers[name="nginx"].image`.
    var rendered: String { map(\.description).joined() }
}

/// An error reading or writing `metadata.managedFields`.
struct ManagedFieldsError: Error, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// structured-merge-diff's total order on values and its way of printing them.
enum ManagedValueOrder {
    /// Byte-wise string comparison, as Go compares strings.
    static func compareStrings(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    private static func rank(_ v: JSONValue) -> Int {
        switch v {
        case .number: return 0
        case .string: return 1
        case .bool: return 2
        case .array: return 3
        case .object: return 4
        case .null: return 5
        }
    }

    /// Numbers, then strings, booleans, lists, maps and null; each ordered within its kind.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            if let i = Int64(x), let j = Int64(y) { return i == j ? 0 : (i < j ? -1 : 1) }
            let d = Double(x) ?? 0
            let e = Double(y) ?? 0
            return d == e ? 0 : (d < e ? -1 : 1)
        case (.string(let x), .string(let y)): return compareStrings(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.array(let x), .array(let y)):
            for (l, r) in zip(x, y) {
                let c = compare(l, r)
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.object(let x), .object(let y)):
            let xs = x.members.sorted { compareStrings($0.key, $1.key) < 0 }
            let ys = y.members.sorted { compareStrings($0.key, $1.key) < 0 }
            for (l, r) in zip(xs, ys) {
                let k = compareStrings(l.key, r.key)
                if k != 0 { return k }
                let c = compare(l.value, r.value)
                if c != 0 { return c }
            }
            return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
        case (.null, .null): return 0
        default: return rank(a) < rank(b) ? -1 : 1
        }
    }

    /// A value as structured-merge-diff prints it in paths: strings quoted Go-style, numbers
    /// and booleans bare, `null`, lists in brackets.
    static func render(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let text): return PatchSupport.goFormat(.number(text))
        case .string(let s): return goQuote(s)
        case .array(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .object(let o):
            return o.members.sorted { compareStrings($0.key, $1.key) < 0 }.map { "\($0.key)=\(render($0.value))" }
                .joined()
        }
    }

    /// `s` quoted as Go's `%q` does.
    static func goQuote(_ s: String) -> String { goQuoted(s) }
}
