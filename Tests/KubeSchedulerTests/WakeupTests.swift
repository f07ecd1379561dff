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

    /// A wait ended by a signal leaves its timer running; that timer must not end a later,
    /// shorter wait before the later one's own timeout.
    @Test func anEarlierWaitsTimerDoesNotCutALaterWaitShort() async {
        let wakeup = Wakeup()
        for _ in 0..<5 {
            Task { try? await Task.sleep(for: .milliseconds(5)); wakeup.signal() }
            await wakeup.wait(timeout: .seconds(10))
            let start = ContinuousClock.now
            await wakeup.wait(timeout: .milliseconds(300))
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    /// Waits ended by signals share the timer that is already due soon enough.
    @Test func signalledWaitsShareOneTimer() async {
        let wakeup = Wakeup()
        for _ in 0..<100 {
            wakeup.signal()
            await wakeup.wait(timeout: .seconds(60))  // returns at once: the signal was pending
            Task { wakeup.signal() }
            await wakeup.wait(timeout: .seconds(60))
        }
        // One at most: a signal that comes before its wait leaves that wait no timer to start.
        let shared = wakeup.timersStarted
        #expect(shared <= 1)
        // A shorter wait needs a timer of its own, and gets it.
        let start = ContinuousClock.now
        await wakeup.wait(timeout: .milliseconds(50))
        #expect(wakeup.timersStarted == shared + 1)
        #expect(ContinuousClock.now - start >= .milliseconds(50))
    }
}
