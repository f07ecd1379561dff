/// `JSONValue` through `Codable`, so typed views can carry opaque JSON (`managedFields`, table cells,
/// embedded objects). Numbers decode as integers when they are integral and fit in 64 bits, else as
/// doubles; their original text is not preserved through a `Decoder`. Object keys keep the order the
/// decoder reports. This path is for typed views, not for the API server's hot path, which uses
/// `JSONValue.parse` and `serialized()`.
extension JSONValue: Codable {
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    /// Decodes any JSON value: object, array, null, boolean, number or string.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: MemberKey.self) {
            var o = JSONObject()
            for key in object.allKeys {
                o[key.stringValue] = try object.decode(JSONValue.self, forKey: key)
            }
            self = .object(o)
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            if let count = array.count { items.reserveCapacity(count) }
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .number(String(i))
        } else if let u = try? c.decode(UInt64.self) {
            self = .number(String(u))
        } else if let d = try? c.decode(Double.self) {
            self = .number(String(d))
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    /// Encodes the value as the same JSON type; object members in their order.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let text):
            var c = encoder.singleValueContainer()
            if let i = Int64(text) {
                try c.encode(i)
            } else if let u = UInt64(text) {
                try c.encode(u)
            } else if let d = Double(text) {
                try c.encode(d)
            } else {
                throw EncodingError.invalidValue(
                    text, .init(codingPath: encoder.codingPath, debugDescription: "not a JSON number: \(text)"))
            }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let o):
            var c = encoder.container(keyedBy: MemberKey.self)
            for member in o { try c.encode(member.value, forKey: MemberKey(stringValue: member.key)) }
        }
    }
}
