import Foundation
import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct ReplicaSetControllerTests {
    static func replicaSet(_ name: String, replicas: Int, app: String = "web", minReadySeconds: Int = 0) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .int(replicas), "minReadySeconds": .int(minReadySeconds),
                "selector": ["matchLabels": ["app": .string(app)]],
                "template": [
                    "metadata": ["labels": ["app": .string(app)]],
                    "spec": ["containers": [["name": "c", "image": "nginx"]]],
                ],
            ],
        ]
    }

    /// The active pods `uid` controls.
    static func owned(_ h: ControllerHarness, by uid: String) async throws -> [JSONValue] {
        try await h.list(.pods).filter { ControllerRef.uid(of: $0) == uid && $0.deletionTimestamp == nil }
    }

    static func waitForPods(_ h: ControllerHarness, owner uid: String, count: Int) async throws {
        try await h.eventually("\(count) pods") { try await owned(h, by: uid).count == count }
    }

    /// Binds `pod` to `node` and reports it Running and Ready.
    static func runReady(_ h: ControllerHarness, _ pod: JSONValue, node: String = "n1", readySince: Date = Date()) async throws {
        let binding: JSONValue = [
            "apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(pod.name), "namespace": "default"],
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
        let path = ResourceInfo.pods.objectPath(namespace: "default", name: pod.name) + "/binding"
        _ = try await h.client.request(.POST, path, body: binding.serialized())
        var current = try await h.client.get(.pods, namespace: "default", name: pod.name)
        current["status"] = [
            "phase": "Running",
            "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(Timestamp.format(readySince))]],
        ]
        _ = try await h.client.update(.pods, namespace: "default", current, subresource: "status")
    }

    static func scale(_ h: ControllerHarness, _ r: ResourceInfo, _ name: String, to replicas: Int) async throws {
        _ = try await h.client.patch(r, namespace: "default", name: name, type: .merge, ["spec": ["replicas": .int(replicas)]])
    }

    @Test func scalesUpThenDownDeletingUnassignedPodsFirst() async throws {
        try await ControllerHarness.run(controllers: ["replicaset"]) { h in
            let rs = try await h.client.create(.replicaSets, namespace: "default", Self.replicaSet("web", replicas: 4))
            try await Self.waitForPods(h, owner: rs.uid, count: 4)
            let pods = try await Self.owned(h, by: rs.uid)
            #expect(pods.allSatisfy { $0.name.hasPrefix("web-") && $0.labels["app"] == "web" })
            let keep = pods.prefix(2).map(\.name)
            for pod in pods.prefix(2) { try await Self.runReady(h, pod) }
            try await Self.scale(h, .replicaSets, "web", to: 2)
            try await h.eventually("unassigned pods deleted") {
                Set(try await Self.owned(h, by: rs.uid).map(\.name)) == Set(keep)
            }
            try await h.eventually("status replicas 2 ready 2") {
                let status = try await h.client.get(.replicaSets, namespace: "default", name: "web")["status"]
                return status?["replicas"]?.intValue == 2 && status?["readyReplicas"]?.intValue == 2
                    && status?["availableReplicas"]?.intValue == 2 && status?["observedGeneration"]?.intValue == 2
                    && status?["terminatingReplicas"]?.intValue == 0
            }
            // A bound pod is deleted gracefully; with no kubelet here it stays terminating.
            try await Self.scale(h, .replicaSets, "web", to: 1)
            try await h.eventually("status replicas 1 terminating 1") {
                let status = try await h.client.get(.replicaSets, namespace: "default", name: "web")["status"]
                return status?["replicas"]?.intValue == 1 && status?["terminatingReplicas"]?.intValue == 1
            }
            #expect(try await Self.owned(h, by: rs.uid).count == 1)
            let events = try await h.list(.events).filter { $0["involvedObject"]?["name"]?.stringValue == "web" }
            #expect(events.filter { $0["reason"]?.stringValue == "SuccessfulCreate" }.count == 4)
            #expect(events.contains { $0["reason"]?.stringValue == "SuccessfulDelete" })
            #expect(events.allSatisfy { $0["involvedObject"]?["kind"]?.stringValue == "ReplicaSet" })
        }
    }

    @Test func aDeletedPodIsReplaced() async throws {
        try await ControllerHarness.run(controllers: ["replicaset"]) { h in
            let rs = try await h.client.create(.replicaSets, namespace: "default", Self.replicaSet("web", replicas: 3))
            try await Self.waitForPods(h, owner: rs.uid, count: 3)
            let victim = try #require(try await Self.owned(h, by: rs.uid).first).name
            try await h.client.delete(.pods, namespace: "default", name: victim)
            try await h.eventually("a replacement") {
                let names = try await Self.owned(h, by: rs.uid).map(\.name)
                return names.count == 3 && !names.contains(victim)
            }
        }
    }

    @Test func adoptsAMatchingOrphanAndReleasesARelabeledPod() async throws {
        try await ControllerHarness.run(controllers: ["replicaset"]) { h in
            let orphan: JSONValue = [
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "stray", "namespace": "default", "labels": ["app": "web"]],
                "spec": ["containers": [["name": "c", "image": "nginx"]]],
            ]
            _ = try await h.client.create(.pods, namespace: "default", orphan)
            let rs = try await h.client.create(.replicaSets, namespace: "default", Self.replicaSet("web", replicas: 2))
            try await Self.waitForPods(h, owner: rs.uid, count: 2)
            let adopted = try await h.client.get(.pods, namespace: "default", name: "stray")
            #expect(ControllerRef.of(adopted)?["kind"]?.stringValue == "ReplicaSet")
            _ = try await h.client.patch(.pods, namespace: "default", name: "stray", type: .merge, ["metadata": ["labels": ["app": "other"]]])
            try await h.eventually("stray released and replaced") {
                let stray = try await h.client.get(.pods, namespace: "default", name: "stray")
                let owned = try await Self.owned(h, by: rs.uid)
                return ControllerRef.of(stray) == nil && owned.count == 2 && !owned.map(\.name).contains("stray")
            }
            #expect(try await h.list(.pods).count == 3)
        }
    }

    @Test func availableReplicasWaitForMinReadySeconds() async throws {
        try await ControllerHarness.run(controllers: ["replicaset"]) { h in
            let rs = try await h.client.create(.replicaSets, namespace: "default", Self.replicaSet("web", replicas: 2, minReadySeconds: 3600))
            try await Self.waitForPods(h, owner: rs.uid, count: 2)
            for pod in try await Self.owned(h, by: rs.uid) { try await Self.runReady(h, pod) }
            try await h.eventually("ready 2, not yet available") {
                let status = try await h.client.get(.replicaSets, namespace: "default", name: "web")["status"]
                return status?["readyReplicas"]?.intValue == 2 && status?["availableReplicas"] == nil
            }
            _ = try await h.client.patch(.replicaSets, namespace: "default", name: "web", type: .merge, ["spec": ["minReadySeconds": 2]])
            try await h.eventually("available 2") {
                try await h.client.get(.replicaSets, namespace: "default", name: "web")["status"]?["availableReplicas"]?.intValue == 2
            }
        }
    }

    @Test func failedCreationsSetReplicaFailureUntilResolved() async throws {
        try await ControllerHarness.run(controllers: ["replicaset"]) { h in
            var rs = Self.replicaSet("web", replicas: 2)
            rs.set("missing", at: ["spec", "template", "spec", "priorityClassName"])
            _ = try await h.client.create(.replicaSets, namespace: "default", rs)
            try await h.eventually("ReplicaFailure FailedCreate") {
                let conditions = try await h.client.get(.replicaSets, namespace: "default", name: "web")["status"]?["conditions"]?.arrayValue
                return conditions?.contains {
                    $0["type"]?.stringValue == "ReplicaFailure" && $0["status"]?.stringValue == "True"
                        && $0["reason"]?.stringValue == "FailedCreate"
                        && ($0["message"]?.stringValue ?? "").contains("no PriorityClass with name missing was found")
                } ?? false
            }
            let events = try await h.list(.events).filter { $0["reason"]?.stringValue == "FailedCreate" }
            #expect(events.first?["message"]?.stringValue?.hasPrefix("Error creating: ") == true)
            #expect(events.first?["type"]?.stringValue == "Warning")
            let priorityClass: JSONValue = [
                "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": ["name": "missing"], "value": 10,
            ]
            let priorityClasses = try #require(ResourceCatalog.lookup(apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass"))
            _ = try await h.client.create(priorityClasses, priorityClass)
            try await h.eventually("pods created and the condition removed", timeout: .seconds(20)) {
                let status = try await h.client.get(.replicaSets, namespace: "default", name: "web")["status"]
                return status?["replicas"]?.intValue == 2 && status?["conditions"] == nil
            }
        }
    }

    @Test func replicationControllersWorkToo() async throws {
        try await ControllerHarness.run(controllers: ["replicationcontroller"]) { h in
            let rc: JSONValue = [
                "apiVersion": "v1", "kind": "ReplicationController", "metadata": ["name": "legacy", "namespace": "default"],
                "spec": [
                    "replicas": 3,
                    "template": ["metadata": ["labels": ["app": "legacy"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]],
                ],
            ]
            let created = try await h.client.create(.replicationControllers, namespace: "default", rc)
            try await Self.waitForPods(h, owner: created.uid, count: 3)
            let pod = try #require(try await Self.owned(h, by: created.uid).first)
            #expect(ControllerRef.of(pod)?["kind"]?.stringValue == "ReplicationController")
            #expect(ControllerRef.of(pod)?["apiVersion"]?.stringValue == "v1")
            try await Self.scale(h, .replicationControllers, "legacy", to: 1)
            try await Self.waitForPods(h, owner: created.uid, count: 1)
            try await h.eventually("status replicas 1") {
                try await h.client.get(.replicationControllers, namespace: "default", name: "legacy")["status"]?["replicas"]?.intValue == 1
            }
            let status = try await h.client.get(.replicationControllers, namespace: "default", name: "legacy")["status"]
            #expect(status?["terminatingReplicas"] == nil)
        }
    }
}

extension ReplicaSetControllerTests {
    /// A scale-up larger than one sync's burst (500) ends at exactly the desired count: the
    /// slow-start batches and expectations never over-create. (Timing is `skiff bench controllers`.)
    @Test func scaleUpBeyondOneBurstCreatesExactlyTheReplicas() async throws {
        let count = 600
        try await ControllerHarness.run(controllers: ["replicaset"]) { h in
            _ = try await h.client.create(.replicaSets, namespace: "default", Self.replicaSet("big", replicas: count))
            try await h.eventually("status replicas \(count)", timeout: .seconds(120)) {
                try await h.client.get(.replicaSets, namespace: "default", name: "big")["status"]?["replicas"]?.intValue == Int64(count)
            }
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await h.list(.pods).count == count)
        }
    }
}
