/// One key's value at one revision, as etcd's `mvccpb.KeyValue`.
public struct KeyValue: Sendable, Hashable {
    /// The key, e.g. `/registry/pods/default/web`.
    public var key: String
    /// The stored bytes (an object's JSON, without its resourceVersion).
    public var value: [UInt8]
    /// The revision at which the key was created (last created, if deleted and re-created).
    public var createRevision: Int64
    /// The revision of the last change to the key.
    public var modRevision: Int64

    public init(key: String, value: [UInt8], createRevision: Int64, modRevision: Int64) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
    }
}

/// A change to one key, as delivered to watchers in revision order.
public struct StoreEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// The key was created (`prev == nil`) or updated.
        case put
        /// The key was deleted; `kv.value` holds the last value before the delete.
        case delete
    }

    /// What happened.
    public var kind: Kind
    /// The key's state after the change; for deletes the value before, with `modRevision` the
    /// revision of the delete.
    public var kv: KeyValue
    /// The key's previous state, when it existed.
    public var prev: KeyValue?

    public init(kind: Kind, kv: KeyValue, prev: KeyValue?) {
        self.kind = kind
        self.kv = kv
        self.prev = prev
    }

    /// The revision of the change.
    public var revision: Int64 { kv.modRevision }
}

/// The result of a range read.
public struct RangeResult: Sendable {
    /// The keys found, in key order.
    public var kvs: [KeyValue]
    /// The revision the read was served at.
    public var revision: Int64
    /// True when `limit` cut the result and more keys follow.
    public var more: Bool

    public init(kvs: [KeyValue], revision: Int64, more: Bool) {
        self.kvs = kvs
        self.revision = revision
        self.more = more
    }
}

/// The store of all cluster state: a revisioned key-value log shaped like etcd v3.
///
/// Every successful write advances one global revision by one and is durable when the call
/// returns. Implementations: `SQLiteStore` (embedded), `MemoryStore` (tests); all pass the
/// conformance suite in `KubeStorageConformance`.
public protocol KeyValueStore: Sendable {
    /// The revision of the newest committed write (0 for an empty store).
    func currentRevision() async throws(StoreError) -> Int64

    /// The current value of `key`, or nil when absent.
    func get(_ key: String) async throws(StoreError) -> KeyValue?

    /// Creates `key` if it does not exist; throws `.keyExists` otherwise. Returns the new revision.
    func create(_ key: String, value: [UInt8]) async throws(StoreError) -> KeyValue

    /// Replaces the value of `key` if its mod revision is `expectedModRevision`; throws
    /// `.notFound` or `.conflict` (carrying the current value) otherwise.
    func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws(StoreError) -> KeyValue

    /// Deletes `key`, if `expectedModRevision` is nil or matches. Returns the delete event.
    func delete(_ key: String, expectedModRevision: Int64?) async throws(StoreError) -> StoreEvent

    /// The keys with `prefix`, from `startKey` (inclusive, or the prefix start) in key order, at
    /// `revision` (nil = current), at most `limit` (nil = all). Throws `.compacted` for a revision
    /// older than the compacted history and `.futureRevision` for one not yet written.
    func range(prefix: String, startKey: String?, limit: Int?, revision: Int64?) async throws(StoreError) -> RangeResult

    /// Counts the live keys with `prefix`.
    func count(prefix: String) async throws(StoreError) -> Int

    /// Streams the changes to keys with `prefix` after `afterRevision`, in revision order, batched
    /// as committed. Fails with `.compacted` when that history is gone.
    func watch(prefix: String, afterRevision: Int64) async throws(StoreError) -> AsyncThrowingStream<[StoreEvent], Error>

    /// Forgets the history of superseded and deleted values at or below `revision`.
    func compact(revision: Int64) async throws(StoreError)

    /// The oldest revision that can still be read or watched from.
    func compactedRevision() async throws(StoreError) -> Int64

    /// Releases resources; later calls fail.
    func close() async
}

extension KeyValueStore {
    /// Runs `body` with this store and closes the store afterwards, also when `body` throws.
    public func closing<T>(after body: (Self) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}
