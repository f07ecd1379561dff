/// A JSON tree as a set member or dictionary key, hashed and compared with key order significant.
///
/// `JSONValue`'s own equality ignores key order, so its hash sorts each object's keys first; a
/// key for trees that come from one writer (a cache of parts seen before, a memo of decoded
/// values) hashes each member once, in order, and treats reordered objects as different.
public struct JSONTreeKey: Hashable, Sendable {
    /// The tree.
    public let value: JSONValue

    /// A key for `value`.
    public init(_ value: JSONValue) { self.value = value }

    public static func == (lhs: JSONTreeKey, rhs: JSONTreeKey) -> Bool { same(lhs.value, rhs.value) }

    public func hash(into hasher: inout Hasher) { Self.hash(value, into: &hasher) }

    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return zip(x.members, y.members).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default:
            return a == b
        }
    }

    private static func hash(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .object(let o):
            hasher.combine(0 as UInt8)
            hasher.combine(o.count)
            for m in o.members {
                hasher.combine(m.key)
                hash(m.value, into: &hasher)
            }
        case .array(let a):
            hasher.combine(1 as UInt8)
            hasher.combine(a.count)
            for item in a { hash(item, into: &hasher) }
        default:
            hasher.combine(value)
        }
    }
}
