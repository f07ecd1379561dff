/// A JSON document held as a tree of values, with object keys kept in the order they were written.
///
/// This is the API server's working representation of every stored object: it is parsed from
/// request bytes by `JSONValue.parse(_:)` and written back with `serialized()`. Numbers keep the
/// exact text they were written with, so objects survive a round trip unchanged.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its JSON text (for example `3`, `-1.5`, `1e3`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Creates a number from an integer.
    public static func int<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }

    /// The object, if this value is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array, if this value is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The string, if this value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean, if this value is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as a 64-bit integer, if this value is an integral number that fits.
    public var intValue: Int64? {
        guard case .number(let text) = self else { return nil }
        if let i = Int64(text) { return i }
        if let d = Double(text), d.rounded() == d, abs(d) < 9.2e18 { return Int64(d) }
        return nil
    }

    /// The number as a double, if this value is a number.
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member `key` of an object; `nil` when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case .object(var o) = self else { return }
            self = .null  // release the storage so that the mutation below does not copy
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The element at `index`, if this value is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// Follows a path of object keys; `nil` as soon as a step is missing.
    public func value(at path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }

    /// The string at a path of object keys.
    public func string(at path: String...) -> String? { value(at: path)?.stringValue }

    /// Sets the value at a path of object keys, creating intermediate objects as needed.
    /// Passing `nil` removes the last key.
    public mutating func set(_ newValue: JSONValue?, at path: [String]) {
        guard let first = path.first else {
            if let newValue { self = newValue }
            return
        }
        if objectValue == nil { self = .object(JSONObject()) }
        guard case .object(var o) = self else { return }
        self = .null
        if path.count == 1 {
            o[first] = newValue
        } else {
            var child = o[first] ?? .object(JSONObject())
            if child.objectValue == nil { child = .object(JSONObject()) }
            child.set(newValue, at: Array(path.dropFirst()))
            o[first] = child
        }
        self = .object(o)
    }

    /// The JSON type name, as used in error messages (`string`, `object`, ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        // Sized once: literals build the statuses, events and patches components send.
        self = .object(JSONObject(elements))
    }
    public init(nilLiteral: ()) { self = .null }
}
