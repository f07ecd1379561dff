import KubeAPI
import Testing

@testable import KubeScheduler

/// A pod requesting `cpu` millicores with `priority`.
private func prioritized(_ name: String, cpu: Int64, priority: Int, nodeName: String? = nil, created: String = "2026-01-01T00:00:00Z") -> Pod {
    var pod = makePod(name: name, cpu: cpu, nodeName: nodeName)
    pod.spec?.priority = priority
    pod.metadata.creationTimestamp = created
    return pod
}

private func profile() -> SchedulingProfile {
    SchedulingProfile(schedulerName: "default-scheduler", plugins: PluginRegistry.defaultPlugins(), weights: PluginRegistry.defaultWeights)
}

/// Schedules `pod` in `snapshot` (it must not fit) and runs preemption on the failure.
private func preempt(_ pod: Pod, _ snapshot: Snapshot) throws -> DefaultPreemption.Outcome {
    let profile = profile()
    let info = PodInfo(pod)
    let error = try #require(throws: FitError.self) { try profile.schedule(info, in: snapshot) }
    return DefaultPreemption.evaluate(info, error, profile: profile, snapshot: snapshot)
}

@Suite struct DefaultPreemptionTests {
    @Test func evictsOnlyAsManyLowerPriorityPodsAsNeeded() throws {
        let snapshot = Snapshot(
            nodes: [makeNode(name: "n0", cpu: 4000)],
            pods: [
                prioritized("low-old", cpu: 2000, priority: 0, nodeName: "n0", created: "2026-01-01T00:00:00Z"),
                prioritized("low-new", cpu: 2000, priority: 0, nodeName: "n0", created: "2026-01-02T00:00:00Z"),
            ])
        guard case .preempt(let candidate) = try preempt(prioritized("vip", cpu: 2000, priority: 100), snapshot) else {
            Issue.record("expected a preemption candidate")
            return
        }
        #expect(candidate.nodeName == "n0")
        // Victims are reprieved most important (then oldest) first, so the newer pod goes.
        #expect(candidate.victims.map(\.name) == ["low-new"])
    }

    @Test func prefersTheNodeWhoseVictimsMatterLeast() throws {
        let snapshot = Snapshot(
            nodes: [makeNode(name: "n0", cpu: 2000), makeNode(name: "n1", cpu: 2000)],
            pods: [
                prioritized("mid", cpu: 2000, priority: 50, nodeName: "n0"),
                prioritized("low", cpu: 2000, priority: 1, nodeName: "n1"),
            ])
        guard case .preempt(let candidate) = try preempt(prioritized("vip", cpu: 1000, priority: 100), snapshot) else {
            Issue.record("expected a preemption candidate")
            return
        }
        #expect(candidate.nodeName == "n1")
        #expect(candidate.victims.map(\.name) == ["low"])
    }

    @Test func neverPreemptsHigherOrEqualPriorityPods() throws {
        let snapshot = Snapshot(
            nodes: [makeNode(name: "n0", cpu: 2000)], pods: [prioritized("peer", cpu: 2000, priority: 100, nodeName: "n0")])
        guard case .notHelpful(let message) = try preempt(prioritized("vip", cpu: 1000, priority: 100), snapshot) else {
            Issue.record("expected no candidate")
            return
        }
        #expect(message == "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }

    @Test func unresolvableNodesAreNotHelpful() throws {
        var pod = prioritized("picky", cpu: 1000, priority: 100)
        pod.spec?.nodeSelector = ["disk": "ssd"]
        let snapshot = Snapshot(
            nodes: [makeNode(name: "n0", cpu: 2000)], pods: [prioritized("low", cpu: 2000, priority: 0, nodeName: "n0")])
        guard case .notHelpful(let message) = try preempt(pod, snapshot) else {
            Issue.record("expected no candidate")
            return
        }
        #expect(message == "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")
    }

    @Test func preemptionPolicyNever() throws {
        var pod = prioritized("polite", cpu: 1000, priority: 100)
        pod.spec?.preemptionPolicy = "Never"
        let snapshot = Snapshot(
            nodes: [makeNode(name: "n0", cpu: 1000)], pods: [prioritized("low", cpu: 1000, priority: 0, nodeName: "n0")])
        guard case .notHelpful(let message) = try preempt(pod, snapshot) else {
            Issue.record("expected no candidate")
            return
        }
        #expect(message == "preemption: not eligible due to preemptionPolicy=Never.")
    }
}
