import Foundation
import KubeStorage
import Testing

/// Snapshots: taken at one revision, checked on read, restored into SQLite with their revisions
/// (bumped and compacted) and into any store in the old order.
@Suite struct StoreSnapshotTests {
    /// A SQLite store in a fresh folder, with the folder's path.
    private func makeSQLite() throws -> (SQLiteStore, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-snap-\(UUID().uuidString)").path
        return (try SQLiteStore(path: "\(dir)/state.db"), dir)
    }

    /// 600 keys (more than one page), some updated and some deleted.
    private func fill(_ store: any KeyValueStore) async throws {
        for i in 0..<600 {
            _ = try await store.create("/registry/configmaps/default/cm-\(i)", value: Array("v\(i)".utf8))
        }
        for i in stride(from: 0, to: 600, by: 7) {
            let key = "/registry/configmaps/default/cm-\(i)"
            let current = try #require(try await store.get(key))
            _ = try await store.update(key, value: Array("updated-\(i)".utf8), expectedModRevision: current.modRevision)
        }
        for i in stride(from: 3, to: 600, by: 11) {
            _ = try await store.delete("/registry/configmaps/default/cm-\(i)", expectedModRevision: nil)
        }
    }

    @Test func captureHoldsEveryLiveKeyInChangeOrder() async throws {
        let (store, dir) = try makeSQLite()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await fill(store)
        let snapshot = try await StoreSnapshot.capture(from: store, source: "sqlite")
        let live = try await store.count(prefix: "/")
        #expect(snapshot.records.count == live)
        #expect(snapshot.header.revision == (try await store.currentRevision()))
        #expect(snapshot.records.map(\.modRevision) == snapshot.records.map(\.modRevision).sorted())
        #expect(!snapshot.records.contains { $0.key == "/registry/configmaps/default/cm-3" })
        #expect(snapshot.records.first { $0.key == "/registry/configmaps/default/cm-7" }?.value == Array("updated-7".utf8))
        await store.close()
    }

    @Test func fileRoundTripsAndRefusesDamage() async throws {
        let records = [
            KeyValue(key: "/registry/secrets/a/s", value: [0, 1, 2, 255], createRevision: 4, modRevision: 9),
            KeyValue(key: "/registry/pods/a/p", value: Array("{}".utf8), createRevision: 2, modRevision: 2),
        ]
        let snapshot = StoreSnapshot(revision: 12, records: records, source: "etcd")
        let bytes = try snapshot.encoded()
        #expect(try StoreSnapshot(decoding: bytes) == snapshot)
        #expect(try StoreSnapshot(decoding: bytes).records.map(\.modRevision) == [2, 9])
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0xFF
        #expect(throws: StoreError.self) { try StoreSnapshot(decoding: flipped) }
        #expect(throws: StoreError.self) { try StoreSnapshot(decoding: Array(bytes.dropLast(5))) }
        #expect(throws: StoreError.self) { try StoreSnapshot(decoding: Array("not a snapshot at all, really not".utf8)) }
    }

    @Test func writeIsPrivateAndReadable() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-snapfile-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let snapshot = StoreSnapshot(revision: 1, records: [KeyValue(key: "/k", value: [1], createRevision: 1, modRevision: 1)], source: "sqlite")
        try snapshot.write(to: "\(dir)/snap")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(dir)/snap")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try StoreSnapshot.read(from: "\(dir)/snap") == snapshot)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/snap.part"))
    }

    @Test func sqliteRestoreKeepsRevisionsThenBumpsAndCompacts() async throws {
        let (source, dir) = try makeSQLite()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await fill(source)
        let snapshot = try await StoreSnapshot.capture(from: source, source: "sqlite")
        await source.close()
        let restored = "\(dir)/restored/state.db"
        try SQLiteStore.restore(snapshot, toNewDatabaseAt: restored, bump: 1000)
        let store = try SQLiteStore(path: restored)
        let bumped = snapshot.header.revision + 1000
        #expect(try await store.currentRevision() == bumped)
        #expect(try await store.compactedRevision() == bumped)
        let all = try await store.range(prefix: "/", startKey: nil, limit: nil, revision: nil)
        #expect(Set(all.kvs) == Set(snapshot.records))
        await #expect(throws: StoreError.self) {
            _ = try await store.range(prefix: "/", startKey: nil, limit: nil, revision: snapshot.header.revision)
        }
        await #expect(throws: StoreError.self) { _ = try await store.watch(prefix: "/", afterRevision: snapshot.header.revision) }
        let key = "/registry/configmaps/default/cm-1"
        let current = try #require(try await store.get(key))
        let updated = try await store.update(key, value: [9], expectedModRevision: current.modRevision)
        #expect(updated.modRevision == bumped + 1)
        #expect(updated.createRevision == current.createRevision)
        await store.close()
        #expect(throws: StoreError.self) { try SQLiteStore.restore(snapshot, toNewDatabaseAt: restored) }
    }

    @Test func restoreIntoAnotherStoreKeepsTheOrder() async throws {
        let (source, dir) = try makeSQLite()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await fill(source)
        let snapshot = try await StoreSnapshot.capture(from: source, source: "sqlite")
        await source.close()
        let target = MemoryStore()
        try await snapshot.restore(into: target)
        let all = try await target.range(prefix: "/", startKey: nil, limit: nil, revision: nil).kvs
        #expect(all.count == snapshot.records.count)
        let newRevision = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0.modRevision) })
        let inOldOrder = snapshot.records.compactMap { newRevision[$0.key] }
        #expect(inOldOrder == inOldOrder.sorted())
        #expect(Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0.value) })
            == Dictionary(uniqueKeysWithValues: snapshot.records.map { ($0.key, $0.value) }))
        await #expect(throws: StoreError.self) { try await snapshot.restore(into: target) }
        await target.close()
    }
}
