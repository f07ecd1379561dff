import Synchronization

/// Fans committed events out to watchers, and joins a watcher's replay of history with the live
/// events committed while the replay runs, so that each watcher sees every revision once, in order.
///
/// A backend calls `publish` after each commit (in revision order) and `subscribe` for each watch.
public final class WatchHub: Sendable {
    private struct Subscriber {
        var prefix: String
        var continuation: AsyncThrowingStream<[StoreEvent], Error>.Continuation
        /// Live events buffered while history is replayed; nil once live.
        var buffered: [[StoreEvent]]?
        /// Events at or below this revision came from the replay.
        var replayedThrough: Int64
    }

    private struct State {
        var subscribers: [Int: Subscriber] = [:]
        var nextID = 0
        var lastPublished: Int64 = 0
    }

    private let state: Mutex<State>

    /// A hub whose history starts after `revision`.
    public init(lastPublished revision: Int64) {
        state = Mutex(State(lastPublished: revision))
    }

    /// The newest revision handed to watchers.
    public var lastPublished: Int64 { state.withLock { $0.lastPublished } }

    /// Delivers one commit's events (sorted by revision) to every live watcher whose prefix matches.
    public func publish(_ events: [StoreEvent]) {
        guard let last = events.last else { return }
        state.withLock { s in
            s.lastPublished = max(s.lastPublished, last.revision)
            for (id, sub) in s.subscribers {
                let matching = events.filter { $0.kv.key.hasPrefix(sub.prefix) && $0.revision > sub.replayedThrough }
                if matching.isEmpty { continue }
                if sub.buffered != nil {
                    s.subscribers[id]?.buffered?.append(matching)
                } else {
                    sub.continuation.yield(matching)
                }
            }
        }
    }

    /// Registers a watcher of `prefix` and replays history after `afterRevision` with `replay`,
    /// which must return the events in `(afterRevision, through]` in revision order.
    public func subscribe(
        prefix: String, afterRevision: Int64,
        replay: @escaping @Sendable (_ after: Int64, _ through: Int64) async throws -> [StoreEvent]
    ) -> AsyncThrowingStream<[StoreEvent], Error> {
        let (stream, continuation) = AsyncThrowingStream<[StoreEvent], Error>.makeStream(
            bufferingPolicy: .unbounded)
        let (id, through) = state.withLock { s -> (Int, Int64) in
            let id = s.nextID
            s.nextID += 1
            let through = max(s.lastPublished, afterRevision)
            let needsReplay = through > afterRevision
            s.subscribers[id] = Subscriber(
                prefix: prefix, continuation: continuation, buffered: needsReplay ? [] : nil,
                replayedThrough: through)
            return (id, through)
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        if through > afterRevision {
            Task {
                do {
                    let history = try await replay(afterRevision, through)
                    if !history.isEmpty { continuation.yield(history) }
                    self.state.withLock { s in
                        guard let buffered = s.subscribers[id]?.buffered else { return }
                        for batch in buffered { continuation.yield(batch) }
                        s.subscribers[id]?.buffered = nil
                    }
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
        return stream
    }

    /// Ends every watch with `error` (or normally when nil).
    public func finishAll(throwing error: Error? = nil) {
        let subs = state.withLock { s -> [Subscriber] in
            let all = Array(s.subscribers.values)
            s.subscribers.removeAll()
            return all
        }
        for sub in subs { sub.continuation.finish(throwing: error) }
    }
}
