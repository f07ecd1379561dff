import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct DeploymentPlanningTests {
    typealias F = DeploymentFixtures

    @Test func templateHashIsStableAcrossKeyOrderAndMovesWithCollisionCount() {
        let a: JSONValue = ["metadata": ["labels": ["app": "web", "tier": "x"]], "spec": ["containers": []]]
        let b: JSONValue = ["spec": [:], "metadata": ["labels": ["tier": "x", "app": "web"]]]
        let h = PodTemplateHash.compute(a, collisionCount: nil)
        #expect(h == PodTemplateHash.compute(b, collisionCount: nil))
        #expect(h != PodTemplateHash.compute(a, collisionCount: 1))
        #expect(PodTemplateHash.compute(a, collisionCount: 1) != PodTemplateHash.compute(a, collisionCount: 2))
        #expect(h.count <= 10 && !h.isEmpty)
        #expect(h.allSatisfy { PodTemplateHash.alphabet.contains($0) })
        #expect(PodTemplateHash.fnv1a32(Array("a".utf8)) == 0xe40c_292c)
        #expect(PodTemplateHash.safeEncode("0123456789") == "456789bcdf")
        var labelled = a
        labelled.set("abc", at: ["metadata", "labels", "pod-template-hash"])
        #expect(PodTemplateHash.equalIgnoringHash(a, labelled))
        #expect(!PodTemplateHash.equalIgnoringHash(a, F.template))
    }

    @Test func surgeRoundsUpAndUnavailableRoundsDown() {
        let cases: [(replicas: Int, surge: JSONValue, unavailable: JSONValue, want: (Int, Int))] = [
            (10, .string("25%"), .string("25%"), (3, 2)),
            (1, .string("25%"), .string("25%"), (1, 0)),
            (10, .int(2), .int(0), (2, 0)),
            (10, .string("0%"), .int(0), (3, 2)),
            (3, .string("10%"), .string("10%"), (1, 0)),
            (5, .int(0), .string("10%"), (0, 1)),
            (3, .int(0), .int(5), (0, 3)),
        ]
        for c in cases {
            let d = F.deployment(replicas: c.replicas, maxSurge: c.surge, maxUnavailable: c.unavailable)
            #expect(d.maxSurge == c.want.0, "\(c)")
            #expect(d.maxUnavailable == c.want.1, "\(c)")
        }
        #expect(F.deployment(replicas: 10, recreate: true).maxSurge == 0)
        #expect(F.deployment(replicas: 10, recreate: true).maxUnavailable == 0)
    }

    @Test func newReplicaSetGrowsWithinMaxSurge() {
        let d = F.deployment(replicas: 10)
        func grow(old: Int, new: Int) -> Int {
            RolloutPlanning.newReplicaSetReplicas(
                d, all: [F.replicaSet("old", replicas: old), F.replicaSet("new", replicas: new)], newReplicas: new)
        }
        #expect(grow(old: 10, new: 0) == 3)
        #expect(grow(old: 10, new: 3) == 3)
        #expect(grow(old: 8, new: 3) == 5)
        #expect(grow(old: 0, new: 9) == 10)
        #expect(RolloutPlanning.newReplicaSetReplicas(F.deployment(recreate: true), all: [], newReplicas: 0) == 10)
    }

    @Test func oldReplicaSetsShrinkWithinMaxUnavailableUnhealthyFirst() {
        let d = F.deployment(replicas: 10)
        let first = RolloutPlanning.oldReplicaSetScaleDowns(
            d, old: [F.replicaSet("old", replicas: 10)], new: F.replicaSet("new", replicas: 3, available: 0))
        #expect(first == [ScaleStep(name: "old", from: 10, to: 8)])
        let second = RolloutPlanning.oldReplicaSetScaleDowns(
            d, old: [F.replicaSet("old", replicas: 8)], new: F.replicaSet("new", replicas: 3))
        #expect(second == [ScaleStep(name: "old", from: 8, to: 5)])
        let blocked = RolloutPlanning.oldReplicaSetScaleDowns(
            d, old: [F.replicaSet("old", replicas: 8)], new: F.replicaSet("new", replicas: 5, available: 0))
        #expect(blocked.isEmpty)
        let small = F.deployment(replicas: 5)
        let unhealthy = RolloutPlanning.oldReplicaSetScaleDowns(
            small, old: [F.replicaSet("old", replicas: 5, available: 2)], new: F.replicaSet("new", replicas: 3, available: 0))
        #expect(unhealthy == [ScaleStep(name: "old", from: 5, to: 4)])
        let twoOld = RolloutPlanning.oldReplicaSetScaleDowns(
            d,
            old: [
                F.replicaSet("b", replicas: 4, created: "2026-01-02T00:00:00Z"),
                F.replicaSet("a", replicas: 4, created: "2026-01-01T00:00:00Z"),
            ],
            new: F.replicaSet("new", replicas: 5))
        #expect(twoOld == [ScaleStep(name: "a", from: 4, to: 0), ScaleStep(name: "b", from: 4, to: 3)])
    }

    @Test func resizingMidRolloutScalesEverySetInProportion() {
        let d = F.deployment(replicas: 20, status: ["replicas": 13])
        let steps = RolloutPlanning.proportionalScale(
            d, new: F.replicaSet("new", replicas: 5, maxReplicas: 13, desired: 10),
            old: [F.replicaSet("old", replicas: 8, maxReplicas: 13, desired: 10)])
        #expect(steps == [ScaleStep(name: "old", from: 8, to: 15), ScaleStep(name: "new", from: 5, to: 10)])
        let single = RolloutPlanning.proportionalScale(d, new: F.replicaSet("new", replicas: 3), old: [F.replicaSet("old", replicas: 0)])
        #expect(single == [ScaleStep(name: "new", from: 3, to: 20)])
        let down = RolloutPlanning.proportionalScale(
            F.deployment(replicas: 0), new: F.replicaSet("new", replicas: 5, maxReplicas: 13),
            old: [F.replicaSet("old", replicas: 8, maxReplicas: 13)])
        #expect(down == [ScaleStep(name: "old", from: 8, to: 0), ScaleStep(name: "new", from: 5, to: 0)])
        #expect(RolloutPlanning.isScalingEvent(d, new: F.replicaSet("new", replicas: 5, desired: 10), old: []))
        #expect(!RolloutPlanning.isScalingEvent(d, new: F.replicaSet("new", replicas: 5, desired: 20), old: []))
    }

    @Test func revisionsCountUpAndAnUndoneSetGetsANewOne() {
        let d = F.deployment(replicas: 4)
        #expect(ReplicaSetPlanning.nextRevision(old: [1, 5, 2].map { F.replicaSet("r\($0)", replicas: 0, revision: $0) }) == 6)
        #expect(ReplicaSetPlanning.nextRevision(old: []) == 1)
        let fresh = ReplicaSetPlanning.newReplicaSetAnnotations(d, current: [:], revision: 1, exists: false)
        #expect(
            fresh == [
                "team": "blue", "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "4",
                "deployment.kubernetes.io/max-replicas": "5",
            ])
        let undone = ReplicaSetPlanning.newReplicaSetAnnotations(
            d, current: ["team": "blue", "deployment.kubernetes.io/revision": "1"], revision: 3, exists: true)
        #expect(undone?["deployment.kubernetes.io/revision"] == "3")
        #expect(undone?["deployment.kubernetes.io/revision-history"] == "1")
        #expect(
            ReplicaSetPlanning.newReplicaSetAnnotations(
                d, current: ["team": "blue", "deployment.kubernetes.io/revision": "3"], revision: 3, exists: true) == nil)
    }

    @Test func newReplicaSetCarriesTheHashAndTheTemplate() {
        let d = F.deployment(replicas: 4)
        let rs = ReplicaSetPlanning.newReplicaSet(d, hash: "abc", replicas: 1, annotations: ["x": "y"])
        #expect(rs.name == "web-abc")
        #expect(rs.labels == ["app": "web", "pod-template-hash": "abc"])
        #expect(rs["spec"]?["selector"]?["matchLabels"]?["pod-template-hash"]?.stringValue == "abc")
        #expect(rs["spec"]?["template"]?["metadata"]?["labels"]?["pod-template-hash"]?.stringValue == "abc")
        #expect(ControllerRef.uid(of: rs) == "d-uid")
        let (found, old) = ReplicaSetPlanning.split(
            d, [ReplicaSetInfo(rs), F.replicaSet("web-old", replicas: 0, template: ["metadata": ["labels": ["app": "web"]]])])
        #expect(found?.name == "web-abc")
        #expect(old.map(\.name) == ["web-old"])
    }

    @Test func historyBeyondTheLimitGoesLowestRevisionFirst() {
        let d = F.deployment(historyLimit: 2)
        let old = [
            F.replicaSet("r4", replicas: 0, revision: 4), F.replicaSet("r2", replicas: 1, revision: 2),
            F.replicaSet("r1", replicas: 0, revision: 1), F.replicaSet("r3", replicas: 0, revision: 3),
        ]
        #expect(ReplicaSetPlanning.historyToDelete(d, old: old).map(\.name) == ["r1"])
        #expect(ReplicaSetPlanning.historyToDelete(F.deployment(historyLimit: 0), old: old).map(\.name) == ["r1", "r3", "r4"])
    }
}
