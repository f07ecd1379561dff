/// An integer or a string (Kubernetes `intstr.IntOrString`): a port number or port name, or a
/// count or percentage (`"25%"`).
///
/// Decodes from a JSON integer or a JSON string and encodes back to the same JSON type. Integer
/// and string literals convert directly: `let port: IntOrString = 8080`, `let name: IntOrString = "http"`.
public enum IntOrString: Codable, Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    /// A number, written as a JSON integer.
    case int(Int64)
    /// A string, written as a JSON string.
    case string(String)

    /// An integer value.
    public init(_ value: Int) { self = .int(Int64(value)) }

    /// `.int(value)`, from an integer literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// `.string(value)`, from a string literal.
    public init(stringLiteral value: String) { self = .string(value) }

    /// Decodes a JSON integer or string; any other JSON type is a type mismatch.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            throw DecodingError.typeMismatch(
                IntOrString.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected an integer or a string"))
        }
    }

    /// Encodes as a JSON integer or string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }

    /// The integer, for `.int`.
    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// The string, for `.string`.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a JSON value (number or string).
    public var json: JSONValue {
        switch self {
        case .int(let i): return .int(i)
        case .string(let s): return .string(s)
        }
    }

    /// The integer, or the string, as text.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    /// The value resolved against `total`, as Kubernetes' `GetScaledValueFromIntOrPercent`: an
    /// integer as is; `"N%"` as N percent of `total`, rounded up when `roundUp`, else down. Nil for a
    /// string that is not a whole-number percentage.
    public func scaledValue(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case .int(let i):
            return Int(exactly: i)
        case .string(let s):
            guard s.hasSuffix("%"), let percent = Int(s.dropLast()) else { return nil }
            let product = percent * total
            if roundUp {
                return product >= 0 ? (product + 99) / 100 : product / 100
            }
            return product >= 0 ? product / 100 : -((-product + 99) / 100)
        }
    }
}
