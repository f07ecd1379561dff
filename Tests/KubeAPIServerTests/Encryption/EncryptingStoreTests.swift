import Foundation
import KubeAPIServer
import KubeStorage
import KubeStorageConformance
import Testing

@Suite struct EncryptingStoreTests {
    static func key(_ name: String, _ byte: UInt8) -> EncryptionKey { EncryptionKey(name: name, secret: Array(repeating: byte, count: 32)) }

    static func everything(_ base: any KeyValueStore, _ providers: [EncryptionProvider]) -> EncryptingStore {
        EncryptingStore(base: base, transformers: [("", ValueTransformer(providers: providers))])
    }

    /// Encryption is invisible from above: the whole store conformance suite passes through it.
    @Test(arguments: StoreConformance.cases)
    func conformsWhenEveryKeyIsEncrypted(_ c: StoreConformance.Case) async throws {
        let store = Self.everything(MemoryStore(), [.aesgcm([Self.key("k1", 1)])])
        try await c.run(store)
        await store.close()
    }

    @Test func theUnderlyingStoreHoldsOnlyCiphertext() async throws {
        let base = MemoryStore()
        let store = EncryptingStore(
            base: base, transformers: [("/registry/secrets/", ValueTransformer(providers: [.aesgcm([Self.key("k1", 1)])]))])
        let plaintext = Array(#"{"data":{"password":"aHVudGVyMg=="}}"#.utf8)
        _ = try await store.create("/registry/secrets/default/db", value: plaintext)
        _ = try await store.create("/registry/configmaps/default/c", value: plaintext)
        let raw = try #require(try await base.get("/registry/secrets/default/db"))
        #expect(raw.value.starts(with: Array("k8s:enc:aesgcm:v1:k1:".utf8)))
        #expect(!String(decoding: raw.value, as: UTF8.self).contains("aHVudGVyMg"))
        #expect(try await base.get("/registry/configmaps/default/c")?.value == plaintext)
        #expect(try await store.get("/registry/secrets/default/db")?.value == plaintext)
        #expect(try await store.range(prefix: "/registry/", startKey: nil, limit: nil, revision: nil).kvs.map(\.value) == [plaintext, plaintext])
    }

    @Test func aCiphertextMovedToAnotherKeyDoesNotDecrypt() async throws {
        let base = MemoryStore()
        let store = Self.everything(base, [.aesgcm([Self.key("k1", 1)])])
        _ = try await store.create("/a", value: Array("secret".utf8))
        let raw = try #require(try await base.get("/a"))
        _ = try await base.create("/b", value: raw.value)
        await #expect(throws: StoreError.self) { _ = try await store.get("/b") }
    }

    @Test func rotationReadsOldKeysAndRewritesStaleValues() async throws {
        let base = MemoryStore()
        let old = Self.everything(base, [.aesgcm([Self.key("k1", 1)])])
        _ = try await old.create("/x", value: Array("one".utf8))
        _ = try await base.create("/plain", value: Array("two".utf8))
        let rotated = Self.everything(base, [.aesgcm([Self.key("k2", 2), Self.key("k1", 1)]), .identity])
        #expect(try await rotated.get("/x")?.value == Array("one".utf8))
        #expect(try await rotated.get("/plain")?.value == Array("two".utf8))
        #expect(try await rotated.usage() == .init(byKey: ["k1": 1, "identity": 1], stale: 2))
        #expect(try await rotated.rewriteStale() == 2)
        #expect(try await rotated.usage() == .init(byKey: ["k2": 2], stale: 0))
        let onlyNew = Self.everything(base, [.aesgcm([Self.key("k2", 2)])])
        #expect(try await onlyNew.get("/x")?.value == Array("one".utf8))
        let wrong = Self.everything(base, [.aesgcm([Self.key("k3", 3)])])
        await #expect(throws: StoreError.self) { _ = try await wrong.get("/x") }
    }

    @Test func configurationParsesAndRoundTrips() throws {
        let text = """
            apiVersion: apiserver.config.k8s.io/v1
            kind: EncryptionConfiguration
            resources:
            - resources: [secrets]
              providers:
              - aesgcm:
                  keys:
                  - name: key1
                    secret: \(Data(repeating: 7, count: 32).base64EncodedString())
              - identity: {}
            """
        let config = try EncryptionConfiguration(parsing: text)
        #expect(config.providers(for: "secrets") == [.aesgcm([EncryptionKey(name: "key1", secret: Array(repeating: 7, count: 32))]), .identity])
        #expect(config.providers(for: "configmaps") == nil)
        #expect(try EncryptionConfiguration(parsing: config.text) == config)
        _ = try EncryptingStore(base: MemoryStore(), configuration: config)
    }

    @Test(arguments: [
        ("kind: Other", "kind: must be EncryptionConfiguration"),
        ("apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []", "resources: Required value"),
        ("apiVersion: v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - aescbc: {}",
         "resources[0].providers[0]: only aesgcm and identity providers are supported"),
        ("apiVersion: v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - aesgcm:\n      keys:\n      - name: k\n        secret: c2hvcnQ=",
         "resources[0].providers[0].aesgcm.keys[0].secret: Invalid value: secrets must be base64 of 16, 24 or 32 bytes"),
    ])
    func badConfigurationsAreRefusedWithTheField(_ text: String, _ message: String) {
        #expect(throws: EncryptionConfiguration.Invalid(description: message)) { try EncryptionConfiguration(parsing: text) }
    }

    @Test func unknownResourcesAreRefused() throws {
        let config = EncryptionConfiguration(rules: [.init(resources: ["widgets"], providers: [.identity])])
        #expect(throws: EncryptionConfiguration.Invalid(description: "resources: unknown resource \"widgets\"")) {
            try EncryptingStore(base: MemoryStore(), configuration: config)
        }
    }
}
