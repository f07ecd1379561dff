import KubeAPI

/// The status a hollow node reports for a pod it "runs": every container started and ready.
public enum HollowPodStatus {
    /// The status of `pod` running on a node with address `hostIP`, with pod address `podIP`.
    public static func running(_ pod: JSONValue, podIP: String?, hostIP: String, now: String) -> JSONValue {
        let uid = pod["metadata"]?["uid"]?.stringValue ?? ""
        func containerStatus(_ c: JSONValue, running: Bool) -> JSONValue {
            let name = c["name"]?.stringValue ?? ""
            let image = c["image"]?.stringValue ?? ""
            let state: JSONValue = running
                ? ["running": ["startedAt": .string(now)]]
                : ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": .string(now), "finishedAt": .string(now)]]
            return [
                "name": .string(name), "image": .string(image), "imageID": .string("hollow://\(image)"),
                "containerID": .string("hollow://\(uid)/\(name)"), "ready": .bool(running), "started": .bool(running),
                "restartCount": 0, "state": state,
            ]
        }
        let containers = pod["spec"]?["containers"]?.arrayValue ?? []
        let initContainers = pod["spec"]?["initContainers"]?.arrayValue ?? []
        var conditions: [JSONValue] = []
        for type in ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"] {
            conditions.append(["type": .string(type), "status": "True", "lastProbeTime": nil, "lastTransitionTime": .string(now)])
        }
        var status: JSONValue = [
            "phase": "Running", "conditions": .array(conditions), "hostIP": .string(hostIP),
            "hostIPs": [["ip": .string(hostIP)]], "startTime": .string(now),
            "containerStatuses": .array(containers.map { containerStatus($0, running: true) }),
        ]
        if !initContainers.isEmpty {
            status["initContainerStatuses"] = .array(initContainers.map { containerStatus($0, running: false) })
        }
        let ip = podIP ?? hostIP
        status["podIP"] = .string(ip)
        status["podIPs"] = [["ip": .string(ip)]]
        return status
    }
}
