import KubeAPI
import KubeStorage
import Logging
import Synchronization

/// The watch caches of every resource, fed by one store watch over `/registry/`, and the
/// server-wide revision they have all caught up to.
final class CacheSet: Sendable {
    private let caches: [WatchCache]
    private let store: any KeyValueStore
    private let progress: Mutex<Progress>

    /// The revision the caches have caught up to, who waits for a later one, and whether the
    /// caches still follow the store (not after `run` ended: the server is stopping).
    private struct Progress {
        var revision: Int64
        var waiters: [(Int64, CheckedContinuation<Bool, Never>)] = []
        var following = true
    }

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
        progress = Mutex(Progress(revision: revision))
    }

    /// The cache of `resource`.
    func cache(for resource: ResourceInfo) -> WatchCache? {
        caches.first { $0.resource.resource == resource.resource && $0.resource.group == resource.group }
    }

    /// Every cache.
    var all: [WatchCache] { caches }

    /// The revision every cache has caught up to.
    var revision: Int64 { progress.withLock { $0.revision } }

    /// Follows the store until cancelled, applying each committed batch to its caches. Once it
    /// ends, waits for a later revision fail (`wait(for:)`).
    func run(logger: Logger) async throws {
        defer { stopFollowing() }
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
            let ready = progress.withLock { p -> [CheckedContinuation<Bool, Never>] in
                p.revision = max(p.revision, last)
                let done = p.waiters.filter { $0.0 <= p.revision }.map(\.1)
                p.waiters.removeAll { $0.0 <= p.revision }
                return done
            }
            for c in ready { c.resume(returning: true) }
        }
        // Cancellation (shutdown) ends the stream normally; any other end means the caches stop
        // following the store.
        if !Task.isCancelled { logger.warning("store watch ended") }
    }

    /// Waits until the caches have caught up to `revision`; fails with `.closed` when they stop
    /// following the store first, so that a request made while the server stops is answered
    /// (503) instead of holding the server's shutdown for ever.
    func wait(for revision: Int64) async throws(StoreError) {
        let caughtUp = await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            let now = progress.withLock { p -> Bool? in
                if p.revision >= revision { return true }
                if !p.following { return false }
                p.waiters.append((revision, c))
                return nil
            }
            if let now { c.resume(returning: now) }
        }
        if !caughtUp { throw StoreError(.closed, "the API server is shutting down") }
    }

    /// Marks the caches as no longer following the store and fails every wait.
    private func stopFollowing() {
        let waiting = progress.withLock { p -> [CheckedContinuation<Bool, Never>] in
            p.following = false
            defer { p.waiters = [] }
            return p.waiters.map(\.1)
        }
        for c in waiting { c.resume(returning: false) }
    }

    /// Waits until the caches hold every write the store has acknowledged so far.
    func waitUntilFresh() async throws(StoreError) {
        let current = try await store.currentRevision()
        if revision >= current { return }
        try await wait(for: current)
    }
}
