import Foundation
import KubeAPI
import KubeClient
import KubeRuntime

extension PodSyncer {
    /// The kubelet's TerminatePod and cleanup: stops every container at once (preStop, SIGTERM,
    /// SIGKILL after `grace` seconds), writes the final status while the pod is in the API,
    /// tears down the network, removes the sandboxes and the pod's volumes.
    func terminate(_ pod: JSONValue, grace: Int, inAPI: Bool, memory: inout PodWorkerMemory) async {
        let uid = pod.uid
        let event = eventSink(pod)
        let spec = try? KubeClient.decode(Pod.self, from: pod).spec
        guard var view = try? await view(uid) else {
            logger.warning("listing runtime state for \(pod.name) while terminating")
            return
        }
        let live = view.live
        await withTaskGroup(of: Void.self) { group in
            for container in live {
                group.addTask {
                    await kill(container, spec: spec, pod: pod, grace: grace, message: "Stopping container \(container.config.name)", event: event)
                }
            }
        }
        await observeRunning(pod, view: PodRuntimeView(), memory: memory)
        await stopSandboxes(view, memory: &memory)
        if inAPI, let spec, let fresh = try? await self.view(uid) {
            view = fresh
            let oldStatus = await statuses.last(uid) ?? pod["status"]
            let plan = PodSyncPlan.make(spec: spec, view: view, terminal: true)
            var status = buildStatus(pod, oldStatus: oldStatus, spec: spec, view: view, plan: plan, memory: memory)
            status = Self.terminatedStatus(status)
            await statuses.set(pod, status: status)
        }
        for sandbox in view.sandboxes {
            do { try await runtime.removePodSandbox(sandbox.id) } catch { logger.warning("removing sandbox \(sandbox.id): \(error)") }
        }
        volumes.tearDown(uid: uid)
        try? FileManager.default.removeItem(atPath: PodNames.logDirectory(pod, root: configuration.podLogsDirectory))
        await puller.forget(podUID: uid)
    }

    /// A stopped pod's status: containers not ready, PodReadyToStartContainers False.
    static func terminatedStatus(_ status: JSONValue) -> JSONValue {
        var status = status
        for key in ["containerStatuses", "initContainerStatuses"] {
            guard let list = status[key]?.arrayValue else { continue }
            status[key] = .array(list.map { c in
                var c = c
                c["ready"] = false
                c["started"] = false
                return c
            })
        }
        status["conditions"] = .array((status["conditions"]?.arrayValue ?? []).map { c in
            var c = c
            if ["PodReadyToStartContainers", "Ready", "ContainersReady"].contains(c["type"]?.stringValue ?? ""),
                c["status"]?.stringValue == "True"
            {
                c["status"] = "False"
            }
            return c
        })
        return status
    }

    /// Deletes the pod from the API with grace 0 and its uid as precondition; true when it is
    /// gone (or was replaced by a pod of the same name).
    func deleteFromAPI(_ pod: JSONValue, client: KubeClient) async -> Bool {
        do {
            try await client.delete(.pods, namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0, preconditionUID: pod.uid)
            return true
        } catch let error as ClientError where error.code == 404 || error.code == 409 {
            return true
        } catch {
            logger.warning("deleting pod \(pod.namespace)/\(pod.name): \(error)")
            return false
        }
    }
}
