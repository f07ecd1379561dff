import Synchronization

/// Wakes a single waiting task: `signal()` from any thread, `wait(timeout:)` from the one loop.
/// A signal sent while nobody waits is remembered, so none is lost. A wait can also end early,
/// when a timer an earlier wait started comes due: the waiter checks its work again, as after
/// any wake-up.
final class Wakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// When the timer last started comes due (nil once it has).
        var timerDue: ContinuousClock.Instant?
        /// Timers started so far (for tests).
        var timersStarted = 0
    }

    private let state = Mutex(State())

    /// Wakes the waiter, or makes the next wait return at once.
    func signal() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            s.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns after a signal or after `timeout`, whichever comes first (or earlier, see above).
    func wait(timeout: Duration) async {
        if state.withLock({ s in
            defer { s.pending = false }
            return s.pending
        }) { return }
        startTimer(due: .now + timeout)
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.pending {
                    s.pending = false
                    return true
                }
                s.waiter = c
                return false
            }
            if now { c.resume() }
        }
    }

    /// Timers started so far.
    var timersStarted: Int { state.withLock { $0.timersStarted } }

    /// Makes sure a timer comes due by `due`. A wait ended by a signal leaves its timer running
    /// rather than cancelling it, and the next waits reuse it while it is due no later than they
    /// need: the loop waits about once per pod, and a task, a timer and a cancellation per wait
    /// were a measurable part of the scheduler's CPU. A timer signals once, when it comes due, so
    /// an outdated one wakes at most one later wait early and cannot keep the loop spinning.
    private func startTimer(due: ContinuousClock.Instant) {
        let start = state.withLock { s -> Bool in
            if let current = s.timerDue, current <= due { return false }
            s.timerDue = due
            s.timersStarted += 1
            return true
        }
        guard start else { return }
        Task { [self] in
            try? await Task.sleep(until: due, clock: .continuous)
            state.withLock { s in
                if s.timerDue == due { s.timerDue = nil }
            }
            signal()
        }
    }
}
