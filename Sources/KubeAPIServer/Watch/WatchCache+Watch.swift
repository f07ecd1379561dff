import KubeAPI

extension WatchCache {
    /// Where a new watch starts.
    enum WatchStart: Sendable {
        /// Synthetic ADDED events for the current state, then changes (resourceVersion unset or "0").
        case currentState
        /// Changes after this revision.
        case after(Int64)
    }

    /// The largest number of messages a watcher may fall behind before it is closed.
    static let watcherBacklog = 100_000

    /// Opens a watch. With `sendInitialEvents` the initial state is followed by a BOOKMARK
    /// annotated `k8s.io/initial-events-end`. Throws 410 Expired when `.after(rv)` is older than
    /// the kept history, and 503 once `finishAllWatches` ran.
    func watch(
        filter: ObjectFilter, start: WatchStart, sendInitialEvents: Bool, bookmarks: Bool
    ) throws(APIError) -> WatchSubscription {
        let result = state.withLock { s -> Result<WatchSubscription, APIError> in
            if s.finished { return .failure(.serviceUnavailable("the API server is shutting down")) }
            var initial: [WatchMessage] = []
            switch start {
            case .currentState:
                initial = currentState(s, filter)
                if sendInitialEvents { initial.append(.bookmark(revision: s.revision, initialEventsEnd: true)) }
            case .after(let rv) where sendInitialEvents:
                _ = rv
                initial = currentState(s, filter)
                initial.append(.bookmark(revision: s.revision, initialEventsEnd: true))
            case .after(let rv):
                if rv < s.historyStart {
                    return .failure(
                        .expired("too old resource version: \(rv) (\(s.historyStart + 1))"))
                }
                for e in s.history where e.revision > rv {
                    if let m = Self.translate(e, for: filter) { initial.append(m) }
                }
            }
            let queue = WatchQueue(limit: initial.count + Self.watcherBacklog)
            for m in initial { _ = queue.enqueue(m) }
            let id = s.nextID
            s.nextID += 1
            s.watchers[id] = Watcher(filter: filter, queue: queue, bookmarks: bookmarks)
            let subscription = WatchSubscription(queue: queue) { [weak self] in
                self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) }
            }
            return .success(subscription)
        }
        switch result {
        case .success(let subscription): return subscription
        case .failure(let error): throw error
        }
    }

    private func currentState(_ s: State, _ filter: ObjectFilter) -> [WatchMessage] {
        s.candidates(for: filter).filter { filter.matches($0) }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { .event(.added, $0) }
    }

    /// The message a watcher with `filter` gets for `e`: an object that starts matching is ADDED,
    /// one that stops matching is DELETED, one that never matches is not sent.
    static func translate(_ e: CacheEvent, for filter: ObjectFilter) -> WatchMessage? {
        let now = filter.matches(e.object)
        let before = e.prev.map { filter.matches($0) } ?? false
        switch e.type {
        case .added: return now ? .event(.added, e.object) : nil
        case .modified:
            if now && before { return .event(.modified, e.object) }
            if now { return .event(.added, e.object) }
            return before ? .event(.deleted, e.object) : nil
        case .deleted: return now || before ? .event(.deleted, e.object) : nil
        }
    }
}
