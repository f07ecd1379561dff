import Foundation
import KubeAPI
import KubeClient
import KubeRuntime

/// One pod's worker: serialises everything done to the pod. Updates from the API, runtime
/// changes and timers only wake it; each time it runs the action its `PodWorkerState` names
/// against the newest pod it has seen, until the pod is gone and cleaned up.
actor PodWorker {
    let uid: String
    private let syncer: PodSyncer
    private let client: KubeClient
    private var pod: JSONValue
    private var state = PodWorkerState()
    private var memory: PodWorkerMemory
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private var timer: Task<Void, Never>?
    /// What of the pod a sync depends on (status changes alone do not wake the worker).
    private var lastFingerprint: JSONValue?
    private let resync: Duration

    init(pod: JSONValue, syncer: PodSyncer, client: KubeClient, resync: Duration) {
        uid = pod.uid
        self.pod = pod
        self.syncer = syncer
        self.client = client
        self.resync = resync
        memory = PodWorkerMemory(
            initialBackoff: syncer.configuration.crashLoopInitialBackoff, maxBackoff: syncer.configuration.crashLoopMaxBackoff)
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        state.receive(.pod(pod))
        wake.yield()
    }

    /// How long one sync may take before it is logged as slow (an image pull can make it so).
    static let slowSync: Duration = .seconds(20)

    /// The fields of a pod a sync reads, besides its status.
    static func fingerprint(_ pod: JSONValue) -> JSONValue {
        [
            "spec": pod["spec"] ?? nil, "deletionTimestamp": pod["metadata"]?["deletionTimestamp"] ?? nil,
            "deletionGracePeriodSeconds": pod["metadata"]?["deletionGracePeriodSeconds"] ?? nil,
            "labels": pod["metadata"]?["labels"] ?? nil, "annotations": pod["metadata"]?["annotations"] ?? nil,
        ]
    }

    /// The pod changed in the API.
    func update(_ newPod: JSONValue) {
        pod = newPod
        state.receive(.pod(newPod))
        let fingerprint = Self.fingerprint(newPod)
        guard fingerprint != lastFingerprint else { return }
        wake.yield()
    }

    /// The pod is gone from the API.
    func removed() {
        state.receive(.removed)
        wake.yield()
    }

    /// Something in the runtime changed for this pod (a container exited), or a probe asks.
    func poke() { wake.yield() }

    /// Stops the container `containerID` because its liveness probe failed; the next sync
    /// restarts it as the restartPolicy says.
    func livenessFailed(containerID: String) async {
        guard let container = try? await syncer.runtime.containerStatus(containerID), container.state == .running else { return }
        let spec = try? KubeClient.decode(Pod.self, from: pod).spec
        await syncer.kill(
            container, spec: spec, pod: pod, grace: PodWorkerState.gracePeriod(pod),
            message: "Container \(container.config.name) failed liveness probe, will be restarted", event: syncer.eventSink(pod))
        wake.yield()
    }

    /// Runs until the pod is finished (or the task is cancelled).
    func run() async {
        for await _ in wakeups {
            if Task.isCancelled { break }
            if await step() { break }
        }
        timer?.cancel()
        wake.finish()
    }

    /// Runs actions until the state machine waits; true when the worker is done.
    private func step() async -> Bool {
        while let action = state.next() {
            switch action {
            case .sync:
                lastFingerprint = Self.fingerprint(pod)
                var working = memory
                let started = ContinuousClock.now
                let after = await syncer.sync(pod, memory: &working)
                if ContinuousClock.now - started > Self.slowSync {
                    syncer.logger.warning("sync of pod \(pod.namespace)/\(pod.name) took \(ContinuousClock.now - started)")
                }
                memory = working
                state.completed(.sync)
                schedule(after ?? resync)
                return false
            case .terminate(let grace):
                var working = memory
                await syncer.terminate(pod, grace: grace, inAPI: state.inAPI, memory: &working)
                memory = working
                state.completed(action)
            case .deleteFromAPI:
                if await syncer.deleteFromAPI(pod, client: client) {
                    state.completed(action)
                } else {
                    schedule(.seconds(1))
                    return false
                }
            case .finish:
                state.completed(action)
                await syncer.statuses.forget(uid)
                return true
            }
        }
        return false
    }

    private func schedule(_ after: Duration) {
        timer?.cancel()
        let wake = wake
        if after == .zero {
            wake.yield()
            return
        }
        timer = Task {
            try? await Task.sleep(for: after)
            if !Task.isCancelled { wake.yield() }
        }
    }
}
