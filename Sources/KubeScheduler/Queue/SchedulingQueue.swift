import KubeAPI

/// A pod waiting to be scheduled.
public struct QueuedPod: Sendable {
    /// The pod.
    public var info: PodInfo
    /// When the pod was first queued (ties in priority go to the oldest).
    public var timestamp: ContinuousClock.Instant
    /// Scheduling attempts so far.
    public var attempts: Int = 0
}

/// The scheduling queue of Kubernetes: an active queue ordered by priority then age, a backoff
/// queue for pods that failed recently, and a set of unschedulable pods that wait for a cluster
/// event that could make them fit (or for `unschedulableTimeout`). Pure data: the caller passes
/// the current time, so tests need no clock.
public struct SchedulingQueue {
    private struct HeapEntry {
        let priority: Int
        let timestamp: ContinuousClock.Instant
        let key: String
        let generation: Int
    }

    private var activeHeap = BinaryHeap<HeapEntry> { a, b in
        a.priority != b.priority ? a.priority > b.priority : a.timestamp < b.timestamp
    }
    private var active: [String: (pod: QueuedPod, generation: Int)] = [:]
    private var backoff: [String: (pod: QueuedPod, readyAt: ContinuousClock.Instant)] = [:]
    private var unschedulable: [String: (pod: QueuedPod, since: ContinuousClock.Instant)] = [:]
    private var generation = 0
    /// Bumped by every cluster event that may make pods fit; a pod that failed during a cycle
    /// in which such an event arrived goes to backoff instead of the unschedulable set.
    private var moveRequestCycle = 0
    private var schedulingCycle = 0

    /// First retry delay after a failure.
    public var initialBackoff: Duration = .seconds(1)
    /// Largest retry delay.
    public var maxBackoff: Duration = .seconds(10)
    /// How long a pod stays unschedulable without any event before it is retried.
    public var unschedulableTimeout: Duration = .seconds(300)

    /// An empty queue.
    public init() {}

    /// Pods in the active queue.
    public var activeCount: Int { active.count }
    /// Pods backing off.
    public var backoffCount: Int { backoff.count }
    /// Pods waiting for a cluster event.
    public var unschedulableCount: Int { unschedulable.count }
    /// Whether `key` is queued anywhere.
    public func contains(_ key: String) -> Bool {
        active[key] != nil || backoff[key] != nil || unschedulable[key] != nil
    }

    /// Adds a new pending pod, or updates it where it waits. An updated unschedulable pod is
    /// retried (its change may make it fit), after its backoff.
    public mutating func addOrUpdate(_ info: PodInfo, now: ContinuousClock.Instant) {
        let key = info.key
        if var entry = active[key] {
            entry.pod.info = info
            push(entry.pod)
        } else if var entry = backoff[key] {
            entry.pod.info = info
            backoff[key] = entry
        } else if var entry = unschedulable.removeValue(forKey: key) {
            entry.pod.info = info
            activateOrBackoff(entry.pod, failedAt: entry.since, now: now)
        } else {
            push(QueuedPod(info: info, timestamp: now))
        }
    }

    /// Removes a pod from the queue.
    public mutating func delete(_ key: String) {
        active[key] = nil
        backoff[key] = nil
        unschedulable[key] = nil
    }

    /// Takes the next pod to schedule: highest priority, then oldest.
    public mutating func pop() -> QueuedPod? {
        while let top = activeHeap.pop() {
            guard let entry = active[top.key], entry.generation == top.generation else { continue }
            active[top.key] = nil
            schedulingCycle += 1
            var pod = entry.pod
            pod.attempts += 1
            return pod
        }
        return nil
    }

    /// Returns a pod that no node fits. It waits for a cluster event, unless one arrived while
    /// it was being scheduled, in which case it backs off and is retried.
    public mutating func requeueUnschedulable(_ pod: QueuedPod, now: ContinuousClock.Instant) {
        if moveRequestCycle >= schedulingCycle {
            requeueAfterBackoff(pod, now: now)
        } else {
            unschedulable[pod.info.key] = (pod, now)
        }
    }

    /// Returns a pod whose attempt failed for another reason (binding error); it backs off.
    public mutating func requeueAfterBackoff(_ pod: QueuedPod, now: ContinuousClock.Instant) {
        backoff[pod.info.key] = (pod, now + backoffDuration(attempts: pod.attempts))
    }

    /// A cluster event that may make unschedulable pods fit (node added or changed, pod deleted):
    /// every unschedulable pod moves to the active queue, or to backoff if its backoff has not
    /// expired.
    public mutating func moveAllToActiveOrBackoff(now: ContinuousClock.Instant) {
        moveRequestCycle = schedulingCycle
        for (key, entry) in unschedulable {
            unschedulable[key] = nil
            activateOrBackoff(entry.pod, failedAt: entry.since, now: now)
        }
    }

    /// Puts a pod that failed at `failedAt` in the active queue if its backoff is over, else in
    /// the backoff queue until it is.
    private mutating func activateOrBackoff(_ pod: QueuedPod, failedAt: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        let readyAt = failedAt + backoffDuration(attempts: pod.attempts)
        if now >= readyAt {
            push(pod)
        } else {
            backoff[pod.info.key] = (pod, readyAt)
        }
    }

    /// Moves pods whose backoff has expired to the active queue, and pods unschedulable for longer
    /// than `unschedulableTimeout` too. Returns when the next backoff expires, if any.
    @discardableResult
    public mutating func flush(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var next: ContinuousClock.Instant?
        for (key, entry) in backoff {
            if entry.readyAt <= now {
                backoff[key] = nil
                push(entry.pod)
            } else if next.map({ entry.readyAt < $0 }) ?? true {
                next = entry.readyAt
            }
        }
        for (key, entry) in unschedulable where now - entry.since >= unschedulableTimeout {
            unschedulable[key] = nil
            push(entry.pod)
        }
        return next
    }

    /// The backoff after `attempts` failed attempts: 1 s doubling up to 10 s.
    public func backoffDuration(attempts: Int) -> Duration {
        var d = initialBackoff
        var i = 1
        while i < attempts && d < maxBackoff {
            d = d * 2
            i += 1
        }
        return min(d, maxBackoff)
    }

    private mutating func push(_ pod: QueuedPod) {
        generation += 1
        active[pod.info.key] = (pod, generation)
        activeHeap.push(HeapEntry(priority: pod.info.priority, timestamp: pod.timestamp, key: pod.info.key, generation: generation))
    }
}
