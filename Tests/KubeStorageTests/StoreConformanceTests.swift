import Foundation
import KubeStorage
import KubeStorageConformance
import Testing

/// Runs the shared conformance suite against every backend.
@Suite struct StoreConformanceTests {
    @Test(arguments: StoreConformance.cases)
    func memoryStore(_ c: StoreConformance.Case) async throws {
        let store = MemoryStore()
        try await c.run(store)
        await store.close()
    }

    @Test(arguments: StoreConformance.cases)
    func sqliteStore(_ c: StoreConformance.Case) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("state.db").path)
        try await c.run(store)
        await store.close()
    }
}
