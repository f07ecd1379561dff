import KubeAPI
import Testing

@testable import KubeScheduler

/// A pending pod with a priority, for queue tests.
private func queued(_ name: String, priority: Int = 0) -> PodInfo {
    PodInfo(Pod(metadata: ObjectMeta(name: name, namespace: "default", uid: "uid-\(name)"), spec: PodSpec(containers: [], priority: priority)))
}

@Suite struct SchedulingQueueTests {
    let t0 = ContinuousClock.now

    @Test func popsByPriorityThenAge() {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("old-low"), now: t0)
        q.addOrUpdate(queued("high", priority: 100), now: t0 + .seconds(2))
        q.addOrUpdate(queued("new-low"), now: t0 + .seconds(1))
        #expect(q.pop()?.info.name == "high")
        #expect(q.pop()?.info.name == "old-low")
        #expect(q.pop()?.info.name == "new-low")
        #expect(q.pop() == nil)
    }

    @Test func updateReplacesWithoutDuplicating() {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("a"), now: t0)
        q.addOrUpdate(queued("a", priority: 5), now: t0 + .seconds(1))
        #expect(q.activeCount == 1)
        let popped = q.pop()
        #expect(popped?.info.priority == 5)
        #expect(popped?.timestamp == t0)
        #expect(q.pop() == nil)
    }

    @Test func deleteRemovesEverywhere() {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("a"), now: t0)
        q.delete("default/a")
        #expect(q.pop() == nil)
        #expect(!q.contains("default/a"))
    }

    @Test func unschedulablePodWaitsForAnEventThenBacksOff() throws {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("a"), now: t0)
        let popped = q.pop()
        let pod = try #require(popped)
        q.requeueUnschedulable(pod, now: t0)
        #expect(q.unschedulableCount == 1)
        q.flush(now: t0 + .seconds(60))
        #expect(q.pop() == nil, "no event yet: the pod keeps waiting")
        q.moveAllToActiveOrBackoff(now: t0 + .milliseconds(100))
        #expect(q.backoffCount == 1, "within its 1 s backoff the pod goes to the backoff queue")
        #expect(q.pop() == nil)
        q.flush(now: t0 + .seconds(2))
        #expect(q.pop()?.info.name == "a")
    }

    @Test func eventDuringTheCycleSendsTheFailureToBackoff() throws {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("a"), now: t0)
        let popped = q.pop()
        let pod = try #require(popped)
        q.moveAllToActiveOrBackoff(now: t0)  // e.g. a node was added while the pod was being scheduled
        q.requeueUnschedulable(pod, now: t0)
        #expect(q.unschedulableCount == 0)
        #expect(q.backoffCount == 1)
    }

    @Test func unschedulableTimeoutRetries() throws {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("a"), now: t0)
        let popped = q.pop()
        q.requeueUnschedulable(try #require(popped), now: t0)
        q.flush(now: t0 + .seconds(301))
        #expect(q.pop()?.info.name == "a")
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (9, 10)])
    func backoffDoublesUpToTenSeconds(attempts: Int, seconds: Int) {
        #expect(SchedulingQueue().backoffDuration(attempts: attempts) == .seconds(seconds))
    }

    @Test func updatedUnschedulablePodIsRetried() throws {
        var q = SchedulingQueue()
        q.addOrUpdate(queued("a"), now: t0)
        let popped = q.pop()
        q.requeueUnschedulable(try #require(popped), now: t0)
        q.addOrUpdate(queued("a", priority: 1), now: t0 + .seconds(5))
        q.flush(now: t0 + .seconds(5))
        #expect(q.pop()?.info.priority == 1)
    }
}
