import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct DaemonSetControllerTests {
    static func daemonSet(image: String) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent", "namespace": "default"],
            "spec": [
                "selector": ["matchLabels": ["app": "agent"]],
                "template": ["metadata": ["labels": ["app": "agent"]], "spec": ["containers": [["name": "c", "image": .string(image)]]]],
            ],
        ]
    }

    /// Binds every unbound pod to the node its affinity names and marks it Running and Ready.
    static func runPods(_ h: ControllerHarness) async throws {
        for var pod in try await h.list(.pods) where !EndpointPods.isReady(pod) && pod.deletionTimestamp == nil {
            guard let node = DaemonSetNodes.targetNode(of: pod) else { continue }
            pod["status"] = ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]
            pod.set(.string(node), at: ["spec", "nodeName"])
            _ = try? await h.client.update(.pods, namespace: "default", pod, subresource: "status")
        }
    }

    @Test func onePodPerNodeAndARollingUpdate() async throws {
        try await ControllerHarness.run(controllers: ["daemonset"]) { h in
            for name in ["n1", "n2", "n3"] {
                _ = try await h.client.create(.nodes, ["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]])
            }
            _ = try await h.client.create(.daemonSets, namespace: "default", Self.daemonSet(image: "v1"))
            try await h.eventually("a pod per node, all available") {
                try await Self.runPods(h)
                let ds = try await h.client.get(.daemonSets, namespace: "default", name: "agent")
                let pods = try await h.list(.pods)
                return Set(pods.compactMap(DaemonSetNodes.targetNode)) == ["n1", "n2", "n3"] && pods.count == 3
                    && ds["status"]?["numberAvailable"] == 3 && ds["status"]?["desiredNumberScheduled"] == 3
            }
            var ds = try await h.client.get(.daemonSets, namespace: "default", name: "agent")
            ds.set([["name": "c", "image": "v2"]], at: ["spec", "template", "spec", "containers"])
            ds = try await h.client.update(.daemonSets, namespace: "default", ds)
            let hash = DaemonSetPlan.templateHash(ds["spec"]?["template"] ?? [:])
            let generation = ds.generation
            try await h.eventually("every pod updated, never two nodes down at once") {
                let pods = try await h.list(.pods)
                #expect(pods.count >= 2, "maxUnavailable 1 keeps two of three nodes running")
                try await Self.runPods(h)
                let ds = try await h.client.get(.daemonSets, namespace: "default", name: "agent")
                return pods.count == 3 && pods.allSatisfy { $0.labels["controller-revision-hash"] == hash }
                    && ds["status"]?["updatedNumberScheduled"] == 3 && ds["status"]?["observedGeneration"] == .int(generation)
            }
        }
    }
}
