import KubeAPI
import Synchronization

/// What the managed-fields bookkeeping computes again and again from the same JSON: the field
/// set of a created object's `spec` (the pods of one ReplicaSet or Job, a benchmark's pods all
/// share theirs) and the decoded `fieldsV1` of a stored entry (the creator's entry of each such
/// pod is the same). Each is worked out once and then looked up.
///
/// A memo belongs to one schema (its owner's), since a field set depends on the type a value
/// is walked as.
struct ManagedFieldsMemo: Sendable {
    /// Field sets of specs walked on create, tagged with the object's type.
    let specs: JSONValueMemo<(isMember: Bool, children: ManagedFieldSet)>
    /// Decoded `fieldsV1` values.
    let fieldsV1: JSONValueMemo<ManagedFieldSet>

    /// A memo keeping up to `capacity` results of each kind.
    init(capacity: Int = 64) {
        specs = JSONValueMemo(capacity: capacity)
        fieldsV1 = JSONValueMemo(capacity: capacity)
    }
}

/// Results computed from JSON values, remembered by value (and a tag saying what was computed
/// from it). It keeps at most `capacity` results and starts over when full; a computation that
/// throws is not remembered.
final class JSONValueMemo<Result: Sendable>: Sendable {
    /// A value and its tag.
    struct Key: Hashable, Sendable {
        var tag: String
        var value: JSONValue
        /// An order-dependent hash of `value`, computed once (JSONValue's own hash sorts members).
        var fingerprint: Int

        init(tag: String, value: JSONValue) {
            self.tag = tag
            self.value = value
            var hasher = Hasher()
            hasher.combine(tag)
            Self.combine(value, into: &hasher)
            fingerprint = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

        static func == (a: Key, b: Key) -> Bool {
            a.fingerprint == b.fingerprint && a.tag == b.tag && a.value == b.value
        }

        /// Hashes `value` in document order, without copying or sorting.
        private static func combine(_ value: JSONValue, into hasher: inout Hasher) {
            switch value {
            case .null: hasher.combine(0 as UInt8)
            case .bool(let b): hasher.combine(b)
            case .number(let n): hasher.combine(n)
            case .string(let s): hasher.combine(s)
            case .array(let items):
                hasher.combine(items.count)
                for item in items { combine(item, into: &hasher) }
            case .object(let o):
                hasher.combine(o.count)
                for m in o.members {
                    hasher.combine(m.key)
                    combine(m.value, into: &hasher)
                }
            }
        }
    }

    private let entries = Mutex<[Key: Result]>([:])
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// The result for `value` tagged `tag`: remembered, or computed by `compute` and remembered.
    func result<E: Error>(tag: String = "", for value: JSONValue, compute: () throws(E) -> Result) throws(E) -> Result {
        let key = Key(tag: tag, value: value)
        if let known = entries.withLock({ $0[key] }) { return known }
        let result = try compute()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = result
        }
        return result
    }

    /// How many results are remembered (for tests).
    var count: Int { entries.withLock { $0.count } }
}
