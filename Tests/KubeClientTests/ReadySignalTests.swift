import KubeAPI
import KubeClient
import Testing

@Suite struct ReadySignalTests {
    @Test func waitsEndWhenItFiresAndLaterOnesAtOnce() async {
        let signal = ReadySignal()
        let first = Waiter { await signal.wait() }
        let second = Waiter { await signal.wait() }
        #expect(await !first.endsWithin(.milliseconds(100)), "not fired yet")
        #expect(!signal.hasFired)
        signal.fire()
        #expect(signal.hasFired)
        #expect(await first.endsWithin(.seconds(5)))
        #expect(await second.endsWithin(.seconds(5)))
        #expect(await Waiter { await signal.wait() }.endsWithin(.seconds(5)), "a wait after it fired returns at once")
    }

    @Test func aCancelledWaitEndsAloneAndFiringLaterResumesNothingTwice() async {
        let signal = ReadySignal()
        let cancelled = Waiter { await signal.wait() }
        let waiting = Waiter { await signal.wait() }
        let cancelledFirst = Waiter(cancellingItself: true) { await signal.wait() }
        #expect(await cancelledFirst.endsWithin(.seconds(5)), "a task cancelled before it waits does not wait")
        cancelled.task.cancel()
        #expect(await cancelled.endsWithin(.seconds(5)))
        #expect(await !waiting.endsWithin(.milliseconds(100)), "the other wait goes on")
        // Firing resumes only the wait still registered (a second resume would trap).
        signal.fire()
        #expect(await waiting.endsWithin(.seconds(5)))
    }
}
