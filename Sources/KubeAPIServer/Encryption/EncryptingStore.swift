import KubeAPI
import KubeStorage

/// A `KeyValueStore` that encrypts the values of chosen key prefixes before they reach the
/// underlying store and decrypts them on every way back (reads, watch events, the current
/// value carried by conflicts), so that everything above it sees plaintext and the store
/// file holds ciphertext. Keys outside the prefixes pass through untouched.
public struct EncryptingStore: KeyValueStore {
    /// The store that holds the bytes.
    public let base: any KeyValueStore
    /// Key prefixes and the transformer of each (longest prefix first).
    public let transformers: [(prefix: String, transformer: ValueTransformer)]

    /// Wraps `base`, encrypting the keys under each prefix with its transformer.
    public init(base: any KeyValueStore, transformers: [(prefix: String, transformer: ValueTransformer)]) {
        self.base = base
        self.transformers = transformers.sorted { $0.prefix.count > $1.prefix.count }
    }

    /// Wraps `base` for the resources `configuration` names (storage prefixes from the
    /// catalog); throws for a resource the server does not serve.
    public init(base: any KeyValueStore, configuration: EncryptionConfiguration) throws(EncryptionConfiguration.Invalid) {
        var transformers: [(prefix: String, transformer: ValueTransformer)] = []
        for rule in configuration.rules {
            for name in rule.resources {
                let info = ResourceCatalog.all.first { ($0.group.isEmpty ? $0.resource : "\($0.resource).\($0.group)") == name }
                guard let info else {
                    throw EncryptionConfiguration.Invalid(description: "resources: unknown resource \"\(name)\"")
                }
                if !transformers.contains(where: { $0.prefix == info.storagePrefix }) {
                    transformers.append((info.storagePrefix, ValueTransformer(providers: rule.providers)))
                }
            }
        }
        self.init(base: base, transformers: transformers)
    }

    func transformer(_ key: String) -> ValueTransformer? {
        transformers.first { key.hasPrefix($0.prefix) }?.transformer
    }

    func encrypt(_ key: String, _ value: [UInt8]) throws(StoreError) -> [UInt8] {
        guard let t = transformer(key) else { return value }
        return try t.encrypt(value, storageKey: key)
    }

    func decrypt(_ kv: KeyValue) throws(StoreError) -> KeyValue {
        guard let t = transformer(kv.key) else { return kv }
        var plain = kv
        plain.value = try t.decrypt(kv.value, storageKey: kv.key).plaintext
        return plain
    }

    func decrypt(_ event: StoreEvent) throws(StoreError) -> StoreEvent {
        StoreEvent(kind: event.kind, kv: try decrypt(event.kv), prev: try event.prev.map { (kv) throws(StoreError) in try decrypt(kv) })
    }

    /// Rethrows `error` with its carried current value decrypted.
    func decrypted(_ error: StoreError) -> StoreError {
        guard let current = error.current else { return error }
        var copy = error
        copy.current = try? decrypt(current)
        return copy
    }

    public func currentRevision() async throws(StoreError) -> Int64 { try await base.currentRevision() }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? {
        guard let kv = try await base.get(key) else { return nil }
        return try decrypt(kv)
    }

    public func create(_ key: String, value: [UInt8]) async throws(StoreError) -> KeyValue {
        do {
            var kv = try await base.create(key, value: try encrypt(key, value))
            kv.value = value
            return kv
        } catch {
            throw decrypted(error)
        }
    }

    public func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws(StoreError) -> KeyValue {
        do {
            var kv = try await base.update(key, value: try encrypt(key, value), expectedModRevision: expectedModRevision)
            kv.value = value
            return kv
        } catch {
            throw decrypted(error)
        }
    }

    public func delete(_ key: String, expectedModRevision: Int64?) async throws(StoreError) -> StoreEvent {
        do {
            return try decrypt(try await base.delete(key, expectedModRevision: expectedModRevision))
        } catch {
            throw decrypted(error)
        }
    }

    public func range(prefix: String, startKey: String?, limit: Int?, revision: Int64?) async throws(StoreError) -> RangeResult {
        var result = try await base.range(prefix: prefix, startKey: startKey, limit: limit, revision: revision)
        result.kvs = try result.kvs.map { (kv) throws(StoreError) in try decrypt(kv) }
        return result
    }

    public func count(prefix: String) async throws(StoreError) -> Int { try await base.count(prefix: prefix) }

    public func watch(prefix: String, afterRevision: Int64) async throws(StoreError) -> AsyncThrowingStream<[StoreEvent], Error> {
        let events = try await base.watch(prefix: prefix, afterRevision: afterRevision)
        let store = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await batch in events {
                        continuation.yield(try batch.map { (event) throws(StoreError) in try store.decrypt(event) })
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func compact(revision: Int64) async throws(StoreError) { try await base.compact(revision: revision) }

    public func compactedRevision() async throws(StoreError) -> Int64 { try await base.compactedRevision() }

    public func close() async { await base.close() }
}
