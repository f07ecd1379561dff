import Synchronization

/// Something that happens once (an informer's first list loaded, a listener accepting
/// connections) and that tasks wait for. A wait returns when the signal fires or when the
/// waiting task is cancelled, whichever comes first, so that a component stopped before the
/// signal never waits for ever; callers check `Task.isCancelled` after it.
public final class ReadySignal: Sendable {
    private struct State {
        var fired = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// A signal not fired yet.
    public init() {}

    /// Whether it has fired.
    public var hasFired: Bool { state.withLock { $0.fired } }

    /// Fires the signal: every wait returns, and every later one at once.
    public func fire() {
        let waiters = state.withLock { s -> Dictionary<Int, CheckedContinuation<Void, Never>>.Values in
            s.fired = true
            defer { s.waiters = [:] }
            return s.waiters.values
        }
        for w in waiters { w.resume() }
    }

    /// Waits until the signal fires or the calling task is cancelled.
    public func wait() async {
        let id = state.withLock { s -> Int in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    // The cancellation flag is set before the handler below runs: either the
                    // handler finds this waiter, or this check sees the flag.
                    if s.fired || Task.isCancelled { return true }
                    s.waiters[id] = c
                    return false
                }
                if now { c.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
