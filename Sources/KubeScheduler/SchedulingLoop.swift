import KubeAPI
import KubeClient
import Logging

/// The scheduler's serial loop and the state only it touches: the cache, the queue and the
/// profile. Applies informer events between cycles, then schedules one pod at a time.
final class SchedulingLoop {
    let scheduler: Scheduler
    let cache = SchedulerCache()
    var queue = SchedulingQueue()
    let profile: SchedulingProfile
    /// The last PodScheduled=False message written per pod, so unchanged ones are not rewritten.
    var lastFailure: [String: String] = [:]
    /// Pods nominated to a node by preemption, by pod key.
    var nominated: [String: String] = [:]

    init(scheduler: Scheduler) {
        self.scheduler = scheduler
        profile = SchedulingProfile(
            schedulerName: scheduler.configuration.schedulerName, plugins: PluginRegistry.defaultPlugins(),
            weights: PluginRegistry.defaultWeights,
            percentageOfNodesToScore: scheduler.configuration.percentageOfNodesToScore)
    }

    func run() async {
        var lastFlush = ContinuousClock.now
        while !Task.isCancelled {
            apply(scheduler.drainInbox())
            let now = ContinuousClock.now
            if now - lastFlush >= .milliseconds(100) {
                queue.flush(now: now)
                lastFlush = now
            }
            if let pod = queue.pop() {
                scheduleOne(pod)
                continue
            }
            let next = queue.flush(now: .now)
            let timeout = next.map { min(max($0 - .now, .milliseconds(1)), .seconds(1)) } ?? .seconds(1)
            await scheduler.wakeup.wait(timeout: timeout)
        }
    }

    func apply(_ events: [SchedulerEvent]) {
        guard !events.isEmpty else { return }
        let now = ContinuousClock.now
        var clusterChanged = false
        for event in events {
            switch event {
            case .podUpserted(let info, let nodeName):
                if let nodeName {
                    queue.delete(info.key)
                    unnominate(info.key)
                    lastFailure[info.key] = nil
                    cache.place(info, on: nodeName)
                } else if cache.assumed.contains(info.key) && nominated[info.key] == nil {
                    continue  // bound by us; the informer has not seen the binding yet
                } else {
                    queue.addOrUpdate(info, now: now)
                }
            case .podAssigned(let key, let nodeName, let object):
                queue.delete(key)
                unnominate(key)
                lastFailure[key] = nil
                if cache.assumed.contains(key), cache.nodeName(ofPod: key) == nodeName {
                    cache.confirm(key: key)
                } else if let pod = try? scheduler.podDecoder.decode(object) {
                    cache.place(PodInfo(pod), on: nodeName)
                }
            case .podDeleted(let key, let wasAssigned):
                queue.delete(key)
                unnominate(key)
                lastFailure[key] = nil
                if wasAssigned || cache.nodeName(ofPod: key) != nil {
                    cache.removePod(key: key)
                    clusterChanged = true
                }
            case .nodeUpserted(let node):
                cache.upsert(node: node)
                clusterChanged = true
            case .nodeDeleted(let name):
                cache.remove(nodeNamed: name)
            case .namespaceUpserted(let name, let labels):
                cache.snapshot.namespaceLabels[name] = labels
            case .bindFailed(let pod, let message):
                scheduler.logger.info("binding \(pod.info.key) failed: \(message)")
                scheduler.recorder.record(
                    Self.reference(pod.info), kind: "Pod", type: "Warning", reason: "FailedScheduling",
                    message: "Binding rejected: \(message)")
                cache.forget(key: pod.info.key)
                queue.requeueAfterBackoff(pod, now: now)
                clusterChanged = true
            }
        }
        if clusterChanged { queue.moveAllToActiveOrBackoff(now: now) }
    }

    /// One scheduling cycle for `pod`.
    func scheduleOne(_ pod: QueuedPod) {
        unnominate(pod.info.key)
        do {
            let result = try profile.schedule(pod.info, in: cache.snapshot)
            cache.assume(pod.info, on: result.nodeName)
            bind(pod, to: result.nodeName)
        } catch {
            var fitError = error
            if scheduler.configuration.preemption {
                preempt(pod, &fitError)
            }
            recordFailure(pod, fitError)
            queue.requeueUnschedulable(pod, now: .now)
        }
    }

    /// Removes a nomination's reservation of node resources.
    func unnominate(_ key: String) {
        guard nominated.removeValue(forKey: key) != nil else { return }
        cache.forget(key: key)
    }
}
