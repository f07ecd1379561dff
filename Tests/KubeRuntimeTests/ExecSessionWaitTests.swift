import KubeRuntime
import Synchronization
import Testing

/// `waitKillingOnCancel`: a kubelet that stops while an exec session runs kills the process,
/// so that its wait (and with it the kubelet's stop) ends.
@Suite struct ExecSessionWaitTests {
    /// A process that runs until killed, and then exits 137.
    final class UntilKilled: ExecSession {
        private let state = Mutex<(killed: Bool, waiter: CheckedContinuation<Int32, Never>?)>((false, nil))
        let output = AsyncStream<ExecOutput> { $0.finish() }
        func write(_ bytes: [UInt8]) async throws {}
        func closeStdin() async {}
        func resize(width: UInt16, height: UInt16) async {}
        var killed: Bool { state.withLock { $0.killed } }

        func wait() async -> Int32 {
            await withCheckedContinuation { c in
                let now = state.withLock { s -> Bool in
                    if s.killed { return true }
                    s.waiter = c
                    return false
                }
                if now { c.resume(returning: 137) }
            }
        }

        func cancel() async {
            state.withLock { s -> CheckedContinuation<Int32, Never>? in
                s.killed = true
                defer { s.waiter = nil }
                return s.waiter
            }?.resume(returning: 137)
        }
    }

    @Test func aCancelledWaitKillsTheProcessAndReturnsItsCode() async throws {
        let session = UntilKilled()
        let code = Mutex<Int32?>(nil)
        let waiting = Task {
            let c = await session.waitKillingOnCancel()
            code.withLock { $0 = c }
        }
        try await Task.sleep(for: .milliseconds(100))
        let stillRunning = code.withLock { $0 } == nil && !session.killed
        #expect(stillRunning, "an uncancelled wait waits for the process")
        waiting.cancel()
        for _ in 0..<500 where code.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        let ended = code.withLock { $0 }
        #expect(ended == 137 && session.killed)
    }
}
