import Synchronization

/// The messages waiting for one watch connection. The watch cache adds them as it applies
/// changes; the connection takes everything waiting at once, so that under load one write (one
/// chunk, one TLS record, one system call) carries many events instead of one each.
final class WatchQueue: Sendable {
    private struct State {
        var pending: [WatchMessage] = []
        var waiter: CheckedContinuation<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())
    /// The most messages that may wait: a reader further behind is cut off.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds `message`. Returns false, keeping nothing, when the queue is finished or `limit`
    /// messages are already waiting (the caller then ends the watch).
    func enqueue(_ message: WatchMessage) -> Bool {
        let (added, waiter) = state.withLock { s -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !s.finished, s.pending.count < limit else { return (false, nil) }
            s.pending.append(message)
            defer { s.waiter = nil }
            return (true, s.waiter)
        }
        waiter?.resume()
        return added
    }

    /// Ends the queue: what is waiting is still taken, then `next()` returns nil.
    func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Every waiting message, oldest first, waiting for one if there is none; nil once the queue
    /// is finished and empty, or the calling task is cancelled. One consumer at a time.
    func next() async -> [WatchMessage]? {
        while true {
            let taken = state.withLock { s -> [WatchMessage]? in
                guard !s.pending.isEmpty else { return nil }
                defer { s.pending = [] }
                return s.pending
            }
            if let taken { return taken }
            if state.withLock({ $0.finished }) { return nil }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let ready = state.withLock { s -> Bool in
                        if !s.pending.isEmpty || s.finished { return true }
                        s.waiter = c
                        return false
                    }
                    if ready { c.resume() }
                }
            } onCancel: {
                finish()
            }
        }
    }
}

/// The connection's end of one watch: its queue, and the cache's registration, which ends when
/// the subscription is ended or released.
final class WatchSubscription: Sendable {
    let queue: WatchQueue
    private let onEnd: Mutex<(@Sendable () -> Void)?>

    init(queue: WatchQueue, onEnd: @escaping @Sendable () -> Void) {
        self.queue = queue
        self.onEnd = Mutex(onEnd)
    }

    /// Stops the watch: the queue is finished and the cache forgets it. Later calls do nothing.
    func end() {
        queue.finish()
        let handler = onEnd.withLock { h -> (@Sendable () -> Void)? in
            defer { h = nil }
            return h
        }
        handler?()
    }

    deinit { end() }
}
