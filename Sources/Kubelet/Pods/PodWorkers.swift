import KubeAPI
import KubeClient
import Logging

/// The pod workers: one `PodWorker` per pod uid, created when a pod bound to this node is first
/// seen and ended when the pod is gone and cleaned up. Updates for a finished pod are ignored
/// until the API's delete arrives, so a late update never revives it.
actor PodWorkers {
    private let syncer: PodSyncer
    private let client: KubeClient
    private let logger: Logger
    private var workers: [String: (worker: PodWorker, task: Task<Void, Never>)] = [:]
    private var finished: Set<String> = []

    init(syncer: PodSyncer, client: KubeClient, logger: Logger) {
        self.syncer = syncer
        self.client = client
        self.logger = logger
    }

    /// A pod bound to this node was added or changed.
    func update(_ pod: JSONValue) async {
        let uid = pod.uid
        guard !uid.isEmpty, !finished.contains(uid) else { return }
        if let existing = workers[uid] {
            await existing.worker.update(pod)
            return
        }
        let worker = PodWorker(pod: pod, syncer: syncer, client: client, resync: syncer.configuration.podResyncPeriod)
        let task = Task {
            await worker.run()
            await self.ended(uid)
        }
        workers[uid] = (worker, task)
    }

    /// A pod left this node's view (deleted from the API).
    func removed(_ pod: JSONValue) async {
        let uid = pod.uid
        if let existing = workers[uid] {
            await existing.worker.removed()
        } else {
            finished.remove(uid)
        }
    }

    private func ended(_ uid: String) {
        workers[uid] = nil
        finished.insert(uid)
        if finished.count > 10_000 { finished.removeAll() }
    }

    /// Wakes the workers of `uids` (their runtime state changed).
    func poke(_ uids: [String]) async {
        for uid in uids { await workers[uid]?.worker.poke() }
    }

    /// The uids that have a worker.
    var active: Set<String> { Set(workers.keys) }

    /// Whether pod `uid` was finished here.
    func isFinished(_ uid: String) -> Bool { finished.contains(uid) }

    /// Hands a failed liveness probe to the pod's worker.
    func livenessFailed(podUID: String, containerID: String) async {
        await workers[podUID]?.worker.livenessFailed(containerID: containerID)
    }

    /// Cancels every worker.
    func shutdown() {
        for (_, w) in workers { w.task.cancel() }
    }
}
