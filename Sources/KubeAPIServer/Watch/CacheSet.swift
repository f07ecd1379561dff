import KubeAPI
import KubeStorage
import Logging
import Synchronization

/// The watch caches of every resource, fed by one store watch over `/registry/`, and the
/// server-wide revision they have all caught up to.
final class CacheSet: Sendable {
    private let caches: [WatchCache]
    private let store: any KeyValueStore
    private let progress: Mutex<(revision: Int64, waiters: [(Int64, CheckedContinuation<Void, Never>)])>

    /// Loads every resource at one revision of `store`.
    init(store: any KeyValueStore, resources: [ResourceInfo]) async throws(StoreError) {
        self.store = store
        let revision = try await store.currentRevision()
        var caches: [WatchCache] = []
        for r in resources {
            let initial = try await store.range(prefix: r.storagePrefix, startKey: nil, limit: nil, revision: revision)
            caches.append(WatchCache(resource: r, initial: initial.kvs, revision: revision))
        }
        self.caches = caches
        progress = Mutex((revision, []))
    }

    /// The cache of `resource`.
    func cache(for resource: ResourceInfo) -> WatchCache? {
        caches.first { $0.resource.resource == resource.resource && $0.resource.group == resource.group }
    }

    /// Every cache.
    var all: [WatchCache] { caches }

    /// The revision every cache has caught up to.
    var revision: Int64 { progress.withLock { $0.revision } }

    /// Follows the store until cancelled, applying each committed batch to its caches.
    func run(logger: Logger) async throws {
        let stream = try await store.watch(prefix: "/registry/", afterRevision: revision)
        for try await batch in stream {
            var byCache: [Int: [StoreEvent]] = [:]
            for e in batch {
                if let i = caches.firstIndex(where: { e.kv.key.hasPrefix($0.resource.storagePrefix) }) {
                    byCache[i, default: []].append(e)
                }
            }
            for (i, events) in byCache { caches[i].apply(events) }
            guard let last = batch.last?.revision else { continue }
            for c in caches { c.advance(to: last) }
            let ready = progress.withLock { p -> [CheckedContinuation<Void, Never>] in
                p.revision = max(p.revision, last)
                let done = p.waiters.filter { $0.0 <= p.revision }.map(\.1)
                p.waiters.removeAll { $0.0 <= p.revision }
                return done
            }
            for c in ready { c.resume() }
        }
        // Cancellation (shutdown) ends the stream normally; any other end means the caches stop
        // following the store.
        if !Task.isCancelled { logger.warning("store watch ended") }
    }

    /// Waits until the caches have caught up to `revision`.
    func wait(for revision: Int64) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = progress.withLock { p -> Bool in
                if p.revision >= revision { return true }
                p.waiters.append((revision, c))
                return false
            }
            if now { c.resume() }
        }
    }

    /// Waits until the caches hold every write the store has acknowledged so far.
    func waitUntilFresh() async throws(StoreError) {
        let current = try await store.currentRevision()
        if revision >= current { return }
        await wait(for: current)
    }
}
