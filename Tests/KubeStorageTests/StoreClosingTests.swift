import KubeStorage
import Testing

/// `KeyValueStore.closing(after:)`: the store is closed once the body is done, whether the body
/// returned or threw.
@Suite struct StoreClosingTests {
    struct Stop: Error {}

    @Test func theStoreIsClosedAfterTheBodyReturnsOrThrows() async throws {
        let returned = MemoryStore()
        let kv = try await returned.closing { try await $0.create("/k", value: [1]) }
        #expect(kv.value == [1])
        await #expect(throws: StoreError.self) { try await returned.create("/k2", value: [1]) }

        let threw = MemoryStore()
        await #expect(throws: Stop.self) {
            try await threw.closing { store -> Int in
                _ = try await store.create("/k", value: [2])
                throw Stop()
            }
        }
        await #expect(throws: StoreError.self) { try await threw.create("/k2", value: [2]) }
    }
}
