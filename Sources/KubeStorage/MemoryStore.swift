import Synchronization

/// An in-memory store with the same semantics as `SQLiteStore`, for tests. Nothing survives the
/// process.
public final class MemoryStore: KeyValueStore {
    private struct State {
        var log: [StoreEvent] = []
        var current: [String: KeyValue] = [:]
        var revision: Int64 = 0
        var compacted: Int64 = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let hub = WatchHub(lastPublished: 0)

    /// An empty store.
    public init() {}

    public func currentRevision() async throws(StoreError) -> Int64 { state.withLock { $0.revision } }

    public func compactedRevision() async throws(StoreError) -> Int64 { state.withLock { $0.compacted } }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? { state.withLock { $0.current[key] } }

    public func create(_ key: String, value: [UInt8]) async throws(StoreError) -> KeyValue {
        try write(.create(key: key, value: value)).kv
    }

    public func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws(StoreError) -> KeyValue {
        try write(.update(key: key, value: value, expected: expectedModRevision)).kv
    }

    public func delete(_ key: String, expectedModRevision: Int64?) async throws(StoreError) -> StoreEvent {
        try write(.delete(key: key, expected: expectedModRevision))
    }

    private func write(_ op: WriteOp) throws(StoreError) -> StoreEvent {
        let result = state.withLock { s -> Result<StoreEvent, StoreError> in
            if s.closed { return .failure(StoreError(.closed, "store closed")) }
            let event: StoreEvent
            switch op {
            case .create(let key, let value):
                if let existing = s.current[key] {
                    return .failure(StoreError(.keyExists, "key \(key) exists", current: existing))
                }
                let rev = s.revision + 1
                event = StoreEvent(kind: .put, kv: KeyValue(key: key, value: value, createRevision: rev, modRevision: rev), prev: nil)
            case .update(let key, let value, let expected):
                guard let prev = s.current[key] else { return .failure(StoreError(.notFound, "key \(key) not found")) }
                guard prev.modRevision == expected else {
                    return .failure(StoreError(.conflict, "key \(key) is at revision \(prev.modRevision)", current: prev))
                }
                let kv = KeyValue(key: key, value: value, createRevision: prev.createRevision, modRevision: s.revision + 1)
                event = StoreEvent(kind: .put, kv: kv, prev: prev)
            case .delete(let key, let expected):
                guard let prev = s.current[key] else { return .failure(StoreError(.notFound, "key \(key) not found")) }
                if let expected, prev.modRevision != expected {
                    return .failure(StoreError(.conflict, "key \(key) is at revision \(prev.modRevision)", current: prev))
                }
                let kv = KeyValue(key: key, value: prev.value, createRevision: prev.createRevision, modRevision: s.revision + 1)
                event = StoreEvent(kind: .delete, kv: kv, prev: prev)
            }
            s.revision += 1
            s.log.append(event)
            s.current[event.kv.key] = event.kind == .put ? event.kv : nil
            hub.publish([event])
            return .success(event)
        }
        return try result.get()
    }

    public func range(prefix: String, startKey: String?, limit: Int?, revision: Int64?) async throws(StoreError) -> RangeResult {
        let result = state.withLock { s -> Result<RangeResult, StoreError> in
            let at = revision ?? s.revision
            if at > s.revision { return .failure(StoreError(.futureRevision, "revision \(at) is newer than \(s.revision)")) }
            if revision != nil, at < s.compacted {
                return .failure(StoreError(.compacted, "revision \(at) has been compacted", compactedRevision: s.compacted))
            }
            var view: [String: KeyValue] = [:]
            for e in s.log where e.revision <= at && e.kv.key.hasPrefix(prefix) {
                view[e.kv.key] = e.kind == .put ? e.kv : nil
            }
            let start = startKey ?? prefix
            var keys = view.keys.filter { $0 >= start }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            var more = false
            if let limit, keys.count > limit {
                keys = Array(keys.prefix(limit))
                more = true
            }
            return .success(RangeResult(kvs: keys.compactMap { view[$0] }, revision: at, more: more))
        }
        return try result.get()
    }

    public func count(prefix: String) async throws(StoreError) -> Int {
        state.withLock { s in s.current.keys.filter { $0.hasPrefix(prefix) }.count }
    }

    public func watch(prefix: String, afterRevision: Int64) async throws(StoreError) -> AsyncThrowingStream<[StoreEvent], Error> {
        let compacted = state.withLock { $0.compacted }
        if afterRevision < compacted {
            throw StoreError(.compacted, "revision \(afterRevision) has been compacted", compactedRevision: compacted)
        }
        return hub.subscribe(prefix: prefix, afterRevision: afterRevision) { [self] after, through in
            self.state.withLock { s in
                s.log.filter { $0.revision > after && $0.revision <= through && $0.kv.key.hasPrefix(prefix) }
            }
        }
    }

    public func compact(revision: Int64) async throws(StoreError) {
        state.withLock { s in
            let target = min(revision, s.revision)
            s.compacted = max(s.compacted, target)
        }
    }

    public func close() async {
        state.withLock { $0.closed = true }
        hub.finishAll()
    }
}
