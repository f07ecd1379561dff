import Foundation
import KubeAPI
import KubeRuntime

/// Everything a pod's status is computed from.
struct PodStatusInputs: Sendable {
    var pod: JSONValue
    var spec: PodSpec
    var view: PodRuntimeView
    /// Why containers wait, as the last sync found (CrashLoopBackOff, ErrImagePull, ...).
    var waiting: [String: ContainerWaiting]
    var podIPs: [String]
    var hostIPs: [String]
    /// Whether the sandbox is up with its network.
    var sandboxReady: Bool
    /// The sync's plan: init containers done, or failed under restartPolicy Never.
    var initialized: Bool
    var initFailed: Bool
    var readiness: any ContainerReadiness
    /// `runc` in `runc://<id>`.
    var runtimeScheme: String
    var now: String
}

/// Builds a pod's status the way the kubelet's `generateAPIPodStatus` does: container statuses
/// with state, lastState, restartCount, ready and started; the phase by `getPhase`'s rules; the
/// pod conditions; addresses, startTime and qosClass. Pure.
enum PodStatusBuilder {
    static func build(_ input: PodStatusInputs) -> JSONValue {
        let old = input.pod["status"] ?? [:]
        let policy = input.spec.restartPolicy ?? "Always"
        let oldPhase = old["phase"]?.stringValue ?? "Pending"
        let alreadyTerminal = oldPhase == "Succeeded" || oldPhase == "Failed"
        let initStatuses = (input.spec.initContainers ?? []).map { containerStatus($0, isInit: true, input, policy: policy, terminal: alreadyTerminal) }
        let appStatuses = input.spec.containers.map { containerStatus($0, isInit: false, input, policy: policy, terminal: alreadyTerminal) }
        var phase = alreadyTerminal ? oldPhase : self.phase(appStatuses, input: input, policy: policy)
        if input.spec.containers.isEmpty { phase = "Pending" }
        let terminal = phase == "Succeeded" || phase == "Failed"

        var status = JSONValue.object(JSONObject())
        status["phase"] = .string(phase)
        status["conditions"] = .array(conditions(input, old: old, initStatuses: initStatuses, appStatuses: appStatuses, terminal: terminal))
        if let hostIP = input.hostIPs.first {
            status["hostIP"] = .string(hostIP)
            status["hostIPs"] = .array(input.hostIPs.map { ["ip": .string($0)] })
        }
        let podIPs = input.spec.hostNetwork == true ? input.hostIPs : input.podIPs
        if let podIP = podIPs.first {
            status["podIP"] = .string(podIP)
            status["podIPs"] = .array(podIPs.map { ["ip": .string($0)] })
        }
        status["startTime"] = old["startTime"] ?? .string(input.now)
        if !initStatuses.isEmpty { status["initContainerStatuses"] = .array(initStatuses) }
        status["containerStatuses"] = .array(appStatuses)
        status["qosClass"] = .string(QOSClass.of(input.spec).rawValue)
        if alreadyTerminal {
            for key in ["reason", "message"] { if let kept = old[key] { status[key] = kept } }
        }
        return status
    }

    /// Kubernetes' `getPhase` over the built app container statuses.
    static func phase(_ statuses: [JSONValue], input: PodStatusInputs, policy: String) -> String {
        if input.initFailed { return "Failed" }
        if !input.initialized { return "Pending" }
        var running = 0, waiting = 0, stopped = 0, succeeded = 0
        for status in statuses {
            let state = status["state"]
            if state?["running"] != nil {
                running += 1
            } else if let terminated = state?["terminated"] {
                stopped += 1
                if terminated["exitCode"]?.intValue == 0 { succeeded += 1 }
            } else if status["lastState"]?["terminated"] != nil {
                stopped += 1
            } else {
                waiting += 1
            }
        }
        if waiting > 0 { return "Pending" }
        if running > 0 { return "Running" }
        if stopped > 0 {
            if policy == "Always" { return "Running" }
            if stopped == succeeded { return "Succeeded" }
            if policy == "Never" { return "Failed" }
            return "Running"
        }
        return "Pending"
    }

    static func containerStatus(_ container: Container, isInit: Bool, _ input: PodStatusInputs, policy: String, terminal: Bool) -> JSONValue {
        let latest = input.view.latest(container.name)
        let previous = input.view.previous(container.name)
        // A finished pod whose containers are gone from the runtime keeps their last status.
        if latest == nil, terminal, let kept = oldStatus(of: container.name, isInit: isInit, input) { return kept }
        var status: JSONValue = [
            "name": .string(container.name), "image": .string(container.image ?? ""), "imageID": "",
            "restartCount": .int(latest?.config.attempt ?? 0), "ready": false, "started": false,
        ]
        if let latest {
            status["containerID"] = .string("\(input.runtimeScheme)://\(latest.id)")
            status["image"] = .string(latest.config.image)
            status["imageID"] = .string(latest.config.annotations[RuntimeLabels.imageRef] ?? latest.config.imageID)
        }
        if let previous, previous.state == .exited { status["lastState"] = ["terminated": terminated(previous, input.runtimeScheme)] }
        let defaultReason = isInit || !input.initialized ? "PodInitializing" : "ContainerCreating"
        switch latest?.state {
        case nil, .created?, .unknown?:
            let w = input.waiting[container.name] ?? ContainerWaiting(defaultReason, "")
            status["state"] = ["waiting": waitingJSON(w)]
        case .running?:
            status["state"] = ["running": ["startedAt": .string(latest?.startedAt.map(Timestamp.format) ?? input.now)]]
            let id = latest?.id ?? ""
            status["started"] = .bool(input.readiness.isStarted(podUID: input.pod.uid, container: container.name, containerID: id))
            if !isInit || container.restartPolicy == "Always" {
                status["ready"] = .bool(input.readiness.isReady(podUID: input.pod.uid, container: container.name, containerID: id))
            }
        case .exited?:
            guard let latest else { break }
            let sidecar = isInit && container.restartPolicy == "Always"
            let restarts = !terminal && (sidecar || (isInit ? latest.exitCode != 0 && policy != "Never" : PodSyncPlan.shouldRestart(policy: policy, exitCode: latest.exitCode)))
            if restarts, let w = input.waiting[container.name] {
                status["state"] = ["waiting": waitingJSON(w)]
                status["lastState"] = ["terminated": terminated(latest, input.runtimeScheme)]
            } else {
                status["state"] = ["terminated": terminated(latest, input.runtimeScheme)]
                if isInit && latest.exitCode == 0 { status["ready"] = true }
            }
        }
        return status
    }

    /// The status of container `name` in the pod's current status.
    static func oldStatus(of name: String, isInit: Bool, _ input: PodStatusInputs) -> JSONValue? {
        input.pod["status"]?[isInit ? "initContainerStatuses" : "containerStatuses"]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    static func waitingJSON(_ w: ContainerWaiting) -> JSONValue {
        var o: JSONValue = ["reason": .string(w.reason)]
        if !w.message.isEmpty { o["message"] = .string(w.message) }
        return o
    }

    static func terminated(_ c: KubeRuntime.ContainerStatus, _ scheme: String) -> JSONValue {
        let code = c.exitCode ?? 0
        var o: JSONValue = [
            "exitCode": .int(code), "reason": .string(c.reason ?? (code == 0 ? "Completed" : "Error")),
            "containerID": .string("\(scheme)://\(c.id)"),
        ]
        if let m = c.message, !m.isEmpty { o["message"] = .string(m) }
        o["startedAt"] = c.startedAt.map { .string(Timestamp.format($0)) } ?? .null
        o["finishedAt"] = c.finishedAt.map { .string(Timestamp.format($0)) } ?? .null
        return o
    }
}
