import KubeAPI
import KubeStorage
import Synchronization
import Testing

@testable import KubeAPIServer

/// A store whose watch events reach the API server only while `flowing` is on, so a test can
/// hold the watch cache behind the store.
final class HeldWatchStore: KeyValueStore {
    let base = MemoryStore()
    let flowing = Mutex(true)

    func currentRevision() async throws(StoreError) -> Int64 { try await base.currentRevision() }
    func get(_ key: String) async throws(StoreError) -> KeyValue? { try await base.get(key) }
    func create(_ key: String, value: [UInt8]) async throws(StoreError) -> KeyValue { try await base.create(key, value: value) }
    func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws(StoreError) -> KeyValue {
        try await base.update(key, value: value, expectedModRevision: expectedModRevision)
    }
    func delete(_ key: String, expectedModRevision: Int64?) async throws(StoreError) -> StoreEvent {
        try await base.delete(key, expectedModRevision: expectedModRevision)
    }
    func range(prefix: String, startKey: String?, limit: Int?, revision: Int64?) async throws(StoreError) -> RangeResult {
        try await base.range(prefix: prefix, startKey: startKey, limit: limit, revision: revision)
    }
    func count(prefix: String) async throws(StoreError) -> Int { try await base.count(prefix: prefix) }
    func compact(revision: Int64) async throws(StoreError) { try await base.compact(revision: revision) }
    func compactedRevision() async throws(StoreError) -> Int64 { try await base.compactedRevision() }
    func close() async { await base.close() }

    func watch(prefix: String, afterRevision: Int64) async throws(StoreError) -> AsyncThrowingStream<[StoreEvent], Error> {
        let events = try await base.watch(prefix: prefix, afterRevision: afterRevision)
        return AsyncThrowingStream { continuation in
            let task = Task { [self] in
                do {
                    for try await batch in events {
                        while !self.flowing.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
                        continuation.yield(batch)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Updates start from the watch cache's copy; when that copy is behind the store, they must
/// still answer from what is current: no false 409, no lost update.
@Suite struct CacheLagTests {
    static let path = "/api/v1/namespaces/default/configmaps"

    @Test func updatesAreRightWhileTheWatchCacheIsBehind() async throws {
        let store = HeldWatchStore()
        try await APIServerHarness.run(store: store) { h in
            let (code, created) = try await h.send(.post, Self.path, Fixtures.configMap("lag", data: ["a": "1"]))
            #expect(code == 201, "\(created)")
            // Wait until the cache has the object, then hold it there.
            for _ in 0..<200 {
                if (try? h.server.registry.cache(.configMaps).get(ResourceInfo.configMaps.storageKey(namespace: "default", name: "lag"))) != nil {
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            store.flowing.withLock { $0 = false }
            defer { store.flowing.withLock { $0 = true } }

            // The cache now keeps the first version while the store moves on.
            var first = created
            first["data"]?["a"] = "2"
            let (c1, v2) = try await h.send(.put, Self.path + "/lag", first)
            #expect(c1 == 200, "\(v2)")
            // An update sent at the version the store has (newer than the cache's) succeeds.
            var second = v2
            second["data"]?["a"] = "3"
            let (c2, v3) = try await h.send(.put, Self.path + "/lag", second)
            #expect(c2 == 200, "a precondition newer than the cache is checked against the store: \(v3)")
            // A patch without a precondition keeps every earlier change.
            let (c3, patched) = try await h.send(
                .patch, Self.path + "/lag", ["data": ["b": "x"]], contentType: "application/merge-patch+json")
            #expect(c3 == 200, "\(patched)")
            #expect(patched["data"] == ["a": "3", "b": "x"])
            // A write that changes nothing against the cache's copy is checked against the store:
            // here it is the cache's copy itself, which would undo the later changes.
            var back = created
            back["metadata"]?["resourceVersion"] = nil
            let (c5, reverted) = try await h.send(.put, Self.path + "/lag", back)
            #expect(c5 == 200, "\(reverted)")
            let stored = try await store.base.get(ResourceInfo.configMaps.storageKey(namespace: "default", name: "lag"))
            let storedData = try stored.map { try JSONValue.parse($0.value)["data"] }
            #expect(storedData == ["a": "1"], "the write reached the store")
            // A precondition older than the store's version is still a conflict.
            let (c4, stale) = try await h.send(.put, Self.path + "/lag", first)
            #expect(c4 == 409, "\(stale)")
            let cached = try h.server.registry.cache(.configMaps).get(ResourceInfo.configMaps.storageKey(namespace: "default", name: "lag"))
            #expect(cached?.revision == Int64(created.resourceVersion), "the cache was held behind throughout")
        }
    }
}
