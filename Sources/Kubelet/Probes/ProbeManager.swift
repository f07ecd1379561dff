import Foundation
import KubeAPI

/// Runs the probes of every running container, as Kubernetes' prober manager does: one worker
/// per container and probe kind, probing every `periodSeconds` once `initialDelaySeconds` have
/// passed since the container started, and changing the container's result only after
/// `failureThreshold` consecutive failures or `successThreshold` consecutive successes.
///
/// Until the startup probe succeeds, liveness and readiness are not probed. Readiness starts
/// false (true when the container has no readiness probe); liveness starts passing; a container
/// with a startup probe is not started until it passes. After a liveness or startup failure the
/// worker holds until the container is replaced (a new container id starts fresh state).
///
/// Changes are published on `results`; `isReady` and `isStarted` answer the current state.
public actor ProbeManager {
    /// Result changes, in order. Only changes are sent (not every probe run).
    public nonisolated let results: AsyncStream<ProbeEvent>
    /// Every failed probe run (and every warning), with its message: what Kubernetes records as
    /// `Unhealthy` events. Keeps the newest 256 when nobody reads.
    public nonisolated let unhealthy: AsyncStream<ProbeEvent>

    let prober: Prober
    let clock: any Clock<Duration>
    let resultsSink: AsyncStream<ProbeEvent>.Continuation
    let unhealthySink: AsyncStream<ProbeEvent>.Continuation
    var pods: [String: PodProbes] = [:]
    var nextGeneration = 0

    /// A manager running probes with `prober`, timing them with `clock`.
    public init(prober: Prober, clock: any Clock<Duration> = ContinuousClock()) {
        self.prober = prober
        self.clock = clock
        (results, resultsSink) = AsyncStream.makeStream(of: ProbeEvent.self)
        (unhealthy, unhealthySink) = AsyncStream.makeStream(of: ProbeEvent.self, bufferingPolicy: .bufferingNewest(256))
    }

    /// Sets the running containers of pod `podUID` (at `podIP`): starts workers for new containers
    /// (or new container ids, with fresh state), stops those of containers no longer listed.
    public func update(podUID: String, podIP: String, containers: [ProbeTarget]) {
        var pod = pods[podUID] ?? PodProbes()
        pod.podIP = podIP
        let listed = Set(containers.map(\.name))
        for (name, state) in pod.containers where !listed.contains(name) {
            state.stop()
            pod.containers[name] = nil
        }
        for target in containers {
            if let existing = pod.containers[target.name], existing.target.containerID == target.containerID {
                pod.containers[target.name]?.target = target
                continue
            }
            pod.containers[target.name]?.stop()
            nextGeneration += 1
            var state = ContainerProbes(target: target, generation: nextGeneration)
            for kind in ProbeKind.allCases {
                guard let probe = kind.probe(of: target.container) else { continue }
                state.workers[kind] = WorkerState(kind: kind, probe: probe)
            }
            pod.containers[target.name] = state
        }
        pods[podUID] = pod
        for target in containers {
            guard var state = pods[podUID]?.containers[target.name], state.tasks.isEmpty else { continue }
            for kind in state.workers.keys {
                state.tasks.append(startWorker(podUID: podUID, container: target.name, kind: kind, generation: state.generation))
            }
            pods[podUID]?.containers[target.name] = state
        }
    }

    /// Stops every worker of pod `podUID` and forgets its results.
    public func remove(podUID: String) {
        pods[podUID]?.containers.values.forEach { $0.stop() }
        pods[podUID] = nil
    }

    /// Stops every worker and ends the streams.
    public func shutdown() {
        for pod in pods.values { pod.containers.values.forEach { $0.stop() } }
        pods = [:]
        resultsSink.finish()
        unhealthySink.finish()
    }

    /// Whether the container passes its readiness probe (true when it has none), and has started.
    /// False for a container the manager does not know.
    public func isReady(podUID: String, container: String) -> Bool {
        guard let state = pods[podUID]?.containers[container], state.isStarted else { return false }
        guard let readiness = state.workers[.readiness] else { return true }
        return readiness.current == .success
    }

    /// Whether the container has passed its startup probe (true when it has none). False for a
    /// container the manager does not know.
    public func isStarted(podUID: String, container: String) -> Bool {
        pods[podUID]?.containers[container]?.isStarted ?? false
    }

    /// Whether the container's liveness probe is failing (the kubelet should restart it).
    public func isLivenessFailing(podUID: String, container: String) -> Bool {
        pods[podUID]?.containers[container]?.workers[.liveness]?.current == .failure
    }
}

/// The probe state of one pod.
struct PodProbes {
    var podIP = ""
    var containers: [String: ContainerProbes] = [:]
}

/// The probe state of one container (one container id).
struct ContainerProbes {
    var target: ProbeTarget
    /// Distinguishes this container id's workers from earlier ones of the same name.
    var generation: Int
    var workers: [ProbeKind: WorkerState] = [:]
    var tasks: [Task<Void, Never>] = []

    /// True when there is no startup probe or it has passed.
    var isStarted: Bool {
        guard let startup = workers[.startup] else { return true }
        return startup.current == .success
    }

    func stop() { tasks.forEach { $0.cancel() } }
}

/// One worker's state: the result it has set and the run of equal results behind it.
struct WorkerState {
    var kind: ProbeKind
    var probe: Probe
    var timing: ProbeTiming
    /// The result after thresholds; nil until the startup probe has decided.
    var current: ProbeResult?
    var lastResult: ProbeResult?
    var resultRun = 0
    /// After a liveness or startup failure: no more probing until the container is replaced.
    var onHold = false

    init(kind: ProbeKind, probe: Probe) {
        self.kind = kind
        self.probe = probe
        timing = ProbeTiming(probe)
        switch kind {
        case .readiness: current = .failure
        case .liveness: current = .success
        case .startup: current = nil
        }
    }

    /// Counts `result` into the run and returns it when it crosses its threshold and changes
    /// what is set; nil when nothing changes.
    mutating func record(_ result: ProbeResult) -> ProbeResult? {
        if lastResult == result {
            resultRun += 1
        } else {
            lastResult = result
            resultRun = 1
        }
        let threshold = result == .failure ? timing.failureThreshold : timing.successThreshold
        guard resultRun >= threshold else { return nil }
        if result == .failure && kind != .readiness {
            onHold = true
            resultRun = 0
        }
        guard current != result else { return nil }
        current = result
        return result
    }
}
