import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct DaemonSetPlanTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func ds(nodeSelector: [String: String] = [:], tolerations: JSONValue = [], maxUnavailable: JSONValue = 1, strategy: String = "RollingUpdate", image: String = "v1") -> JSONValue {
        var spec: JSONValue = ["containers": [["name": "c", "image": .string(image)]], "tolerations": tolerations]
        if !nodeSelector.isEmpty { spec["nodeSelector"] = .object(JSONObject(nodeSelector.map { ($0.key, .string($0.value)) })) }
        return [
            "metadata": ["name": "agent", "namespace": "default", "uid": "ds-uid", "generation": 2],
            "spec": [
                "template": ["metadata": ["labels": ["app": "agent"]], "spec": spec],
                "updateStrategy": ["type": .string(strategy), "rollingUpdate": ["maxUnavailable": maxUnavailable]],
            ],
        ]
    }

    static func node(_ name: String, labels: [String: String] = [:], taints: JSONValue = []) -> JSONValue {
        ["metadata": ["name": .string(name), "labels": .object(JSONObject(labels.map { ($0.key, .string($0.value)) }))], "spec": ["taints": taints]]
    }

    static func pod(_ name: String, node: String, of ds: JSONValue, ready: Bool = true, phase: String = "Running", created: String = "2026-01-01T00:00:00Z") -> JSONValue {
        var pod = DaemonSetController.pod(for: ds, node: node)
        pod.setMetadata("name", .string(name))
        pod.setMetadata("creationTimestamp", .string(created))
        pod.set(.string(node), at: ["spec", "nodeName"])
        pod["status"] = ["phase": .string(phase), "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False")]]]
        return pod
    }

    @Test func onePodPerEligibleNode() {
        let nodes = [
            Self.node("a"), Self.node("b", labels: ["role": "edge"]),
            Self.node("c", taints: [["key": "dedicated", "value": "x", "effect": "NoSchedule"]]),
            Self.node("d", taints: [["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"]]),
        ]
        #expect(DaemonSetPlan.plan(ds: Self.ds(), nodes: nodes, pods: [], now: Self.now).create == ["a", "b", "d"])
        #expect(DaemonSetPlan.plan(ds: Self.ds(nodeSelector: ["role": "edge"]), nodes: nodes, pods: [], now: Self.now).create == ["b"])
        let tolerant = Self.ds(tolerations: [["key": "dedicated", "operator": "Exists"]])
        #expect(DaemonSetPlan.plan(ds: tolerant, nodes: nodes, pods: [], now: Self.now).create == ["a", "b", "c", "d"])
    }

    @Test func podsArePinnedByAffinityWithDaemonTolerationsAndLabels() throws {
        let pod = DaemonSetController.pod(for: Self.ds(), node: "n1")
        let term = try #require(pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?[0])
        #expect(term == ["matchFields": [["key": "metadata.name", "operator": "In", "values": ["n1"]]]])
        #expect(DaemonSetNodes.targetNode(of: pod) == "n1")
        let keys = (pod["spec"]?["tolerations"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
        #expect(keys.contains("node.kubernetes.io/not-ready") && keys.contains("node.kubernetes.io/unschedulable"))
        #expect(!keys.contains("node.kubernetes.io/network-unavailable"))
        #expect(pod["metadata"]?["labels"]?["pod-template-generation"] == "2")
        #expect(pod["metadata"]?["labels"]?["controller-revision-hash"] == .string(DaemonSetPlan.templateHash(Self.ds()["spec"]?["template"] ?? [:])))
        #expect(pod["metadata"]?["generateName"] == "agent-")
    }

    @Test func misscheduledDuplicateAndFailedPodsAreDeleted() {
        let ds = Self.ds(nodeSelector: ["role": "edge"])
        let nodes = [Self.node("a", labels: ["role": "edge"]), Self.node("b"),
                     Self.node("c", labels: ["role": "edge"])]
        let pods = [
            Self.pod("a1", node: "a", of: ds), Self.pod("a2", node: "a", of: ds, created: "2026-01-02T00:00:00Z"),
            Self.pod("b1", node: "b", of: ds), Self.pod("c1", node: "c", of: ds, phase: "Failed"),
        ]
        let plan = DaemonSetPlan.plan(ds: ds, nodes: nodes, pods: pods, now: Self.now)
        #expect(Set(plan.delete) == ["a2", "b1", "c1"])
        #expect(plan.create.isEmpty, "a failed pod's node gets its new pod on the next sync")
        #expect(plan.status["desiredNumberScheduled"] == 2)
        #expect(plan.status["numberMisscheduled"] == 1)
        #expect(plan.status["currentNumberScheduled"] == 1)
    }

    @Test func rollingUpdateReplacesAtMostMaxUnavailable() {
        let old = Self.ds(image: "v1"), new = Self.ds(maxUnavailable: 2, image: "v2")
        let nodes = (0..<5).map { Self.node("n\($0)") }
        let pods = (0..<5).map { Self.pod("p\($0)", node: "n\($0)", of: old) }
        let plan = DaemonSetPlan.plan(ds: new, nodes: nodes, pods: pods, now: Self.now)
        #expect(plan.delete == ["p0", "p1"])
        #expect(plan.status["updatedNumberScheduled"] == 0)
        #expect(plan.status["numberAvailable"] == 5)
        // With one node already replaced and its new pod not ready, only one more goes.
        var mid = Array(pods.dropFirst())
        mid.append(Self.pod("q0", node: "n0", of: new, ready: false))
        let next = DaemonSetPlan.plan(ds: new, nodes: nodes, pods: mid, now: Self.now)
        #expect(next.delete == ["p1"])
        #expect(next.status["numberUnavailable"] == 1)
        #expect(next.status["updatedNumberScheduled"] == 1)
        // OnDelete leaves old pods alone.
        let onDelete = Self.ds(strategy: "OnDelete", image: "v2")
        #expect(DaemonSetPlan.plan(ds: onDelete, nodes: nodes, pods: pods, now: Self.now).delete.isEmpty)
        // Percentages round up.
        #expect(DaemonSetPlan.maxUnavailable(Self.ds(maxUnavailable: "25%"), desired: 5) == 2)
    }

    @Test func noExecuteTaintEvictsNoScheduleKeeps() {
        let ds = Self.ds()
        let pods = [Self.pod("x", node: "x", of: ds), Self.pod("y", node: "y", of: ds)]
        let nodes = [Self.node("x", taints: [["key": "k", "effect": "NoSchedule"]]), Self.node("y", taints: [["key": "k", "effect": "NoExecute"]])]
        let plan = DaemonSetPlan.plan(ds: ds, nodes: nodes, pods: pods, now: Self.now)
        #expect(plan.delete == ["y"])
        #expect(plan.status["desiredNumberScheduled"] == 0)
        #expect(plan.status["numberMisscheduled"] == 2)
    }
}
