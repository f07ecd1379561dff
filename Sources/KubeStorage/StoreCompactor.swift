import Synchronization

/// Compacts a store's history as kube-apiserver compacts etcd (`--etcd-compaction-interval`,
/// every 5 minutes): each round forgets the history older than the revision seen one round
/// earlier, so watchers and lists at a resourceVersion keep about one interval of history.
///
/// Any number of API servers may share one store: the round is claimed by a mod-revision
/// conditional write of `/registry/compact_rev_key` (Kubernetes' key name, placed under the
/// prefix the watch caches follow so that its writes advance their revision too: a read that
/// waits for the caches to catch up with the store would otherwise wait for the next object
/// write), so one server compacts per interval and the others see that it was done.
public final class StoreCompactor: Sendable {
    /// The key that records the last round: its value is the store's revision when written.
    public static let key = "/registry/compact_rev_key"
    private let store: any KeyValueStore
    private let seen = Mutex<KeyValue?>(nil)

    /// A compactor of `store`; nothing happens until `round()` or `run(every:)`.
    public init(store: any KeyValueStore) {
        self.store = store
    }

    /// One round. The first only notes (or writes) `compact_rev_key`; each later one claims the
    /// round by rewriting the key if it still holds what this compactor last saw, and then
    /// compacts to the revision the key held. Returns the revision compacted to, or nil when
    /// this round compacted nothing (first round, or another server claimed it).
    @discardableResult
    public func round() async throws(StoreError) -> Int64? {
        let now = Array(String(try await store.currentRevision()).utf8)
        guard let last = seen.withLock({ $0 }) else {
            let kv: KeyValue
            do {
                kv = try await store.create(Self.key, value: now)
            } catch let error where error.code == .keyExists {
                guard let existing = try await store.get(Self.key) else { return nil }
                kv = existing
            }
            seen.withLock { $0 = kv }
            return nil
        }
        do {
            let claimed = try await store.update(Self.key, value: now, expectedModRevision: last.modRevision)
            seen.withLock { $0 = claimed }
        } catch let error where error.code == .conflict || error.code == .notFound {
            seen.withLock { $0 = error.current }
            return nil
        }
        guard let target = Int64(String(decoding: last.value, as: UTF8.self)), target > 0 else { return nil }
        try await store.compact(revision: target)
        return target
    }

    /// Runs a round every `interval` until cancelled, reporting each compaction and failure.
    public func run(every interval: Duration, report: @Sendable (Result<Int64, StoreError>) -> Void) async {
        while !Task.isCancelled {
            if let outcome = await reportedRound() { report(outcome) }
            try? await Task.sleep(for: interval)
        }
    }

    /// One round's compaction or failure; nil when it compacted nothing.
    private func reportedRound() async -> Result<Int64, StoreError>? {
        do {
            return try await round().map { .success($0) }
        } catch {
            return .failure(error)
        }
    }
}
