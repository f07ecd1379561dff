import KubeAPI
import Testing
@testable import KubeScheduler

/// The plugins together in a `SchedulingProfile`, as the scheduler runs them.
@Suite struct SchedulerPluginsIntegrationTests {
    static func profile() -> SchedulingProfile {
        SchedulingProfile(
            schedulerName: "default-scheduler",
            plugins: [
                NodeUnschedulable(), NodeName(), TaintToleration(), NodeAffinity(), NodePorts(), NodeResourcesFit(),
                NodeResourcesBalancedAllocation(),
            ],
            weights: ["TaintToleration": 3, "NodeAffinity": 2, "NodeResourcesFit": 1, "NodeResourcesBalancedAllocation": 1])
    }

    @Test func fitErrorMessageCountsEachReason() {
        let snapshot = Snapshot(nodes: [
            makeNode(name: "cordoned", unschedulable: true),
            makeNode(name: "tainted", taints: [Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")]),
            makeNode(name: "busy", cpu: 1500),
            makeNode(name: "elsewhere", labels: ["zone": "b"]),
        ], pods: [makePod(name: "resident", cpu: 1000, nodeName: "busy")])
        let pod = PodInfo(makePod(name: "p", cpu: 1000, nodeSelector: nil, affinity: nodeAffinity(required: [
            NodeSelectorTerm(matchExpressions: [requirement("zone", "NotIn", ["b"])]),
        ])))
        do {
            _ = try Self.profile().schedule(pod, in: snapshot)
            Issue.record("expected no node to fit")
        } catch {
            #expect(error.message == "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, "
                + "1 node(s) had untolerated taint(s), 1 node(s) were unschedulable.")
            // Evicting the resident pod would make room on "busy", so preemption may help.
            #expect(!error.preemptionCannotHelp)
            #expect(error.nodeStatuses["busy"]?.code == .unschedulable)
        }
    }

    @Test func podLargerThanEveryNodeCannotBeHelpedByPreemption() {
        let snapshot = Snapshot(nodes: [makeNode(name: "a", cpu: 500), makeNode(name: "b", cpu: 900)])
        do {
            _ = try Self.profile().schedule(PodInfo(makePod(name: "p", cpu: 1000)), in: snapshot)
            Issue.record("expected no node to fit")
        } catch {
            #expect(error.message == "0/2 nodes are available: 2 Insufficient cpu.")
            #expect(error.preemptionCannotHelp)
        }
    }

    @Test func prefersTheNodeThePodPrefers() throws {
        let snapshot = Snapshot(nodes: [
            makeNode(name: "plain"),
            makeNode(name: "preferred", labels: ["disk": "ssd"]),
            makeNode(name: "soft-tainted", labels: ["disk": "ssd"], taints: [Taint(key: "spot", effect: "PreferNoSchedule")]),
        ])
        let pod = PodInfo(makePod(name: "p", cpu: 100, memory: mib(100), affinity: nodeAffinity(preferred: [
            PreferredSchedulingTerm(weight: 10, preference: NodeSelectorTerm(matchExpressions: [requirement("disk", "In", ["ssd"])])),
        ])))
        let result = try Self.profile().schedule(pod, in: snapshot)
        #expect(result.nodeName == "preferred")
        #expect(result.feasibleNodes == 3)
    }

    @Test func hostPortConflictSendsThePodElsewhere() throws {
        let existing = makePod(name: "web-1", nodeName: "a", ports: [hostPort(80)])
        let snapshot = Snapshot(nodes: [makeNode(name: "a"), makeNode(name: "b")], pods: [existing])
        let result = try Self.profile().schedule(PodInfo(makePod(name: "web-2", ports: [hostPort(80)])), in: snapshot)
        #expect(result.nodeName == "b")
        #expect(result.feasibleNodes == 1)
    }
}
