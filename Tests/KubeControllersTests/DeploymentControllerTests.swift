import KubeAPI
import KubeClient
import Logging
import Testing

@testable import KubeControllers

@Suite struct DeploymentControllerTests {
    typealias D = DeploymentHarness

    @Test func aNewDeploymentGetsOneHashedReplicaSetAtRevisionOne() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            _ = try await h.client.create(.deployments, namespace: "default", D.manifest(replicas: 4))
            try await h.eventually("a ReplicaSet") { try await !h.list(.replicaSets).isEmpty }
            let rs = try #require(try await h.list(.replicaSets).first)
            let hash = try #require(rs.labels["pod-template-hash"])
            #expect(rs.name == "web-\(hash)")
            #expect(rs["spec"]?["replicas"]?.intValue == 4)
            #expect(rs["spec"]?["selector"]?["matchLabels"]?["pod-template-hash"]?.stringValue == hash)
            #expect(rs["spec"]?["template"]?["metadata"]?["labels"]?["pod-template-hash"]?.stringValue == hash)
            #expect(rs.annotations["deployment.kubernetes.io/revision"] == "1")
            #expect(rs.annotations["deployment.kubernetes.io/desired-replicas"] == "4")
            #expect(rs.annotations["deployment.kubernetes.io/max-replicas"] == "5")
            try await D.rollOut(h)
            let d = try await h.client.get(.deployments, namespace: "default", name: "web")
            #expect(d.annotations["deployment.kubernetes.io/revision"] == "1")
            let conditions = d["status"]?["conditions"]?.arrayValue ?? []
            let progressing = conditions.first { $0["type"]?.stringValue == "Progressing" }
            try await h.eventually("NewReplicaSetAvailable") {
                let d = try await h.client.get(.deployments, namespace: "default", name: "web")
                let c = (d["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Progressing" }
                return c?["reason"]?.stringValue == "NewReplicaSetAvailable"
                    && c?["message"]?.stringValue == "ReplicaSet \"\(rs.name)\" has successfully progressed."
            }
            #expect(progressing != nil)
            let available = conditions.first { $0["type"]?.stringValue == "Available" }
            #expect(available?["reason"]?.stringValue == "MinimumReplicasAvailable")
            // Settled: nothing more is written.
            let settledVersion = try await h.client.get(.deployments, namespace: "default", name: "web").resourceVersion
            let settledSet = try await h.client.get(.replicaSets, namespace: "default", name: rs.name).resourceVersion
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await h.client.get(.deployments, namespace: "default", name: "web").resourceVersion == settledVersion)
            #expect(try await h.client.get(.replicaSets, namespace: "default", name: rs.name).resourceVersion == settledSet)
            try await h.eventually("a ScalingReplicaSet event") {
                try await h.list(.events).contains {
                    $0["reason"]?.stringValue == "ScalingReplicaSet"
                        && $0["message"]?.stringValue == "Scaled up replica set \(rs.name) from 0 to 4"
                        && $0["involvedObject"]?["kind"]?.stringValue == "Deployment"
                }
            }
        }
    }

    @Test func aTemplateChangeRollsWithinMaxSurgeAndMaxUnavailable() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            _ = try await h.client.create(
                .deployments, namespace: "default", D.manifest(replicas: 4, strategy: D.rolling(surge: 1, unavailable: 1)))
            try await D.rollOut(h)
            let first = try #require(try await D.replicaSet(h, revision: 1))
            try await D.setImage(h, "nginx:2")
            try await h.eventually("revision 2") { try await D.replicaSet(h, revision: 2) != nil }
            try await D.rollOut(h) { sets in
                let total = sets.reduce(0) { $0 + Int($1["spec"]?["replicas"]?.intValue ?? 0) }
                let available = sets.reduce(0) { sum, rs in
                    sum + Int(min(rs["spec"]?["replicas"]?.intValue ?? 0, rs["status"]?["availableReplicas"]?.intValue ?? 0))
                }
                #expect(total <= 5, "maxSurge 1 over 4 replicas")
                #expect(available >= 3, "maxUnavailable 1 of 4 replicas")
            }
            let second = try #require(try await D.replicaSet(h, revision: 2))
            #expect(second.name != first.name)
            let sizes = try await D.sizes(h)
            #expect(sizes == [first.name: 0, second.name: 4])
            let d = try await h.client.get(.deployments, namespace: "default", name: "web")
            #expect(d.annotations["deployment.kubernetes.io/revision"] == "2")
            #expect(d["status"]?["updatedReplicas"]?.intValue == 4)
        }
    }

    @Test func recreateRemovesOldPodsBeforeCreatingTheNewReplicaSet() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            _ = try await h.client.create(.deployments, namespace: "default", D.manifest(replicas: 3, strategy: ["type": "Recreate"]))
            try await D.rollOut(h)
            let first = try #require(try await D.replicaSet(h, revision: 1))
            try await D.setImage(h, "nginx:2")
            try await h.eventually("old scaled to 0") { try await D.sizes(h)[first.name] == 0 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await h.list(.replicaSets).count == 1, "no new ReplicaSet while old pods run")
            try await D.settle(h)
            try await h.eventually("the new ReplicaSet at full size") {
                let rs = try await D.replicaSet(h, revision: 2)
                return rs?["spec"]?["replicas"]?.intValue == 3
            }
            try await D.rollOut(h)
        }
    }

    @Test func aPausedDeploymentScalesButDoesNotRollOut() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            _ = try await h.client.create(.deployments, namespace: "default", D.manifest(replicas: 2))
            try await D.rollOut(h)
            try await D.patchSpec(h, ["paused": true])
            try await h.eventually("DeploymentPaused") { try await Self.progressingReason(h) == "DeploymentPaused" }
            try await D.setImage(h, "nginx:2")
            try await D.patchSpec(h, ["replicas": 5])
            try await h.eventually("scaled while paused") { try await Array(D.sizes(h).values) == [5] }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await h.list(.replicaSets).count == 1)
            try await D.patchSpec(h, ["paused": false])
            try await h.eventually("revision 2 after resume") { try await D.replicaSet(h, revision: 2) != nil }
            try await D.rollOut(h)
            #expect(try await Self.progressingReason(h) == "NewReplicaSetAvailable")
        }
    }

    @Test func oldReplicaSetsBeyondTheHistoryLimitAreDeleted() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            _ = try await h.client.create(.deployments, namespace: "default", D.manifest(replicas: 2, historyLimit: 1))
            try await D.rollOut(h)
            for image in ["nginx:2", "nginx:3", "nginx:4"] {
                try await D.setImage(h, image)
                try await h.eventually("the new template observed") {
                    let d = try await h.client.get(.deployments, namespace: "default", name: "web")
                    return d["status"]?["observedGeneration"]?.intValue == d["metadata"]?["generation"]?.intValue
                }
                try await D.rollOut(h)
            }
            try await h.eventually("two ReplicaSets left") { try await h.list(.replicaSets).count == 2 }
            let revisions = try await h.list(.replicaSets).map { $0.annotations["deployment.kubernetes.io/revision"] ?? "" }.sorted()
            #expect(revisions == ["3", "4"])
        }
    }

    @Test func anOrphanWithTheTemplateIsAdoptedNotDuplicated() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            let manifest = D.manifest(replicas: 2)
            var template = manifest["spec"]?["template"] ?? [:]
            template.set("manual", at: ["metadata", "labels", "pod-template-hash"])
            let orphan: JSONValue = [
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": ["name": "web-manual", "namespace": "default", "labels": ["app": "web", "pod-template-hash": "manual"]],
                "spec": [
                    "replicas": 2, "selector": ["matchLabels": ["app": "web", "pod-template-hash": "manual"]], "template": template,
                ],
            ]
            _ = try await h.client.create(.replicaSets, namespace: "default", orphan)
            let d = try await h.client.create(.deployments, namespace: "default", manifest)
            try await h.eventually("adopted") {
                let rs = try await h.client.get(.replicaSets, namespace: "default", name: "web-manual")
                return ControllerRef.uid(of: rs) == d.uid && rs.annotations["deployment.kubernetes.io/revision"] == "1"
            }
            try await D.rollOut(h)
            #expect(try await h.list(.replicaSets).map(\.name) == ["web-manual"])
        }
    }

    @Test func aRestartedControllerFinishesTheRolloutWithoutDuplicates() async throws {
        try await ControllerHarness.run(controllers: []) { h in
            var logger = Logger(label: "test.deployment")
            logger.logLevel = .warning
            func start() throws -> Task<Void, Never> {
                let manager = ControllerManager(
                    context: ControllerContext(client: h.client), registrations: try ControllerRegistry.enabled(by: ["deployment"]),
                    logger: logger)
                return Task { await manager.run() }
            }
            var manager = try start()
            _ = try await h.client.create(
                .deployments, namespace: "default", D.manifest(replicas: 4, strategy: D.rolling(surge: 1, unavailable: 0)))
            try await D.rollOut(h)
            try await D.setImage(h, "nginx:2")
            try await h.eventually("revision 2 started") {
                try await D.replicaSet(h, revision: 2)?["spec"]?["replicas"]?.intValue == 1
            }
            manager.cancel()
            try await Task.sleep(for: .milliseconds(100))
            manager = try start()
            defer { manager.cancel() }
            try await D.rollOut(h)
            let sets = try await h.list(.replicaSets)
            #expect(sets.count == 2)
            let revisions = sets.map { $0.annotations["deployment.kubernetes.io/revision"] ?? "" }.sorted()
            #expect(revisions == ["1", "2"])
        }
    }

    @Test func aRolloutWithoutProgressExceedsItsDeadline() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            var manifest = D.manifest(replicas: 2)
            manifest.set(1, at: ["spec", "progressDeadlineSeconds"])
            _ = try await h.client.create(.deployments, namespace: "default", manifest)
            try await h.eventually("ProgressDeadlineExceeded", timeout: .seconds(8)) {
                try await Self.progressingReason(h) == "ProgressDeadlineExceeded"
            }
            let rs = try #require(try await h.list(.replicaSets).first)
            let d = try await h.client.get(.deployments, namespace: "default", name: "web")
            let c = (d["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Progressing" }
            #expect(c?["status"]?.stringValue == "False")
            #expect(c?["message"]?.stringValue == "ReplicaSet \"\(rs.name)\" has timed out progressing.")
        }
    }

    @Test func aReplicaSetNoLongerSelectedIsReleased() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            let d = try await h.client.create(.deployments, namespace: "default", D.manifest(replicas: 1))
            try await D.rollOut(h)
            let rs = try #require(try await h.list(.replicaSets).first)
            #expect(ControllerRef.uid(of: rs) == d.uid)
            var relabelled = rs
            relabelled.set("other", at: ["metadata", "labels", "app"])
            _ = try await h.client.update(.replicaSets, namespace: "default", relabelled)
            try await h.eventually("released") {
                let now = try await h.client.get(.replicaSets, namespace: "default", name: rs.name)
                return ControllerRef.of(now) == nil
            }
            // Its name is taken, by a set not ours: a hash collision, so a new hash.
            try await h.eventually("a replacement after a collision") {
                let sets = try await h.list(.replicaSets)
                return sets.count == 2 && sets.contains { $0.name != rs.name && ControllerRef.uid(of: $0) == d.uid }
            }
            let after = try await h.client.get(.deployments, namespace: "default", name: "web")
            #expect(after["status"]?["collisionCount"]?.intValue == 1)
        }
    }

    @Test func resizingMidRolloutScalesBothReplicaSetsInProportion() async throws {
        try await ControllerHarness.run(controllers: ["deployment"]) { h in
            _ = try await h.client.create(.deployments, namespace: "default", D.manifest(replicas: 10))
            try await D.rollOut(h)
            let first = try #require(try await D.replicaSet(h, revision: 1)).name
            try await D.setImage(h, "nginx:2")
            try await h.eventually("revision 2") { try await D.replicaSet(h, revision: 2) != nil }
            let second = try #require(try await D.replicaSet(h, revision: 2)).name
            // No new pod is available: the rollout stops at 13 pods, 8 of them old.
            try await h.eventually("the rollout blocked on availability") { try await D.sizes(h) == [first: 8, second: 5] }
            try await D.patchSpec(h, ["paused": true])
            try await h.eventually("DeploymentPaused") { try await Self.progressingReason(h) == "DeploymentPaused" }
            try await D.patchSpec(h, ["replicas": 20])
            // 20 + 25% surge = 25 pods, shared 8:5 as the sets were sized for 13.
            try await h.eventually("proportional scaling") { try await D.sizes(h) == [first: 15, second: 10] }
            try await D.patchSpec(h, ["paused": false])
            try await D.rollOut(h)
            #expect(try await D.sizes(h) == [first: 0, second: 20])
        }
    }

    static func progressingReason(_ h: ControllerHarness) async throws -> String? {
        let d = try await h.client.get(.deployments, namespace: "default", name: "web")
        let c = (d["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Progressing" }
        return c?["reason"]?.stringValue
    }
}
