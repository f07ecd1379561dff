import Foundation
import KubeAPI
import KubeClient
import KubeRuntime

/// Builds the Node object and its status from this machine's facts, as the kubelet's
/// `setNodeStatus` functions do. Pure: time comes in as `now`.
enum NodeStatusBuilder {
    /// The kubelet version this agent reports.
    static let kubeletVersion = "v1.37.0-skiff"

    /// The labels a registering node carries: hostname, OS and architecture (also the beta
    /// names), then `configuration.nodeLabels`.
    static func labels(_ facts: NodeFacts, _ configuration: KubeletConfiguration) -> [String: String] {
        var labels = [
            "kubernetes.io/hostname": configuration.nodeName, "kubernetes.io/os": "linux",
            "kubernetes.io/arch": facts.architecture, "beta.kubernetes.io/os": "linux",
            "beta.kubernetes.io/arch": facts.architecture,
        ]
        for (k, v) in configuration.nodeLabels { labels[k] = v }
        return labels
    }

    /// `--register-with-taints` entries (`key[=value]:Effect`) as taint objects.
    static func taints(_ specs: [String]) -> [JSONValue] {
        specs.compactMap { spec in
            guard let colon = spec.lastIndex(of: ":") else { return nil }
            let effect = String(spec[spec.index(after: colon)...])
            let keyValue = spec[..<colon]
            var taint: JSONValue = ["effect": .string(effect)]
            if let eq = keyValue.firstIndex(of: "=") {
                taint["key"] = .string(String(keyValue[..<eq]))
                taint["value"] = .string(String(keyValue[keyValue.index(after: eq)...]))
            } else {
                taint["key"] = .string(String(keyValue))
            }
            return taint
        }
    }

    /// The Node to create on registration.
    static func node(_ facts: NodeFacts, _ configuration: KubeletConfiguration, runtimeVersion: String, now: String) -> JSONValue {
        var labels = JSONObject()
        for (k, v) in self.labels(facts, configuration).sorted(by: { $0.key < $1.key }) { labels[k] = .string(v) }
        var node: JSONValue = [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(configuration.nodeName), "labels": .object(labels)],
            "spec": [:],
            "status": status(facts, configuration, runtimeVersion: runtimeVersion, previous: nil, now: now),
        ]
        let taints = taints(configuration.registerWithTaints)
        if !taints.isEmpty { node["spec"]?["taints"] = .array(taints) }
        return node
    }

    /// The node status at `now`: capacity and allocatable, nodeInfo, addresses, the kubelet
    /// endpoint and conditions whose transition times carry over from `previous` (the last
    /// status written) when their status did not change. Ready is False (KubeletNotReady) while
    /// `runtimeError` says the container runtime does not answer.
    static func status(
        _ facts: NodeFacts, _ configuration: KubeletConfiguration, runtimeVersion: String, previous: JSONValue?, now: String,
        runtimeError: String? = nil
    ) -> JSONValue {
        let resources: JSONValue = [
            "cpu": .string(String(facts.cpus)), "memory": .string("\(facts.memoryKi)Ki"),
            "pods": .string(String(configuration.maxPods)), "ephemeral-storage": .string(String(facts.ephemeralStorageBytes)),
        ]
        var conditions = NodeHeartbeat.healthyConditions(now: now)
        if let runtimeError, let ready = conditions.firstIndex(where: { $0["type"] == "Ready" }) {
            conditions[ready]["status"] = "False"
            conditions[ready]["reason"] = "KubeletNotReady"
            conditions[ready]["message"] = .string("container runtime is down: \(runtimeError)")
        }
        let old = previous?["conditions"]?.arrayValue ?? []
        for i in conditions.indices {
            let type = conditions[i]["type"]?.stringValue
            if let prior = old.first(where: { $0["type"]?.stringValue == type }),
                prior["status"] == conditions[i]["status"], let since = prior["lastTransitionTime"]
            {
                conditions[i]["lastTransitionTime"] = since
            }
        }
        return [
            "capacity": resources, "allocatable": resources, "conditions": .array(conditions),
            "addresses": [
                ["type": "InternalIP", "address": .string(facts.internalIP)],
                ["type": "Hostname", "address": .string(facts.hostname)],
            ],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": .int(configuration.port)]],
            "nodeInfo": [
                "machineID": .string(facts.machineID), "systemUUID": .string(facts.systemUUID), "bootID": .string(facts.bootID),
                "kernelVersion": .string(facts.kernelVersion), "osImage": .string(facts.osImage),
                "containerRuntimeVersion": .string(runtimeVersion), "kubeletVersion": .string(kubeletVersion),
                "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": .string(facts.architecture),
            ],
        ]
    }

    /// The most images a node status lists (the kubelet's `--node-status-max-images`).
    static let maxImages = 50

    /// `status.images`: the node's images, largest first, each with its tags and digests.
    static func images(_ records: [ImageRecord]) -> JSONValue {
        .array(records.sorted { ($0.size, $0.id) > ($1.size, $1.id) }.prefix(maxImages).map { image in
            ["names": .array((image.repoDigests + image.repoTags).map { .string($0) }), "sizeBytes": .int(image.size)]
        })
    }

    /// Whether `new` differs from `old` in anything but heartbeat times (then it must be written
    /// now, not at the next report).
    static func changed(_ old: JSONValue?, _ new: JSONValue) -> Bool {
        guard let old else { return true }
        return withoutHeartbeats(old) != withoutHeartbeats(new)
    }

    private static func withoutHeartbeats(_ status: JSONValue) -> JSONValue {
        var copy = status
        copy["conditions"] = .array((status["conditions"]?.arrayValue ?? []).map { c in
            var c = c
            c["lastHeartbeatTime"] = nil
            return c
        })
        return copy
    }
}
