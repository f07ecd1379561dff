import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct TaintTolerationTests {
    struct FilterCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let tolerations: [Toleration]
        let taints: [Taint]
        let fits: Bool
    }

    // Adapted from Kubernetes' TestTaintTolerationFilter.
    static let filterCases: [FilterCase] = [
        FilterCase(testDescription: "no tolerations, node without taints", tolerations: [], taints: [], fits: true),
        FilterCase(testDescription: "no tolerations, NoSchedule taint",
                   tolerations: [], taints: [Taint(key: "dedicated", value: "user1", effect: "NoSchedule")], fits: false),
        FilterCase(testDescription: "no tolerations, NoExecute taint",
                   tolerations: [], taints: [Taint(key: "dedicated", value: "user1", effect: "NoExecute")], fits: false),
        FilterCase(testDescription: "toleration for the dedicated user1 taint",
                   tolerations: [Toleration(key: "dedicated", value: "user1", effect: "NoSchedule")],
                   taints: [Taint(key: "dedicated", value: "user1", effect: "NoSchedule")], fits: true),
        FilterCase(testDescription: "toleration for user2 on a user1 node",
                   tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule")],
                   taints: [Taint(key: "dedicated", value: "user1", effect: "NoSchedule")], fits: false),
        FilterCase(testDescription: "Exists toleration for the key",
                   tolerations: [Toleration(key: "foo", operator: "Exists", effect: "NoSchedule")],
                   taints: [Taint(key: "foo", value: "bar", effect: "NoSchedule")], fits: true),
        FilterCase(testDescription: "every taint tolerated by some toleration",
                   tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule"),
                                 Toleration(key: "foo", operator: "Exists", effect: "NoSchedule")],
                   taints: [Taint(key: "dedicated", value: "user2", effect: "NoSchedule"),
                            Taint(key: "foo", value: "bar", effect: "NoSchedule")], fits: true),
        FilterCase(testDescription: "one of two taints not tolerated",
                   tolerations: [Toleration(key: "foo", operator: "Exists", effect: "NoSchedule")],
                   taints: [Taint(key: "foo", value: "bar", effect: "NoSchedule"),
                            Taint(key: "dedicated", value: "user2", effect: "NoExecute")], fits: false),
        FilterCase(testDescription: "key and value match but the toleration's effect differs",
                   tolerations: [Toleration(key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule")],
                   taints: [Taint(key: "foo", value: "bar", effect: "NoSchedule")], fits: false),
        FilterCase(testDescription: "toleration with empty effect tolerates NoSchedule",
                   tolerations: [Toleration(key: "foo", operator: "Equal", value: "bar")],
                   taints: [Taint(key: "foo", value: "bar", effect: "NoSchedule")], fits: true),
        FilterCase(testDescription: "untolerated PreferNoSchedule taint does not filter",
                   tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule")],
                   taints: [Taint(key: "dedicated", value: "user1", effect: "PreferNoSchedule")], fits: true),
        FilterCase(testDescription: "tolerate-everything toleration",
                   tolerations: [Toleration(operator: "Exists")],
                   taints: [Taint(key: "a", effect: "NoSchedule"), Taint(key: "b", value: "c", effect: "NoExecute")], fits: true),
    ]

    @Test(arguments: filterCases)
    func filter(_ c: FilterCase) {
        let node = makeNodeInfo(makeNode(name: "nodeA", taints: c.taints))
        let status = TaintToleration().filter(state: CycleState(), pod: makePodInfo(tolerations: c.tolerations), node: node)
        if c.fits {
            #expect(status == .success)
        } else {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.reasons == ["node(s) had untolerated taint(s)"])
        }
    }

    @Test func firstUntoleratedTaintIsInNodeOrder() {
        let taints = [
            Taint(key: "soft", effect: "PreferNoSchedule"),
            Taint(key: "first", value: "1", effect: "NoExecute"),
            Taint(key: "second", effect: "NoSchedule"),
        ]
        #expect(TaintToleration.firstUntoleratedTaint(taints, tolerations: [])?.key == "first")
        #expect(TaintToleration.firstUntoleratedTaint(taints, tolerations: [Toleration(key: "first", operator: "Exists")])?.key == "second")
        #expect(TaintToleration.firstUntoleratedTaint(taints, tolerations: [Toleration(operator: "Exists")]) == nil)
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let tolerations: [Toleration]
        let nodeTaints: [[Taint]]
        let raw: [Int64]
        let normalized: [Int64]
    }

    static let cpuArm = Taint(key: "cpu-type", value: "arm64", effect: "PreferNoSchedule")
    static let diskSSD = Taint(key: "disk-type", value: "ssd", effect: "PreferNoSchedule")

    // Adapted from Kubernetes' TestTaintTolerationScore.
    static let scoreCases: [ScoreCase] = [
        ScoreCase(testDescription: "tolerated taint scores higher than an intolerable one",
                  tolerations: [Toleration(key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule")],
                  nodeTaints: [[Taint(key: "foo", value: "bar", effect: "PreferNoSchedule")],
                               [Taint(key: "foo", value: "blah", effect: "PreferNoSchedule")]],
                  raw: [0, 1], normalized: [100, 0]),
        ScoreCase(testDescription: "the number of tolerated taints does not matter",
                  tolerations: [Toleration(key: "cpu-type", operator: "Equal", value: "arm64", effect: "PreferNoSchedule"),
                                Toleration(key: "disk-type", operator: "Equal", value: "ssd", effect: "PreferNoSchedule")],
                  nodeTaints: [[], [cpuArm], [cpuArm, diskSSD]], raw: [0, 0, 0], normalized: [100, 100, 100]),
        ScoreCase(testDescription: "more intolerable taints score lower",
                  tolerations: [Toleration(key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule")],
                  nodeTaints: [[], [cpuArm], [cpuArm, diskSSD]], raw: [0, 1, 2], normalized: [100, 50, 0]),
        ScoreCase(testDescription: "only PreferNoSchedule taints and tolerations count",
                  tolerations: [Toleration(key: "cpu-type", operator: "Equal", value: "arm64", effect: "NoSchedule"),
                                Toleration(key: "disk-type", operator: "Equal", value: "ssd", effect: "NoSchedule")],
                  nodeTaints: [[], [Taint(key: "cpu-type", value: "arm64", effect: "NoSchedule")], [cpuArm, diskSSD]],
                  raw: [0, 0, 2], normalized: [100, 100, 0]),
        ScoreCase(testDescription: "no tolerations: untainted node wins",
                  tolerations: [], nodeTaints: [[], [cpuArm]], raw: [0, 1], normalized: [100, 0]),
        ScoreCase(testDescription: "a toleration with empty effect counts for PreferNoSchedule",
                  tolerations: [Toleration(key: "cpu-type", operator: "Exists")],
                  nodeTaints: [[cpuArm], [diskSSD, cpuArm], [diskSSD, Taint(key: "x", effect: "PreferNoSchedule"), cpuArm]],
                  raw: [0, 1, 2], normalized: [100, 50, 0]),
        ScoreCase(testDescription: "three intolerable counts normalise by integer division",
                  tolerations: [],
                  nodeTaints: [[cpuArm], [cpuArm, diskSSD, Taint(key: "z", effect: "PreferNoSchedule")]],
                  raw: [1, 3], normalized: [67, 0]),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) throws {
        let nodes = c.nodeTaints.enumerated().map { makeNodeInfo(makeNode(name: "node\($0.offset)", taints: $0.element)) }
        let result = try #require(runScore(TaintToleration(), pod: makePodInfo(tolerations: c.tolerations), nodes: nodes))
        #expect(result.raw == c.raw)
        #expect(result.normalized == c.normalized)
    }

    @Test func preScoreKeepsOnlyPreferNoScheduleTolerations() {
        let state = CycleState()
        let pod = makePodInfo(tolerations: [
            Toleration(key: "a", operator: "Exists", effect: "NoSchedule"),
            Toleration(key: "b", operator: "Exists"),
            Toleration(key: "c", operator: "Exists", effect: "PreferNoSchedule"),
        ])
        #expect(TaintToleration().preScore(state: state, pod: pod, nodes: [], snapshot: Snapshot()) == .success)
        let kept = state.read(TaintToleration.preScoreStateKey, as: [Toleration].self)
        #expect(kept?.compactMap(\.key) == ["b", "c"])
    }
}
