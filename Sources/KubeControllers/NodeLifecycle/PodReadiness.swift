import KubeAPI

/// Kubernetes' `MarkPodsNotReady`: the pods of a node that is not Ready are reported not Ready,
/// so Services stop sending them traffic.
enum PodReadiness {
    /// `pod` with its Ready condition set to False (transition time `now`); nil when the pod has
    /// no Ready condition that is True.
    static func markedNotReady(_ pod: JSONValue, now: String) -> JSONValue? {
        var conditions = pod["status"]?["conditions"]?.arrayValue ?? []
        guard let i = conditions.firstIndex(where: { $0["type"]?.stringValue == "Ready" }),
            conditions[i]["status"]?.stringValue == "True"
        else { return nil }
        var c = conditions[i]
        c["status"] = "False"
        c["lastTransitionTime"] = .string(now)
        conditions[i] = c
        var out = pod
        out.set(.array(conditions), at: ["status", "conditions"])
        return out
    }
}
