import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct ReplicaSetPlanTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func ago(_ seconds: Double) -> Date { now.addingTimeInterval(-seconds) }

    struct RankCase: Sendable, CustomStringConvertible {
        let description: String
        let first: PodFacts
        let second: PodFacts
    }

    /// In each case `first` is deleted before `second`, and not the other way round.
    static let rankCases: [RankCase] = [
        RankCase(description: "unassigned before assigned", first: PodFacts(key: "a", phase: "Running"), second: PodFacts(key: "b", nodeName: "n1")),
        RankCase(description: "Pending before Unknown", first: PodFacts(key: "a", nodeName: "n", phase: "Pending"), second: PodFacts(key: "b", nodeName: "n", phase: "Unknown")),
        RankCase(description: "Unknown before Running", first: PodFacts(key: "a", nodeName: "n", phase: "Unknown"), second: PodFacts(key: "b", nodeName: "n", phase: "Running")),
        RankCase(
            description: "not ready before ready", first: PodFacts(key: "a", nodeName: "n", phase: "Running"),
            second: PodFacts(key: "b", nodeName: "n", phase: "Running", ready: true, readySince: ago(10))),
        RankCase(
            description: "lower deletion cost first", first: PodFacts(key: "a", nodeName: "n", phase: "Running", deletionCost: -5),
            second: PodFacts(key: "b", nodeName: "n", phase: "Running")),
        RankCase(
            description: "ready for less time first (different power of two)",
            first: PodFacts(key: "a", uid: "z", nodeName: "n", phase: "Running", ready: true, readySince: ago(10)),
            second: PodFacts(key: "b", uid: "a", nodeName: "n", phase: "Running", ready: true, readySince: ago(1000))),
        RankCase(
            description: "same ready bucket falls back to uid",
            first: PodFacts(key: "a", uid: "1", nodeName: "n", phase: "Running", ready: true, readySince: ago(100)),
            second: PodFacts(key: "b", uid: "2", nodeName: "n", phase: "Running", ready: true, readySince: ago(101))),
        RankCase(
            description: "more restarts first", first: PodFacts(key: "a", nodeName: "n", phase: "Running", restarts: 3),
            second: PodFacts(key: "b", nodeName: "n", phase: "Running", restarts: 1)),
        RankCase(
            description: "newer first", first: PodFacts(key: "a", uid: "z", nodeName: "n", created: ago(5)),
            second: PodFacts(key: "b", uid: "a", nodeName: "n", created: ago(5000))),
        RankCase(description: "no creation time first", first: PodFacts(key: "a", nodeName: "n"), second: PodFacts(key: "b", nodeName: "n", created: ago(5))),
    ]

    @Test(arguments: rankCases) func scaleDownRanking(_ c: RankCase) {
        #expect(PodDeletionRanking.deletesBefore(c.first, rank: 1, c.second, rank: 1, now: Self.now))
        #expect(!PodDeletionRanking.deletesBefore(c.second, rank: 1, c.first, rank: 1, now: Self.now))
    }

    @Test func podsDoubledUpOnANodeGoFirst() {
        let pods = [
            PodFacts(key: "alone", nodeName: "n1", phase: "Running"),
            PodFacts(key: "pair-1", nodeName: "n2", phase: "Running"),
            PodFacts(key: "pair-2", nodeName: "n2", phase: "Running"),
        ]
        let victims = PodDeletionRanking.podsToDelete(pods, count: 2, now: Self.now).map(\.key)
        #expect(Set(victims) == ["pair-1", "pair-2"])
    }

    @Test func podsToDeleteTakesTheLowestRanked() {
        let pods = [
            PodFacts(key: "running-ready", nodeName: "n1", phase: "Running", ready: true, readySince: Self.ago(60)),
            PodFacts(key: "pending", nodeName: "n2", phase: "Pending"),
            PodFacts(key: "unassigned"),
            PodFacts(key: "running", nodeName: "n3", phase: "Running"),
        ]
        #expect(PodDeletionRanking.podsToDelete(pods, count: 3, now: Self.now).map(\.key) == ["unassigned", "pending", "running"])
        #expect(PodDeletionRanking.podsToDelete(pods, count: 9, now: Self.now).count == 4)
        #expect(PodDeletionRanking.podsToDelete(pods, count: 0, now: Self.now).isEmpty)
    }

    @Test(arguments: [
        (0, [Int]()), (1, [1]), (2, [1, 1]), (3, [1, 2]), (7, [1, 2, 4]), (10, [1, 2, 4, 3]),
        (500, [1, 2, 4, 8, 16, 32, 64, 128, 245]),
    ])
    func slowStartBatchSizes(_ count: Int, _ expected: [Int]) {
        #expect(ReplicaPlan.slowStartBatches(count) == expected)
        #expect(ReplicaPlan.slowStartBatches(count).reduce(0, +) == count)
    }

    @Test func diffCreatesOrDeletesWithinTheBurst() {
        let three = (0..<3).map { PodFacts(key: "p\($0)") }
        #expect(ReplicaPlan.action(desired: 3, active: three, now: Self.now) == .none)
        #expect(ReplicaPlan.action(desired: 5, active: three, now: Self.now) == .create(2))
        #expect(ReplicaPlan.action(desired: 10_000, active: three, now: Self.now) == .create(ReplicaPlan.burstReplicas))
        guard case .delete(let victims) = ReplicaPlan.action(desired: 1, active: three, now: Self.now) else {
            Issue.record("expected deletions")
            return
        }
        #expect(victims.count == 2)
        let many = (0..<2000).map { PodFacts(key: "p\($0)") }
        guard case .delete(let capped) = ReplicaPlan.action(desired: 0, active: many, now: Self.now) else {
            Issue.record("expected deletions")
            return
        }
        #expect(capped.count == ReplicaPlan.burstReplicas)
    }

    static func pod(_ labels: JSONValue, owner: String? = nil, deleting: Bool = false) -> JSONValue {
        var pod: JSONValue = ["metadata": ["name": "p", "namespace": "default", "uid": "pod-uid", "labels": labels]]
        if let owner { pod.setMetadata("ownerReferences", [["uid": .string(owner), "controller": true]]) }
        if deleting { pod.setMetadata("deletionTimestamp", "2026-01-01T00:00:00Z") }
        return pod
    }

    @Test func claimAdoptsReleasesOrIgnores() throws {
        let selector = try LabelSelector(matchLabels: ["app": "web"])
        func claim(_ pod: JSONValue, deleting: Bool = false) -> ReplicaPlan.Claim {
            ReplicaPlan.claim(pod, ownerUID: "me", ownerDeleting: deleting, selector: selector)
        }
        #expect(claim(Self.pod(["app": "web"], owner: "me")) == .keep)
        #expect(claim(Self.pod(["app": "db"], owner: "me")) == .release)
        #expect(claim(Self.pod(["app": "db"], owner: "me"), deleting: true) == .ignore)
        #expect(claim(Self.pod(["app": "web"], owner: "other")) == .ignore)
        #expect(claim(Self.pod(["app": "web"])) == .adopt)
        #expect(claim(Self.pod(["app": "web"]), deleting: true) == .ignore)
        #expect(claim(Self.pod(["app": "web"], deleting: true)) == .ignore)
        #expect(claim(Self.pod(["app": "db"])) == .ignore)
    }

    @Test func podFactsReadActivityReadinessAndAvailability() {
        let pod: JSONValue = [
            "metadata": [
                "name": "p", "namespace": "ns", "uid": "u", "annotations": ["controller.kubernetes.io/pod-deletion-cost": "7"],
                "creationTimestamp": "2027-01-15T08:00:00Z",
            ],
            "spec": ["nodeName": "n1"],
            "status": [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(Timestamp.format(Self.ago(30)))]],
                "containerStatuses": [["restartCount": 2], ["restartCount": 5]],
            ],
        ]
        let facts = PodFacts(pod)
        #expect(facts.key == "ns/p" && facts.nodeName == "n1" && facts.ready && facts.isActive)
        #expect(facts.deletionCost == 7 && facts.restarts == 5 && facts.created != nil)
        #expect(facts.isAvailable(minReadySeconds: 0, now: Self.now))
        #expect(facts.isAvailable(minReadySeconds: 10, now: Self.now))
        #expect(!facts.isAvailable(minReadySeconds: 60, now: Self.now))
        #expect(facts.untilAvailable(minReadySeconds: 60, now: Self.now).map { abs($0 - 30) < 1 } == true)
        #expect(!PodFacts(key: "x", phase: "Succeeded").isActive && !PodFacts(key: "x", phase: "Failed").isActive)
        #expect(!PodFacts(key: "x", phase: "Running", terminating: true).isActive)
    }

    @Test func statusCountsPodsAndTracksTheFailureCondition() {
        let pods = [
            PodFacts(key: "a", phase: "Running", ready: true, readySince: Self.ago(100), labels: ["app": "web", "tier": "x"]),
            PodFacts(key: "b", phase: "Running", ready: true, readySince: Self.ago(1), labels: ["app": "web"]),
            PodFacts(key: "c", phase: "Pending", labels: ["app": "web", "tier": "x"]),
        ]
        let failure = ReplicaStatus.Failure(reason: "FailedCreate", message: "quota")
        let failed = ReplicaStatus.compute(
            previous: ReplicaStatus(), generation: 3, pods: pods, templateLabels: ["app": "web", "tier": "x"],
            minReadySeconds: 10, failure: failure, now: Self.now)
        #expect(failed.replicas == 3 && failed.fullyLabeledReplicas == 2 && failed.readyReplicas == 2)
        #expect(failed.availableReplicas == 1 && failed.observedGeneration == 3)
        #expect(failed.conditions.count == 1 && failed.conditions.first?["reason"]?.stringValue == "FailedCreate")
        #expect(ReplicaStatus(failed.json) == failed)
        let again = ReplicaStatus.compute(
            previous: failed, generation: 3, pods: pods, templateLabels: [:], minReadySeconds: 0,
            failure: ReplicaStatus.Failure(reason: "FailedCreate", message: "other"), now: Self.now.addingTimeInterval(5))
        #expect(again.conditions == failed.conditions)
        let resolved = ReplicaStatus.compute(
            previous: failed, generation: 3, pods: pods, templateLabels: [:], minReadySeconds: 0, failure: nil, now: Self.now)
        #expect(resolved.conditions.isEmpty && resolved.availableReplicas == 2)
        #expect(ReplicaStatus.nextAvailability(of: pods, minReadySeconds: 10, now: Self.now).map { abs($0 - 9) < 0.5 } == true)
        #expect(ReplicaStatus().json == ["replicas": 0])
        let withTerminating = ReplicaStatus.compute(
            previous: ReplicaStatus(), generation: 1, pods: [], terminating: 0, templateLabels: [:], minReadySeconds: 0,
            failure: nil, now: Self.now)
        #expect(withTerminating.json == ["replicas": 0, "terminatingReplicas": 0, "observedGeneration": 1])
    }
}
