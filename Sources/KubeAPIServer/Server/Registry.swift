import Foundation
import KubeAPI
import KubeStorage

/// Options shared by writes (`dryRun`, `fieldManager`, `fieldValidation`).
struct WriteOptions: Sendable {
    /// `dryRun=All`: run every step but the store write.
    var dryRun = false
    /// The field manager recorded in managedFields.
    var fieldManager: String?
    /// `Strict`, `Warn` or `Ignore`.
    var fieldValidation = "Warn"
    /// Who writes (for RBAC escalation checks); nil for the server's own writes.
    var user: UserInfo?
}

/// The result of a write: the object's bytes and the HTTP status to answer with.
struct WriteResult: Sendable {
    var status: Int
    var body: [UInt8]
    /// Warnings for the `Warning` header (e.g. unknown fields under fieldValidation=Warn).
    var warnings: [String] = []
}

/// The generic store of every resource: turns API verbs into store operations, applying each
/// resource's strategy (prepare, default, validate) and keeping the watch caches fed.
final class Registry: Sendable {
    let store: any KeyValueStore
    let caches: CacheSet
    let schema: SchemaRegistry
    let allocator: ServiceAllocator
    let now: @Sendable () -> Date
    /// The tolerations `DefaultTolerationSeconds` admission gives new pods.
    let defaultTolerations: DefaultTolerationSeconds
    /// Whether `ServiceAccount` admission mounts a token volume into new pods (when the server
    /// issues tokens).
    let mountsServiceAccountTokens: Bool
    /// RBAC escalation prevention for writes of roles and bindings; nil turns it off.
    let escalation: RBACEscalationCheck?
    /// Managed-fields work already done, under `schema`.
    let managedFieldsMemo = ManagedFieldsMemo()
    /// The unknown fields of specs checked before, under `schema`.
    let specUnknownFields = JSONValueMemo<[String]>()

    init(
        store: any KeyValueStore, caches: CacheSet, schema: SchemaRegistry, allocator: ServiceAllocator,
        now: @escaping @Sendable () -> Date, defaultTolerations: DefaultTolerationSeconds = DefaultTolerationSeconds(),
        mountsServiceAccountTokens: Bool = false,
        escalation: RBACEscalationCheck? = nil
    ) {
        self.escalation = escalation
        self.defaultTolerations = defaultTolerations
        self.mountsServiceAccountTokens = mountsServiceAccountTokens
        self.store = store
        self.caches = caches
        self.schema = schema
        self.allocator = allocator
        self.now = now
    }

    /// The cache of `r` (every served resource has one).
    func cache(_ r: ResourceInfo) throws(APIError) -> WatchCache {
        guard let c = caches.cache(for: r) else { throw APIError.internalError("no cache for \(r.resource)") }
        return c
    }

    /// Decodes stored bytes into an object carrying its resourceVersion.
    func decode(_ kv: KeyValue) throws(APIError) -> JSONValue {
        do {
            var object = try JSONValue.parse(kv.value)
            object.setMetadata("resourceVersion", .string(String(kv.modRevision)))
            return object
        } catch {
            throw APIError.internalError("stored object \(kv.key) is not valid JSON")
        }
    }

    /// Maps a store failure to the API error a client expects.
    func apiError(_ e: StoreError, _ r: ResourceInfo, name: String) -> APIError {
        switch e.code {
        case .keyExists: return .alreadyExists(group: r.group, resource: r.resource, name: name)
        case .notFound: return .notFound(group: r.group, resource: r.resource, name: name)
        case .conflict:
            return .conflict(
                group: r.group, resource: r.resource, name: name,
                detail: "the object has been modified; please apply your changes to the latest version and try again")
        case .compacted: return .expired("The resourceVersion for the provided list is too old.")
        case .futureRevision:
            return APIError(code: 504, reason: "Timeout", message: "Too large resource version: \(e.message)")
        case .closed, .backend: return Self.unavailable(e)
        }
    }

    /// A failure of the store or of the caches following it: 503 when they are closed (the
    /// server is stopping), else 500.
    static func unavailable(_ e: StoreError) -> APIError {
        e.code == .closed ? .serviceUnavailable(e.message) : .internalError(e.message)
    }

    /// The current stored object, read from the store (not the cache) with its revision.
    func current(_ r: ResourceInfo, namespace: String?, name: String) async throws(APIError) -> (JSONValue, Int64) {
        let key = r.storageKey(namespace: namespace, name: name)
        let kv: KeyValue?
        do {
            kv = try await store.get(key)
        } catch {
            throw apiError(error, r, name: name)
        }
        guard let kv else { throw APIError.notFound(group: r.group, resource: r.resource, name: name) }
        return (try decode(kv), kv.modRevision)
    }

    /// The object from the watch cache, or from the store when the cache has not seen it yet
    /// (one created a moment ago); nil when there is none.
    func cachedOrStored(_ r: ResourceInfo, namespace: String?, name: String) async throws(APIError) -> JSONValue? {
        if let cached = try cache(r).get(r.storageKey(namespace: namespace, name: name)) { return try cached.parsed() }
        do {
            return try await current(r, namespace: namespace, name: name).0
        } catch let e where e.code == 404 {
            return nil
        }
    }

    /// A timestamp for `metadata` fields.
    var timestamp: String { Timestamp.format(now()) }
}
