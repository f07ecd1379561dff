import KubeAPI

extension PodStatusBuilder {
    /// The condition types the kubelet owns, in the order it writes them.
    static let ownedConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"]

    /// PodReadyToStartContainers, Initialized, Ready and ContainersReady with Kubernetes' reasons
    /// and messages, then the conditions others own (PodScheduled, DisruptionTarget, ...) as they
    /// were. A condition keeps its lastTransitionTime while its status stays the same.
    static func conditions(
        _ input: PodStatusInputs, old: JSONValue, initStatuses: [JSONValue], appStatuses: [JSONValue], terminal: Bool
    ) -> [JSONValue] {
        let previous = old["conditions"]?.arrayValue ?? []
        func condition(_ type: String, _ ok: Bool, reason: String? = nil, message: String? = nil) -> JSONValue {
            let status = ok ? "True" : "False"
            var c: JSONValue = ["type": .string(type), "status": .string(status), "lastProbeTime": nil]
            let prior = previous.first { $0["type"]?.stringValue == type }
            if let prior, prior["status"]?.stringValue == status, let since = prior["lastTransitionTime"] {
                c["lastTransitionTime"] = since
            } else {
                c["lastTransitionTime"] = .string(input.now)
            }
            if let reason { c["reason"] = .string(reason) }
            if let message { c["message"] = .string(message) }
            return c
        }
        let sidecars = Set((input.spec.initContainers ?? []).filter { $0.restartPolicy == "Always" }.map(\.name))
        let incompleteInit = initStatuses.filter { status in
            if sidecars.contains(status["name"]?.stringValue ?? "") { return status["started"]?.boolValue != true }
            return status["state"]?["terminated"]?["exitCode"]?.intValue != 0
        }.compactMap { $0["name"]?.stringValue }
        let unready = appStatuses.filter { $0["ready"]?.boolValue != true }.compactMap { $0["name"]?.stringValue }
        var result: [JSONValue] = [condition("PodReadyToStartContainers", input.sandboxReady && !terminal)]
        if terminal {
            result.append(condition("Initialized", true, reason: "PodCompleted"))
            result.append(condition("Ready", false, reason: "PodCompleted"))
            result.append(condition("ContainersReady", false, reason: "PodCompleted"))
        } else {
            let initialized = input.initialized && incompleteInit.isEmpty
            let initMessage = "containers with incomplete status: [\(incompleteInit.joined(separator: " "))]"
            result.append(initialized ? condition("Initialized", true) : condition("Initialized", false, reason: "ContainersNotInitialized", message: initMessage))
            let message = "containers with unready status: [\(unready.joined(separator: " "))]"
            let ready = unready.isEmpty && initialized
            result.append(ready ? condition("Ready", true) : condition("Ready", false, reason: "ContainersNotReady", message: message))
            result.append(ready ? condition("ContainersReady", true) : condition("ContainersReady", false, reason: "ContainersNotReady", message: message))
        }
        for c in previous where !ownedConditions.contains(c["type"]?.stringValue ?? "") { result.append(c) }
        return result
    }
}
