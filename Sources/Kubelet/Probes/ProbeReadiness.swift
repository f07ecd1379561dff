import Foundation
import KubeAPI
import KubeClient
import Synchronization

/// Connects the probe manager to the pod workers: readiness and startup answered from the
/// probes' results, each synced pod's running containers handed to the manager, liveness and
/// startup failures restarting the container, and failed probe runs recorded as `Unhealthy`
/// events on the pod.
public final class ProbeReadiness: ContainerReadiness {
    /// What is known of one container instance.
    struct Entry: Sendable {
        var containerID: String
        var hasReadiness: Bool
        var hasStartup: Bool
        var ready = false
        var started = false
    }

    let manager: ProbeManager
    /// Pod uid → container name → entry.
    let entries = Mutex<[String: [String: Entry]]>([:])
    /// Pod uid → the pod, for events.
    let pods = Mutex<[String: JSONValue]>([:])

    /// Readiness from `manager`'s probes.
    public init(manager: ProbeManager) {
        self.manager = manager
    }

    public func isReady(podUID: String, container: String, containerID: String) -> Bool {
        entries.withLock { all in
            guard let entry = all[podUID]?[container], entry.containerID == containerID else { return true }
            if entry.hasStartup, !entry.started { return false }
            return entry.hasReadiness ? entry.ready : true
        }
    }

    public func isStarted(podUID: String, container: String, containerID: String) -> Bool {
        entries.withLock { all in
            guard let entry = all[podUID]?[container], entry.containerID == containerID, entry.hasStartup else { return true }
            return entry.started
        }
    }

    public func observe(pod: JSONValue, running: [RunningContainer]) async {
        let uid = pod.uid
        let specs = (pod["spec"]?["containers"]?.arrayValue ?? []) + (pod["spec"]?["initContainers"]?.arrayValue ?? [])
        var targets: [ProbeTarget] = []
        var fresh: [String: Entry] = [:]
        let known = entries.withLock { $0[uid] ?? [:] }
        for container in running {
            guard let spec = specs.first(where: { $0["name"]?.stringValue == container.name }) else { continue }
            let hasReadiness = spec["readinessProbe"] != nil
            let hasStartup = spec["startupProbe"] != nil
            let hasLiveness = spec["livenessProbe"] != nil
            if let old = known[container.name], old.containerID == container.id {
                fresh[container.name] = old
            } else {
                fresh[container.name] = Entry(containerID: container.id, hasReadiness: hasReadiness, hasStartup: hasStartup)
            }
            guard hasReadiness || hasStartup || hasLiveness,
                let target = try? ProbeTarget(name: container.name, containerID: container.id, startedAt: container.startedAt, containerJSON: spec)
            else { continue }
            targets.append(target)
        }
        entries.withLock { $0[uid] = fresh.isEmpty ? nil : fresh }
        pods.withLock { $0[uid] = fresh.isEmpty ? nil : pod }
        let podIP = pod["status"]?["podIP"]?.stringValue ?? ""
        if targets.isEmpty {
            await manager.remove(podUID: uid)
        } else {
            await manager.update(podUID: uid, podIP: podIP, containers: targets)
        }
    }

    /// Applies probe results until cancelled: readiness changes resync the pod, liveness and
    /// startup failures restart the container, failed runs become `Unhealthy` events.
    public func run(kubelet: Kubelet, recorder: EventRecorder) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in self.manager.results {
                    self.entries.withLock { all in
                        guard var entry = all[event.podUID]?[event.containerName], entry.containerID == event.containerID else { return }
                        switch event.kind {
                        case .readiness: entry.ready = event.result == .success
                        case .startup: entry.started = event.result == .success
                        case .liveness: break
                        }
                        all[event.podUID]?[event.containerName] = entry
                    }
                    if event.result == .failure, event.kind == .liveness || event.kind == .startup {
                        await kubelet.livenessFailed(podUID: event.podUID, containerID: event.containerID)
                    }
                    await kubelet.syncPod(podUID: event.podUID)
                }
            }
            group.addTask {
                for await event in self.manager.unhealthy {
                    guard let pod = self.pods.withLock({ $0[event.podUID] }) else { continue }
                    recorder.record(pod, kind: "Pod", type: "Warning", reason: "Unhealthy", message: event.message)
                }
            }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                Task { await self.manager.shutdown() }
            }
        }
    }
}
