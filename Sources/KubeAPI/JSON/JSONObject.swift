/// A JSON object: string keys mapped to values, in the order the keys were first written.
///
/// Lookups scan the members; Kubernetes objects have few keys per level, and scanning a small
/// array beats hashing. Assigning to an existing key keeps its position.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One key and its value. A struct rather than a tuple: arrays of it are copied and freed
    /// through code the compiler generates for it, where a tuple's go through the runtime's
    /// generic tuple witnesses (6% of the API server's CPU during creates went to freeing them).
    public struct Member: Sendable {
        public let key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() { members = [] }

    /// An object with these members; later duplicates of a key replace earlier ones.
    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// An object with these members, whose keys the caller knows to be distinct.
    public init(uniqueKeys members: [Member]) {
        self.members = members
    }

    /// The number of members.
    public var count: Int { members.count }
    /// True when there are no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            for m in members where m.key == key { return m.value }
            return nil
        }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        // Copies share their members until one changes: an update's unchanged subtrees compare
        // without a walk.
        if lhs.sharesMembers(with: rhs) { return true }
        for m in lhs.members {
            guard let other = rhs[m.key], other == m.value else { return false }
        }
        return true
    }

    /// True when both objects hold the very same members array (one is an unchanged copy of
    /// the other), which makes them equal without comparing.
    public func sharesMembers(with other: JSONObject) -> Bool {
        members.withUnsafeBufferPointer { a in other.members.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for m in members.sorted(by: { $0.key < $1.key }) {
            hasher.combine(m.key)
            hasher.combine(m.value)
        }
    }
}
