import Foundation
import KubeAPI

extension ProbeManager {
    /// What a worker does next.
    enum Step: Sendable {
        /// Probe with this spec, pod IP and container id.
        case probe(Probe, Container, podIP: String, containerID: String)
        /// Nothing this period (not started yet, on hold).
        case skip
        /// The worker is finished (container gone or replaced, startup passed).
        case stop
    }

    /// Starts the worker loop for one container's probe of kind `kind`: waits out the initial
    /// delay (counted from the container's start), then probes every period until stopped.
    func startWorker(podUID: String, container: String, kind: ProbeKind, generation: Int) -> Task<Void, Never> {
        let clock = self.clock
        let prober = self.prober
        guard let state = pods[podUID]?.containers[container], let worker = state.workers[kind] else {
            return Task {}
        }
        let sinceStart = Duration.seconds(max(0, Date().timeIntervalSince(state.target.startedAt)))
        let delay = worker.timing.initialDelay - sinceStart
        let period = worker.timing.period
        return Task { [weak self] in
            do {
                if delay > .zero { try await clock.sleep(for: delay) }
                while !Task.isCancelled {
                    guard let step = await self?.nextStep(podUID, container, kind, generation) else { return }
                    switch step {
                    case .stop: return
                    case .skip: break
                    case .probe(let probe, let spec, let podIP, let containerID):
                        let outcome = await prober.run(kind, probe, container: spec, containerID: containerID, podIP: podIP)
                        await self?.record(outcome, podUID, container, kind, generation)
                    }
                    try await clock.sleep(for: period)
                }
            } catch {
                return  // cancelled while sleeping
            }
        }
    }

    /// Decides what the worker does this period.
    func nextStep(_ podUID: String, _ container: String, _ kind: ProbeKind, _ generation: Int) -> Step {
        guard let pod = pods[podUID], let state = pod.containers[container], state.generation == generation,
            let worker = state.workers[kind]
        else { return .stop }
        if kind == .startup && worker.current == .success { return .stop }
        if kind != .startup && !state.isStarted { return .skip }
        if worker.onHold { return .stop }
        return .probe(worker.probe, state.target.container, podIP: pod.podIP, containerID: state.target.containerID)
    }

    /// Counts a probe's outcome; publishes a change, and every failure or warning.
    func record(_ outcome: ProbeOutcome, _ podUID: String, _ container: String, _ kind: ProbeKind, _ generation: Int) {
        guard var state = pods[podUID]?.containers[container], state.generation == generation,
            var worker = state.workers[kind]
        else { return }
        let event = { (result: ProbeResult) in
            ProbeEvent(
                podUID: podUID, containerName: container, containerID: state.target.containerID, kind: kind,
                outcome: ProbeOutcome(result: result, message: outcome.message))
        }
        if !outcome.message.isEmpty { unhealthySink.yield(event(outcome.result)) }
        let changed = worker.record(outcome.result)
        state.workers[kind] = worker
        pods[podUID]?.containers[container] = state
        if let changed { resultsSink.yield(event(changed)) }
    }
}
