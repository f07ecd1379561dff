import Foundation
import GRDB
import Synchronization

/// The embedded store: one SQLite database in WAL mode holding an append-only log whose row id
/// is the revision. Concurrent writes are batched into one transaction (group commit); a write
/// is acknowledged only after its transaction is durable.
public final class SQLiteStore: KeyValueStore {
    let pool: DatabasePool
    let hub: WatchHub
    let batcher: Mutex<BatchState>
    let compacted: Mutex<Int64>

    struct BatchState {
        var pending: [PendingWrite] = []
        var flushing = false
        var closed = false
    }

    /// The page size of a new database: 16 KiB, where SQLite's default is 4 KiB.
    ///
    /// A stored pod is about 2.6 KB, so a 4 KiB page held one log row and a third of it stayed
    /// empty, and every row cost a page of its own in the WAL and again at the checkpoint (three
    /// `pwrite`s). A 16 KiB page holds six such rows: about 10 µs less CPU per write, measured
    /// on binds and status writes at 10,000 and 40,000 pods (docs/benchmarks.md). A database made
    /// with another page size keeps it (SQLite fixes it when the file is created).
    static let pageSize = 16_384
    /// The WAL size, in bytes, at which a commit checkpoints it: SQLite's default of 1,000 pages
    /// of 4 KiB, whatever the page size, so that a checkpoint holds up the writer no longer.
    static let checkpointBytes = 4_096_000

    /// Opens (creating if needed) the database at `path`. `synchronous` FULL makes each commit
    /// durable against power loss; NORMAL against process crashes (kill -9) only.
    public init(path: String, synchronousFull: Bool = true) throws(StoreError) {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Takes effect only on a file not yet written; the page size read back is the file's.
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? Self.pageSize
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointBytes / pageSize)")
        }
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            pool = try DatabasePool(path: path, configuration: config)
            // Set on the writer once the pool is open (and outside a transaction, where SQLite
            // refuses it): GRDB turns WAL on after `prepareDatabase`, and sets NORMAL as it does.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronousFull ? "FULL" : "NORMAL")")
            }
            let (rev, compactRev) = try pool.write { db -> (Int64, Int64) in
                try db.execute(sql: SQLiteSchema.create)
                let rev = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'log'") ?? 0
                let compactRev = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'compact_rev'") ?? 0
                return (rev, compactRev)
            }
            hub = WatchHub(lastPublished: rev)
            compacted = Mutex(compactRev)
        } catch {
            throw StoreError(.backend, "cannot open SQLite database at \(path): \(error)")
        }
        batcher = Mutex(BatchState())
    }

    public func currentRevision() async throws(StoreError) -> Int64 { hub.lastPublished }

    public func compactedRevision() async throws(StoreError) -> Int64 { compacted.withLock { $0 } }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? {
        try await read { db in try SQLiteQueries.latest(db, key: key) }
    }

    public func create(_ key: String, value: [UInt8]) async throws(StoreError) -> KeyValue {
        try await submit(.create(key: key, value: value)).kv
    }

    public func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws(StoreError) -> KeyValue {
        try await submit(.update(key: key, value: value, expected: expectedModRevision)).kv
    }

    public func delete(_ key: String, expectedModRevision: Int64?) async throws(StoreError) -> StoreEvent {
        try await submit(.delete(key: key, expected: expectedModRevision))
    }

    public func range(prefix: String, startKey: String?, limit: Int?, revision: Int64?) async throws(StoreError) -> RangeResult {
        let current = hub.lastPublished
        let at = revision ?? current
        if at > current { throw StoreError(.futureRevision, "revision \(at) is newer than \(current)") }
        let compactRev = compacted.withLock { $0 }
        if revision != nil, at < compactRev {
            throw StoreError(.compacted, "revision \(at) has been compacted", compactedRevision: compactRev)
        }
        let kvs = try await read { db in
            try SQLiteQueries.range(db, prefix: prefix, startKey: startKey, limit: limit.map { $0 + 1 }, revision: at)
        }
        if let limit, kvs.count > limit {
            return RangeResult(kvs: Array(kvs.prefix(limit)), revision: at, more: true)
        }
        return RangeResult(kvs: kvs, revision: at, more: false)
    }

    public func count(prefix: String) async throws(StoreError) -> Int {
        let at = hub.lastPublished
        return try await read { db in try SQLiteQueries.count(db, prefix: prefix, revision: at) }
    }

    public func watch(prefix: String, afterRevision: Int64) async throws(StoreError) -> AsyncThrowingStream<[StoreEvent], Error> {
        let compactRev = compacted.withLock { $0 }
        if afterRevision < compactRev {
            throw StoreError(.compacted, "revision \(afterRevision) has been compacted", compactedRevision: compactRev)
        }
        let pool = self.pool
        return hub.subscribe(prefix: prefix, afterRevision: afterRevision) { after, through in
            try await pool.read { db in try SQLiteQueries.events(db, prefix: prefix, after: after, through: through) }
        }
    }

    public func compact(revision: Int64) async throws(StoreError) {
        let target = min(revision, hub.lastPublished)
        do {
            try await pool.write { db in
                try db.execute(sql: SQLiteSchema.compact, arguments: [target])
                try db.execute(
                    sql: "INSERT INTO meta(name, value) VALUES('compact_rev', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    arguments: [target])
            }
        } catch {
            throw StoreError(.backend, "compaction failed: \(error)")
        }
        compacted.withLock { $0 = max($0, target) }
    }

    public func close() async {
        let waiting = batcher.withLock { s -> [PendingWrite] in
            s.closed = true
            let p = s.pending
            s.pending = []
            return p
        }
        for w in waiting { w.continuation.resume(returning: .failure(StoreError(.closed, "store closed"))) }
        hub.finishAll()
        try? pool.close()
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.backend, "read failed: \(error)")
        }
    }
}
