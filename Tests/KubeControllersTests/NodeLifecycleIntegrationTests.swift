import Foundation
import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct NodeLifecycleIntegrationTests {
    static var fastOptions: ControllerOptions {
        var o = ControllerOptions()
        o.nodeMonitorGracePeriod = .seconds(2)
        o.nodeMonitorPeriod = .milliseconds(200)
        o.nodeStartupGracePeriod = .seconds(2)
        return o
    }

    static func readyNode(_ name: String, at date: Date = Date()) -> JSONValue {
        let now = Timestamp.format(date)
        return [
            "apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)],
            "status": [
                "conditions": [
                    [
                        "type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status",
                        "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now),
                    ]
                ]
            ],
        ]
    }

    static func pod(_ name: String, node: String, tolerations: [JSONValue]? = nil) -> JSONValue {
        var p: JSONValue = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["nodeName": .string(node), "containers": [["name": "c", "image": "busybox"]]],
        ]
        if let tolerations { p.set(.array(tolerations), at: ["spec", "tolerations"]) }
        return p
    }

    static func unreachableToleration(seconds: Int?) -> JSONValue {
        var t: JSONValue = ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"]
        if let seconds { t["tolerationSeconds"] = .int(seconds) }
        return t
    }

    @Test func silentNodeBecomesUnknownTaintedAndItsPodsAreEvictedThenRecovers() async throws {
        try await ControllerHarness.run(controllers: ["node-lifecycle", "taint-eviction-controller"], options: Self.fastOptions) { h in
            _ = try await h.client.create(.nodes, Self.readyNode("n1"))
            try await h.renewLease("n1")
            for p in [
                Self.pod("short", node: "n1", tolerations: [Self.unreachableToleration(seconds: 1)]),
                Self.pod("forever", node: "n1", tolerations: [Self.unreachableToleration(seconds: nil)]),
                Self.pod("defaults", node: "n1"),
            ] {
                var created = try await h.client.create(.pods, namespace: "default", p)
                created.set(["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]], at: ["status"])
                _ = try await h.client.update(.pods, namespace: "default", created, subresource: "status")
            }
            try await h.eventually("n1 Ready=Unknown", timeout: .seconds(15)) {
                NodeTaints.conditionStatus(try await h.client.get(.nodes, name: "n1"), "Ready") == "Unknown"
            }
            let node = try await h.client.get(.nodes, name: "n1")
            let ready = NodeHealthRules.readyCondition(node)
            #expect(ready?["reason"]?.stringValue == "NodeStatusUnknown")
            #expect(ready?["message"]?.stringValue == "Kubelet stopped posting node status.")
            #expect(NodeTaints.conditionStatus(node, "MemoryPressure") == "Unknown")
            try await h.eventually("unreachable taints on n1") {
                let taints = NodeTaints.taints(of: try await h.client.get(.nodes, name: "n1"))
                return taints.contains { $0.key == NodeTaints.unreachable && $0.effect == "NoExecute" && $0.timeAdded != nil }
                    && taints.contains { $0.key == NodeTaints.unreachable && $0.effect == "NoSchedule" }
            }
            try await h.eventually("pods marked not Ready") {
                NodeTaints.conditionStatus(try await h.client.get(.pods, namespace: "default", name: "forever"), "Ready") == "False"
            }
            try await h.eventually("short-toleration pod deleted", timeout: .seconds(10)) {
                let p = try? await h.client.get(.pods, namespace: "default", name: "short")
                return p == nil || p?.deletionTimestamp != nil
            }
            try await h.eventually("TaintManagerEviction event") {
                try await h.list(.events).contains {
                    $0["reason"]?.stringValue == "TaintManagerEviction" && $0["message"]?.stringValue == "Marking for deletion Pod default/short"
                }
            }
            if let evicted = try? await h.client.get(.pods, namespace: "default", name: "short") {
                #expect(NodeTaints.conditionStatus(evicted, "DisruptionTarget") == "True")
            }
            for name in ["forever", "defaults"] {
                #expect(try await h.client.get(.pods, namespace: "default", name: name).deletionTimestamp == nil)
            }
            // The kubelet comes back: a fresh heartbeat and lease.
            var back = try await h.client.get(.nodes, name: "n1")
            back.set(Self.readyNode("n1")["status"]?["conditions"], at: ["status", "conditions"])
            _ = try await h.client.update(.nodes, back, subresource: "status")
            try await h.renewLease("n1")
            try await h.eventually("n1 untainted") { NodeTaints.taints(of: try await h.client.get(.nodes, name: "n1")).isEmpty }
        }
    }

    @Test func nodeThatNeverPostsStatusIsMarkedAfterTheStartupGracePeriod() async throws {
        try await ControllerHarness.run(controllers: ["node-lifecycle"], options: Self.fastOptions) { h in
            _ = try await h.client.create(.nodes, ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "bare"]])
            try await h.eventually("bare Ready=Unknown", timeout: .seconds(15)) {
                NodeTaints.conditionStatus(try await h.client.get(.nodes, name: "bare"), "Ready") == "Unknown"
            }
            let ready = NodeHealthRules.readyCondition(try await h.client.get(.nodes, name: "bare"))
            #expect(ready?["reason"]?.stringValue == "NodeStatusNeverUpdated")
            #expect(ready?["message"]?.stringValue == "Kubelet never posted node status.")
        }
    }

    @Test func nodeRenewingItsLeaseStaysReady() async throws {
        var options = Self.fastOptions
        options.nodeMonitorGracePeriod = .seconds(3)
        try await ControllerHarness.run(controllers: ["node-lifecycle"], options: options) { h in
            _ = try await h.client.create(.nodes, Self.readyNode("alive"))
            for _ in 0..<15 {  // 4.5 s, longer than the grace period, with the status never posted again
                try await h.renewLease("alive")
                try await Task.sleep(for: .milliseconds(300))
            }
            let node = try await h.client.get(.nodes, name: "alive")
            #expect(NodeTaints.conditionStatus(node, "Ready") == "True")
            #expect(NodeTaints.taints(of: node).isEmpty)
        }
    }

    @Test func taintRemovedBeforeTheDeadlineKeepsThePodAndUntoleratedTaintsEvictAtOnce() async throws {
        try await ControllerHarness.run(controllers: ["taint-eviction-controller"], options: Self.fastOptions) { h in
            var node = Self.readyNode("n2")
            node.set(
                [["key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": .string(Timestamp.format(Date()))]],
                at: ["spec", "taints"])
            _ = try await h.client.create(.nodes, node)
            _ = try await h.client.create(.pods, namespace: "default", Self.pod("patient", node: "n2", tolerations: [Self.unreachableToleration(seconds: 3)]))
            try await Task.sleep(for: .milliseconds(500))
            var current = try await h.client.get(.nodes, name: "n2")
            current.set(nil, at: ["spec", "taints"])
            _ = try await h.client.update(.nodes, current)
            try await Task.sleep(for: .seconds(4))
            #expect(try await h.client.get(.pods, namespace: "default", name: "patient").deletionTimestamp == nil)

            _ = try await h.client.create(.pods, namespace: "default", Self.pod("intolerant", node: "n2"))
            current = try await h.client.get(.nodes, name: "n2")
            current.set([["key": "example.com/drain", "effect": "NoExecute"]], at: ["spec", "taints"])
            _ = try await h.client.update(.nodes, current)
            try await h.eventually("both pods evicted") {
                let pods = try await h.list(.pods)
                return pods.allSatisfy { $0.deletionTimestamp != nil }
            }
        }
    }
}

extension ControllerHarness {
    /// Creates or renews node `name`'s Lease in `kube-node-lease`.
    func renewLease(_ name: String) async throws {
        let now = JSONValue.string(Timestamp.formatMicro(Date()))
        if var lease = try? await client.get(.leases, namespace: "kube-node-lease", name: name) {
            lease.set(now, at: ["spec", "renewTime"])
            _ = try await client.update(.leases, namespace: "kube-node-lease", lease)
        } else {
            _ = try await client.create(
                .leases, namespace: "kube-node-lease",
                [
                    "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                    "metadata": ["name": .string(name), "namespace": "kube-node-lease"],
                    "spec": ["holderIdentity": .string(name), "leaseDurationSeconds": 40, "renewTime": now],
                ])
        }
    }
}
