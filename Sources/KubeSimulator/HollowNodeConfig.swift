import Foundation
import KubeAPI
import KubeClient

/// What the hollow nodes of a fleet look like.
public struct HollowNodeConfig: Sendable {
    /// How many nodes.
    public var count: Int
    /// Node names are `<prefix><index>`, index from 0.
    public var namePrefix = "hollow-node-"
    /// Allocatable CPU per node (a Kubernetes quantity).
    public var cpu = "32"
    /// Allocatable memory per node.
    public var memory = "256Gi"
    /// Pods per node.
    public var pods = 110
    /// Extra labels on every node (`kubernetes.io/hostname` and `type=hollow` are always set).
    public var labels: [String: String] = [:]
    /// When above 0, node i gets `topology.kubernetes.io/zone=zone-<i mod zones>`.
    public var zones = 0
    /// Taints on every node.
    public var taints: [Taint] = []
    /// The range each node's /24 pod range is cut from (node i gets the i-th /24).
    public var podCIDR = "10.128.0.0/9"
    /// How often each node renews its Lease in `kube-node-lease` (the kubelet's default is 10 s).
    public var leaseInterval: Duration = .seconds(10)
    /// Lease duration written to each Lease (the kubelet's default is 40 s).
    public var leaseDurationSeconds = 40

    /// A fleet of `count` nodes with the defaults.
    public init(count: Int) { self.count = count }

    /// The name of node `index`.
    public func name(_ index: Int) -> String { "\(namePrefix)\(index)" }

    /// Node `index` as registered: capacity, labels, taints, pod range, and a Ready condition.
    public func node(_ index: Int, podRange: String, now: String) -> JSONValue {
        let name = name(index)
        var labelObject = JSONObject()
        labelObject["kubernetes.io/hostname"] = .string(name)
        labelObject["kubernetes.io/os"] = "linux"
        labelObject["kubernetes.io/arch"] = "amd64"
        labelObject["type"] = "hollow"
        if zones > 0 { labelObject["topology.kubernetes.io/zone"] = .string("zone-\(index % zones)") }
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) { labelObject[k] = .string(v) }
        let resources: JSONValue = [
            "cpu": .string(cpu), "memory": .string(memory), "pods": .string(String(pods)), "ephemeral-storage": "100Gi",
        ]
        var spec: JSONValue = ["podCIDR": .string(podRange), "podCIDRs": [.string(podRange)]]
        if !taints.isEmpty {
            spec["taints"] = .array(taints.map { t in
                var o: JSONValue = ["key": .string(t.key), "effect": .string(t.effect)]
                if let v = t.value { o["value"] = .string(v) }
                return o
            })
        }
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(name), "labels": .object(labelObject), "annotations": ["skiff.dev/hollow": "true"]],
            "spec": spec,
            "status": [
                "capacity": resources, "allocatable": resources, "phase": "Running",
                "conditions": .array(NodeHeartbeat.healthyConditions(now: now)),
                "addresses": [["type": "InternalIP", "address": .string(Self.nodeIP(index))], ["type": "Hostname", "address": .string(name)]],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "machineID": "", "systemUUID": "", "bootID": "", "kernelVersion": "hollow", "osImage": "Skiff hollow node",
                    "containerRuntimeVersion": "hollow://1.0", "kubeletVersion": "v1.34.0-skiff", "kubeProxyVersion": "",
                    "operatingSystem": "linux", "architecture": "amd64",
                ],
            ],
        ]
    }

    /// A made-up node address in 100.64.0.0/10 for node `index` (from 100.64.0.1).
    static func nodeIP(_ index: Int) -> String {
        let index = index + 1
        return "100.\(64 + (index >> 16) & 63).\((index >> 8) & 255).\(index & 255)"
    }
}
