import KubeAPI

/// Which nodes a DaemonSet's pod belongs on, as Kubernetes' `NodeShouldRunDaemonPod` decides:
/// the template's node selector and required node affinity must match the node, and its
/// tolerations (plus the ones every daemon pod gets) must tolerate the node's taints.
enum DaemonSetNodes {
    /// Whether a daemon pod should be started on the node, and whether one there may keep running.
    struct Fit: Equatable {
        var shouldRun: Bool
        var shouldContinueRunning: Bool
    }

    /// The tolerations Kubernetes adds to every daemon pod (`AddOrUpdateDaemonPodTolerations`);
    /// network-unavailable only for host-network pods.
    static func defaultTolerations(hostNetwork: Bool) -> [JSONValue] {
        var tolerations: [JSONValue] = [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"],
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"],
            ["key": "node.kubernetes.io/disk-pressure", "operator": "Exists", "effect": "NoSchedule"],
            ["key": "node.kubernetes.io/memory-pressure", "operator": "Exists", "effect": "NoSchedule"],
            ["key": "node.kubernetes.io/pid-pressure", "operator": "Exists", "effect": "NoSchedule"],
            ["key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"],
        ]
        if hostNetwork {
            tolerations.append(["key": "node.kubernetes.io/network-unavailable", "operator": "Exists", "effect": "NoSchedule"])
        }
        return tolerations
    }

    /// `tolerations` with each default added unless an equal key/effect toleration is there.
    static func withDefaultTolerations(_ tolerations: [JSONValue], hostNetwork: Bool) -> [JSONValue] {
        var out = tolerations
        for d in defaultTolerations(hostNetwork: hostNetwork) {
            if let i = out.firstIndex(where: { $0["key"] == d["key"] && $0["effect"] == d["effect"] }) { out[i] = d } else { out.append(d) }
        }
        return out
    }

    static func toleration(_ t: JSONValue) -> Toleration {
        Toleration(
            key: t["key"]?.stringValue, operator: t["operator"]?.stringValue, value: t["value"]?.stringValue,
            effect: t["effect"]?.stringValue, tolerationSeconds: t["tolerationSeconds"]?.intValue.map(Int.init))
    }

    /// Whether the pod `spec` (tolerations already completed) may run on `node`.
    static func fit(spec: JSONValue, node: JSONValue) -> Fit {
        let labels = node.labels
        let selector = spec.stringMap(at: ["nodeSelector"])
        var matches = selector.allSatisfy { labels[$0.key] == $0.value }
        if matches, let terms = spec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.arrayValue {
            matches = terms.contains { termMatches($0, labels: labels, nodeName: node.name) }
        }
        guard matches else { return Fit(shouldRun: false, shouldContinueRunning: false) }
        let tolerations = (spec["tolerations"]?.arrayValue ?? []).map(toleration)
        var run = true, keep = true
        for t in node["spec"]?["taints"]?.arrayValue ?? [] {
            guard let key = t["key"]?.stringValue, let effect = t["effect"]?.stringValue,
                effect == "NoSchedule" || effect == "NoExecute"
            else { continue }
            if tolerations.tolerate(Taint(key: key, value: t["value"]?.stringValue, effect: effect)) { continue }
            run = false
            if effect == "NoExecute" { keep = false }
        }
        return Fit(shouldRun: run, shouldContinueRunning: keep)
    }

    /// Whether one node selector term matches: every expression and field (an empty term
    /// matches nothing, as in Kubernetes).
    static func termMatches(_ term: JSONValue, labels: [String: String], nodeName: String) -> Bool {
        let expressions = term["matchExpressions"]?.arrayValue ?? []
        let fields = term["matchFields"]?.arrayValue ?? []
        guard !expressions.isEmpty || !fields.isEmpty else { return false }
        for e in expressions {
            let ops: [String: LabelSelector.Operator] = [
                "In": .in, "NotIn": .notIn, "Exists": .exists, "DoesNotExist": .doesNotExist, "Gt": .greaterThan, "Lt": .lessThan,
            ]
            guard let key = e["key"]?.stringValue, let op = e["operator"]?.stringValue.flatMap({ ops[$0] }),
                let requirement = try? LabelSelector.Requirement(
                    key: key, operator: op, values: (e["values"]?.arrayValue ?? []).compactMap(\.stringValue)),
                requirement.matches(labels)
            else { return false }
        }
        for f in fields {
            let values = (f["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard values.count == 1, f["key"]?.stringValue == "metadata.name" else { return false }
            switch f["operator"]?.stringValue {
            case "In": if nodeName != values[0] { return false }
            case "NotIn": if nodeName == values[0] { return false }
            default: return false
            }
        }
        return true
    }

    /// The node a daemon pod is for: its `nodeName`, or the node its required affinity pins.
    static func targetNode(of pod: JSONValue) -> String? {
        if let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty { return node }
        let terms = pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.arrayValue ?? []
        for term in terms {
            for f in term["matchFields"]?.arrayValue ?? []
            where f["key"]?.stringValue == "metadata.name" && f["operator"]?.stringValue == "In" {
                if let values = f["values"]?.arrayValue, values.count == 1 { return values[0].stringValue }
            }
        }
        return nil
    }

    /// `spec` with its required node affinity replaced by one term pinning `node` by name
    /// (Kubernetes' `ReplaceDaemonSetPodNodeNameNodeAffinity`).
    static func pinned(_ spec: JSONValue, to node: String) -> JSONValue {
        var spec = spec
        let term: JSONValue = ["matchFields": [["key": "metadata.name", "operator": "In", "values": [.string(node)]]]]
        spec.set(["nodeSelectorTerms": [term]], at: ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"])
        return spec
    }
}
