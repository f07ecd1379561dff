import Foundation
import GRDB
import Testing

@testable import KubeStorage

/// The embedded store's page size: 16 KiB for a new database, the file's own for an existing one,
/// with the WAL checkpointed at the same size in bytes either way.
@Suite struct SQLitePageSizeTests {
    private func freshPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("skiff-pages-\(UUID().uuidString)/state.db").path
    }

    private func pragma(_ store: SQLiteStore, _ name: String) async throws -> Int? {
        try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// A pod-sized value (2,600 bytes) written, updated and read back.
    private func roundTrip(_ store: SQLiteStore) async throws {
        let value = [UInt8](repeating: UInt8(ascii: "p"), count: 2_600)
        let created = try await store.create("/registry/pods/default/p", value: value)
        let updated = try await store.update("/registry/pods/default/p", value: value + [1], expectedModRevision: created.modRevision)
        #expect(try await store.get("/registry/pods/default/p")?.value == value + [1])
        #expect(updated.modRevision > created.modRevision)
    }

    @Test func aNewDatabaseHasSixteenKiBPages() async throws {
        let path = freshPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try SQLiteStore(path: path)
        #expect(try await pragma(store, "page_size") == 16_384)
        #expect(try await pragma(store, "wal_autocheckpoint") == 250)
        #expect(try await store.pool.write { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        try await roundTrip(store)
        await store.close()
    }

    /// GRDB sets `synchronous = NORMAL` when it turns WAL on; the writer must still commit as asked.
    @Test func theWriterCommitsAsDurablyAsAsked() async throws {
        for (full, expected) in [(true, 2), (false, 1)] {
            let path = freshPath()
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let store = try SQLiteStore(path: path, synchronousFull: full)
            #expect(try await pragma(store, "synchronous") == expected, "synchronousFull: \(full)")
            try await roundTrip(store)
            #expect(try await pragma(store, "synchronous") == expected, "after writes, synchronousFull: \(full)")
            await store.close()
        }
    }

    @Test func anExistingDatabaseKeepsItsPageSize() async throws {
        let path = freshPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // A database made with SQLite's default page size, as stores made before this one were.
        let old = try DatabaseQueue(path: path)
        try await old.write { db in try db.execute(sql: "CREATE TABLE earlier (x INTEGER)") }
        try old.close()
        let store = try SQLiteStore(path: path)
        #expect(try await pragma(store, "page_size") == 4_096)
        #expect(try await pragma(store, "wal_autocheckpoint") == 1_000)
        try await roundTrip(store)
        await store.close()
    }
}
