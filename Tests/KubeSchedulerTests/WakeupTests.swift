import Testing

@testable import KubeScheduler

@Suite struct WakeupTests {
    @Test func aSignalEndsTheWaitAndOneSentBeforeIsKept() async {
        let wakeup = Wakeup()
        wakeup.signal()
        let start = ContinuousClock.now
        await wakeup.wait(timeout: .seconds(60))
        Task { try? await Task.sleep(for: .milliseconds(20)); wakeup.signal() }
        await wakeup.wait(timeout: .seconds(60))
        // Far under the timeouts, with room for a machine starved by the whole suite starting at once.
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func theTimeoutEndsAWaitNobodySignals() async {
        let wakeup = Wakeup()
        let start = ContinuousClock.now
        await wakeup.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - start >= .milliseconds(100))
    }

    /// A wait ended by a signal cancels its timer; that timer must not wake a later wait.
    @Test func aCancelledTimerDoesNotWakeTheNextWait() async {
        let wakeup = Wakeup()
        for _ in 0..<5 {
            Task { try? await Task.sleep(for: .milliseconds(5)); wakeup.signal() }
            await wakeup.wait(timeout: .seconds(10))
            let start = ContinuousClock.now
            await wakeup.wait(timeout: .milliseconds(300))
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }
}
