import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct DeploymentStatusTests {
    typealias F = DeploymentFixtures
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func countsComeFromTheReplicaSetsAndAvailabilityFromMaxUnavailable() {
        let d = F.deployment(replicas: 10, generation: 3)
        let new = F.replicaSet("new", replicas: 5, available: 2, actual: 4)
        let old = F.replicaSet("old", replicas: 6, available: 6)
        let s = StatusPlanning.calculate(d, all: [old, new], new: new, now: now)
        #expect(s.observedGeneration == 3)
        #expect(s.replicas == 10)
        #expect(s.updatedReplicas == 4)
        #expect(s.readyReplicas == 8)
        #expect(s.availableReplicas == 8)
        #expect(s.unavailableReplicas == 3)
        let available = s.condition("Available")
        #expect(available?.status == "True" && available?.reason == "MinimumReplicasAvailable")
        #expect(available?.message == "Deployment has minimum availability.")
        let short = StatusPlanning.calculate(d, all: [F.replicaSet("new", replicas: 10, available: 7)], new: nil, now: now)
        #expect(short.condition("Available")?.reason == "MinimumReplicasUnavailable")
        #expect(short.condition("Available")?.message == "Deployment does not have minimum availability.")
        #expect(short.json["updatedReplicas"] == nil)
        #expect(s.terminatingReplicas == nil, "synced sets that do not report it")
        var terminating = F.replicaSet("old", replicas: 0, actual: 2)
        terminating.object.set(2, at: ["status", "terminatingReplicas"])
        var unsynced = F.replicaSet("new", replicas: 1)
        unsynced.object.set(nil, at: ["status"])
        #expect(StatusPlanning.terminatingReplicas([terminating, unsynced]) == 2)
        #expect(StatusPlanning.calculate(d, all: [unsynced], new: unsynced, now: now).json["terminatingReplicas"] == 0)
    }

    @Test func progressingFollowsTheRollout() {
        let earlier = Timestamp.format(now.addingTimeInterval(-30))
        let created: JSONValue = [
            "type": "Progressing", "status": "True", "reason": "NewReplicaSetCreated", "message": "Created new replica set \"web-x\"",
            "lastUpdateTime": .string(earlier), "lastTransitionTime": .string(earlier),
        ]
        let d = F.deployment(replicas: 3, status: ["observedGeneration": 1, "replicas": 3, "readyReplicas": 3, "availableReplicas": 3, "conditions": [created]])
        let new = F.replicaSet("web-x", replicas: 1, available: 0, actual: 1)
        let old = F.replicaSet("web-o", replicas: 3)
        let progressing = StatusPlanning.rollout(d, all: [old, new], new: new, now: now)
        let c = progressing.condition("Progressing")
        #expect(c?.reason == "ReplicaSetUpdated")
        #expect(c?.message == "ReplicaSet \"web-x\" is progressing.")
        #expect(c?.lastTransitionTime == earlier)
        #expect(c?.lastUpdateTime == Timestamp.format(now))

        let done = F.replicaSet("web-x", replicas: 3)
        let complete = StatusPlanning.rollout(d, all: [F.replicaSet("web-o", replicas: 0), done], new: done, now: now)
        #expect(complete.condition("Progressing")?.reason == "NewReplicaSetAvailable")
        #expect(complete.condition("Progressing")?.message == "ReplicaSet \"web-x\" has successfully progressed.")

        let stale = StatusPlanning.rollout(d, all: [old, F.replicaSet("web-x", replicas: 0)], new: F.replicaSet("web-x", replicas: 0), now: now.addingTimeInterval(700))
        #expect(stale.condition("Progressing")?.reason == "ProgressDeadlineExceeded")
        #expect(stale.condition("Progressing")?.status == "False")
        #expect(stale.condition("Progressing")?.message == "ReplicaSet \"web-x\" has timed out progressing.")
        let recheck = StatusPlanning.recheckAfter(d, StatusPlanning.rollout(d, all: [old], new: nil, now: now), now: now)
        #expect(recheck != nil)
    }

    @Test func aReplicaSetFailureShowsOnTheDeploymentUntilItClears() {
        let d = F.deployment(replicas: 2)
        var failing = F.replicaSet("web-x", replicas: 2, available: 0, actual: 0)
        failing.object.set(
            [[
                "type": "ReplicaFailure", "status": "True", "reason": "FailedCreate", "message": "pods \"web-x-1\" is forbidden",
                "lastTransitionTime": "2026-01-01T00:00:00Z",
            ]], at: ["status", "conditions"])
        let s = StatusPlanning.rollout(d, all: [failing], new: failing, now: now)
        #expect(s.condition("ReplicaFailure")?.reason == "FailedCreate")
        #expect(s.condition("ReplicaFailure")?.lastUpdateTime == "2026-01-01T00:00:00Z")
        let cleared = StatusPlanning.rollout(
            F.deployment(replicas: 2, status: s.json), all: [F.replicaSet("web-x", replicas: 2)], new: nil, now: now)
        #expect(cleared.condition("ReplicaFailure") == nil)
    }

    @Test func pauseAndResumeShowInProgressing() {
        let paused = F.deployment(paused: true)
        let s = StatusPlanning.pausedStatus(paused, now: now)
        #expect(s?.condition("Progressing")?.reason == "DeploymentPaused")
        #expect(s?.condition("Progressing")?.status == "Unknown")
        #expect(s?.condition("Progressing")?.message == "Deployment is paused")
        let stillPaused = F.deployment(paused: true, status: s?.json ?? [:])
        #expect(StatusPlanning.pausedStatus(stillPaused, now: now) == nil)
        let resumed = StatusPlanning.pausedStatus(F.deployment(status: s?.json ?? [:]), now: now)
        #expect(resumed?.condition("Progressing")?.reason == "DeploymentResumed")
        #expect(resumed?.condition("Progressing")?.message == "Deployment is resumed")
    }

    @Test func settingAConditionKeepsTransitionTimeForTheSameStatus() {
        var s = DeploymentStatusInfo()
        s.set(DeploymentCondition("Progressing", "True", reason: "A", message: "a", now: now))
        s.set(DeploymentCondition("Progressing", "True", reason: "A", message: "changed", now: now.addingTimeInterval(5)))
        #expect(s.condition("Progressing")?.message == "a")
        s.set(DeploymentCondition("Progressing", "True", reason: "B", message: "b", now: now.addingTimeInterval(5)))
        #expect(s.condition("Progressing")?.lastTransitionTime == Timestamp.format(now))
        #expect(s.condition("Progressing")?.lastUpdateTime == Timestamp.format(now.addingTimeInterval(5)))
    }
}
