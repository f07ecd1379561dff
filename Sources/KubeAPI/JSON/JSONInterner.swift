import Synchronization

/// Shares equal parts of the JSON trees passed through it (hash-consing), for caches that hold
/// many similar objects: the pods of one ReplicaSet carry the same labels, owner references,
/// tolerations and container list, and pods that started in the same second the same
/// conditions and timestamps. A shared part is one allocation, referenced by every tree that
/// holds it, instead of a copy per tree.
///
/// The table of parts seen is bounded: when it holds `capacity` parts it is emptied and
/// refilled, so a stream of unique values cannot grow it, and parts that no tree holds any more
/// are freed at the next emptying. Every tree `share` returns is also rebuilt at exact size
/// (trees built or changed in code grow their arrays by doubling).
public final class JSONInterner: Sendable {
    private struct Table {
        var parts = Set<JSONTreeKey>()
        var strings = Set<String>()
    }

    private let table = Mutex(Table())
    private let capacity: Int

    /// An interner that remembers at most `capacity` parts (and as many strings) at a time.
    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// `value` rebuilt at exact size, with its parts replaced by equal parts seen before.
    ///
    /// Objects and arrays fewer than `unsharedLevels` levels deep (the root is level 0) are
    /// rebuilt but not looked up: they are expected to differ from tree to tree (a pod's own
    /// metadata, spec and status). Values under a key in `unsharedKeys` (a name, a uid) are
    /// copied as they are and never looked up. Object keys and strings longer than fit inline
    /// in a `String` are shared everywhere else.
    public func share(_ value: JSONValue, unsharedLevels: Int = 0, unsharedKeys: Set<String> = []) -> JSONValue {
        let capacity = capacity
        return table.withLock { table in
            if table.parts.count >= capacity { table.parts.removeAll(keepingCapacity: true) }
            if table.strings.count >= capacity { table.strings.removeAll(keepingCapacity: true) }
            return Self.share(value, level: 0, unsharedLevels: unsharedLevels, unsharedKeys: unsharedKeys, in: &table)
        }
    }

    private static func share(
        _ value: JSONValue, level: Int, unsharedLevels: Int, unsharedKeys: Set<String>, in table: inout Table
    ) -> JSONValue {
        let rebuilt: JSONValue
        switch value {
        case .string(let s):
            return .string(share(s, in: &table))
        case .object(let o):
            var members: [JSONObject.Member] = []
            members.reserveCapacity(o.count)
            for m in o.members {
                let child =
                    unsharedKeys.contains(m.key)
                    ? compact(m.value)
                    : share(m.value, level: level + 1, unsharedLevels: unsharedLevels, unsharedKeys: unsharedKeys, in: &table)
                members.append(JSONObject.Member(key: share(m.key, in: &table), value: child))
            }
            rebuilt = .object(JSONObject(uniqueKeys: members))
        case .array(let a):
            rebuilt = .array(
                a.map { share($0, level: level + 1, unsharedLevels: unsharedLevels, unsharedKeys: unsharedKeys, in: &table) })
        default:
            return value
        }
        guard level >= unsharedLevels else { return rebuilt }
        return table.parts.insert(JSONTreeKey(rebuilt)).memberAfterInsert.value
    }

    /// Strings of up to 15 UTF-8 bytes are stored inline in the `String` itself; longer ones
    /// are a heap allocation each, worth sharing.
    private static func share(_ s: String, in table: inout Table) -> String {
        guard s.utf8.count > JSONKnownStrings.inlineLimit else { return s }
        return table.strings.insert(s).memberAfterInsert
    }

    /// `value` rebuilt with every object and array at its exact size.
    public static func compact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            return .object(JSONObject(uniqueKeys: o.members.map { JSONObject.Member(key: $0.key, value: compact($0.value)) }))
        case .array(let a): return .array(a.map(compact))
        default: return value
        }
    }
}
