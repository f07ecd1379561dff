import KubeAPI
import Synchronization

/// The `fieldsV1` encodings of field sets that many objects share: the set of a created
/// object's `spec`, which `ManagedFieldsMemo` hands to every pod of a ReplicaSet or a
/// benchmark, is encoded once instead of once per create.
///
/// A set is known by the address of its storage. Each remembered set is kept here, so its
/// storage stays alive and no other set can take that address while it is remembered. A set
/// that was never remembered is encoded by the caller, as any other.
final class SharedFieldSetEncodings: Sendable {
    /// The encodings the API server's memos share.
    static let shared = SharedFieldSetEncodings()

    private struct Known {
        var set: ManagedFieldSet
        /// The encoding without and with the `"."` member (a set below a member entry).
        var plain: JSONObject?
        var withSelf: JSONObject?
    }

    private let known = Mutex<[Int: Known]>([:])
    /// The most sets remembered; past it, all are forgotten.
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// Notes that `set` is shared, so that its encoding is kept once made.
    func remember(_ set: ManagedFieldSet) {
        guard let address = set.storageAddress else { return }
        known.withLock { known in
            if known[address] != nil { return }
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[address] = Known(set: set)
        }
    }

    /// The encoding of `set` (with the `"."` member when `includeSelf`): the kept one, or made by
    /// `encode` and kept when the set is remembered; nil for a set that is not.
    func encoding(of set: ManagedFieldSet, includeSelf: Bool, encode: () -> JSONObject) -> JSONObject? {
        guard let address = set.storageAddress else { return nil }
        let found = known.withLock { known -> (isKnown: Bool, encoded: JSONObject?) in
            guard let entry = known[address] else { return (false, nil) }
            return (true, includeSelf ? entry.withSelf : entry.plain)
        }
        guard found.isKnown else { return nil }
        if let encoded = found.encoded { return encoded }
        let encoded = encode()
        known.withLock { known in
            // Still the same set: the caller holds `set` and the entry holds its own copy, so
            // the address cannot have been reused; a cleared cache is simply not refilled.
            guard known[address] != nil else { return }
            if includeSelf { known[address]?.withSelf = encoded } else { known[address]?.plain = encoded }
        }
        return encoded
    }

    /// How many sets are remembered (for tests).
    var count: Int { known.withLock { $0.count } }

    /// True when `set` is remembered (for tests).
    func isRemembered(_ set: ManagedFieldSet) -> Bool {
        guard let address = set.storageAddress else { return false }
        return known.withLock { $0[address] != nil }
    }
}
