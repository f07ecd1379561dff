import Foundation
import KubeAPI
import KubeRuntime

/// A container the sync should start now.
struct ContainerStart: Sendable, Hashable {
    /// The container's name and whether it is an init container.
    var name: String
    var isInit: Bool
    /// Its restart attempt (the status's restartCount once it runs).
    var attempt: Int
    /// The run it replaces in the same sandbox, when that one failed or finished: crash-loop
    /// backoff counts from its finish.
    var previousStartedAt: Date?
    var previousFinishedAt: Date?
}

/// What one sync of a running pod must do, decided from its spec and what the runtime holds (the
/// kubelet's `computePodActions`). Pure.
struct PodSyncPlan: Sendable, Hashable {
    /// Create a (new) sandbox with this attempt number, first stopping `killContainers`.
    var createSandbox = false
    var sandboxAttempt = 0
    /// Live containers to stop: those of a sandbox being replaced, and those the spec no longer names.
    var killContainers: [String] = []
    /// Containers to start, in order: one init container, or the app containers.
    var start: [ContainerStart] = []
    /// Every init container has succeeded.
    var initialized = false
    /// An init container failed and restartPolicy is Never: the pod has failed.
    var initFailed = false

    /// Whether `policy` restarts a container that exited with `exitCode`.
    static func shouldRestart(policy: String, exitCode: Int32?) -> Bool {
        switch policy {
        case "Never": return false
        case "OnFailure": return (exitCode ?? 1) != 0
        default: return true
        }
    }

    /// The plan for `spec` given `view`; a `terminal` pod (Succeeded or Failed) only has its
    /// live containers stopped.
    static func make(spec: PodSpec, view: PodRuntimeView, terminal: Bool) -> PodSyncPlan {
        var plan = PodSyncPlan()
        let policy = spec.restartPolicy ?? "Always"
        let names = Set((spec.initContainers ?? []).map(\.name) + spec.containers.map(\.name))
        if terminal {
            plan.killContainers = view.live.map(\.id)
            plan.initialized = true
            return plan
        }
        var current: [KubeRuntime.ContainerStatus]
        if let sandbox = view.sandbox, sandbox.state == .ready {
            current = view.containers.filter { $0.sandboxID == sandbox.id }
            plan.killContainers = view.live.filter { $0.sandboxID != sandbox.id || !names.contains($0.config.name) }.map(\.id)
        } else {
            if view.sandbox != nil, policy == "Never", spec.containers.allSatisfy({ view.latest($0.name) != nil }) {
                plan.killContainers = view.live.map(\.id)
                plan.initialized = true
                return plan
            }
            plan.createSandbox = true
            plan.sandboxAttempt = view.sandbox.map { $0.config.attempt + 1 } ?? 0
            plan.killContainers = view.live.map(\.id)
            current = []
        }
        func latestCurrent(_ name: String) -> KubeRuntime.ContainerStatus? { current.last { $0.config.name == name } }
        func nextAttempt(_ name: String) -> Int { view.latest(name).map { $0.config.attempt + 1 } ?? 0 }

        // Init containers run one at a time, each to completion; a sidecar (an init container
        // with restartPolicy Always) only has to be running for the next one to start, and is
        // restarted whenever it exits.
        var starts: [ContainerStart] = []
        func restart(_ instance: KubeRuntime.ContainerStatus, isInit: Bool) -> ContainerStart {
            ContainerStart(
                name: instance.config.name, isInit: isInit, attempt: instance.config.attempt + 1,
                previousStartedAt: instance.startedAt, previousFinishedAt: instance.finishedAt ?? instance.createdAt)
        }
        for container in spec.initContainers ?? [] {
            let sidecar = container.restartPolicy == "Always"
            guard let instance = latestCurrent(container.name) else {
                plan.start = starts + [ContainerStart(name: container.name, isInit: true, attempt: nextAttempt(container.name))]
                return plan
            }
            switch instance.state {
            case .running where sidecar:
                continue
            case .created where instance.startedAt == nil:
                // Its start failed: it is removed and tried again (with backoff) as a failure.
                plan.killContainers.append(instance.id)
                if sidecar || policy != "Never" { plan.start = starts + [restart(instance, isInit: true)] } else { plan.initFailed = true }
                return plan
            case .running, .created, .unknown:
                plan.start = starts
                return plan
            case .exited:
                if sidecar {
                    starts.append(restart(instance, isInit: true))
                    continue
                }
                if instance.exitCode == 0 { continue }
                if policy == "Never" {
                    plan.initFailed = true
                    return plan
                }
                plan.start = starts + [restart(instance, isInit: true)]
                return plan
            }
        }
        plan.start = starts
        plan.initialized = true
        for container in spec.containers {
            guard let instance = latestCurrent(container.name) else {
                plan.start.append(ContainerStart(name: container.name, isInit: false, attempt: nextAttempt(container.name)))
                continue
            }
            let failedStart = instance.state == .created && instance.startedAt == nil
            if failedStart { plan.killContainers.append(instance.id) }
            guard instance.state == .exited || failedStart, shouldRestart(policy: policy, exitCode: instance.exitCode) else { continue }
            plan.start.append(restart(instance, isInit: false))
        }
        return plan
    }
}
