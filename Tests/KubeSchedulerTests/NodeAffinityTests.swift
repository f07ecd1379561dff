import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct NodeAffinityTests {
    struct FilterCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        var nodeSelector: [String: String]? = nil
        var required: [NodeSelectorTerm]? = nil
        var nodeName = "node-1"
        var nodeLabels: [String: String] = [:]
        let fits: Bool
    }

    static let zoneA: [String: String] = ["zone": "a", "disk": "ssd", "gen": "5"]

    static let filterCases: [FilterCase] = [
        FilterCase(testDescription: "nodeSelector matches", nodeSelector: ["zone": "a"], nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "nodeSelector needs every label", nodeSelector: ["zone": "a", "disk": "hdd"],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "nodeSelector label missing", nodeSelector: ["gpu": "true"], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "empty nodeSelector matches all", nodeSelector: [:], nodeLabels: [:], fits: true),
        FilterCase(testDescription: "In matches", required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "In", ["b", "a"])])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "In does not match", required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "In", ["b"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "In on a missing label", required: [NodeSelectorTerm(matchExpressions: [requirement("rack", "In", ["1"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "NotIn matches a missing label",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("rack", "NotIn", ["1"])])], nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "NotIn rejects a listed value",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "NotIn", ["a"])])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "Exists", required: [NodeSelectorTerm(matchExpressions: [requirement("disk", "Exists")])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "Exists on a missing label",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("gpu", "Exists")])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "DoesNotExist", required: [NodeSelectorTerm(matchExpressions: [requirement("gpu", "DoesNotExist")])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "DoesNotExist on a present label",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "DoesNotExist")])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "Gt matches a larger number", required: [NodeSelectorTerm(matchExpressions: [requirement("gen", "Gt", ["4"])])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "Gt is strict", required: [NodeSelectorTerm(matchExpressions: [requirement("gen", "Gt", ["5"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "Lt matches a smaller number", required: [NodeSelectorTerm(matchExpressions: [requirement("gen", "Lt", ["6"])])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "Lt on a non-numeric label", required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "Lt", ["6"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "Gt with a non-integer value never matches",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("gen", "Gt", ["four"])])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "unknown operator never matches",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "Equals", ["a"])])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "In without values never matches",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "In", [])])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "requirements in a term are ANDed",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "In", ["a"]), requirement("disk", "In", ["hdd"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "terms are ORed",
                   required: [
                       NodeSelectorTerm(matchExpressions: [requirement("zone", "In", ["b"])]),
                       NodeSelectorTerm(matchExpressions: [requirement("disk", "In", ["ssd"])]),
                   ], nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "an unparsable term does not stop another from matching",
                   required: [
                       NodeSelectorTerm(matchExpressions: [requirement("zone", "Bogus", ["a"])]),
                       NodeSelectorTerm(matchExpressions: [requirement("zone", "In", ["a"])]),
                   ], nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "an empty term matches nothing", required: [NodeSelectorTerm()], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "a term with empty lists matches nothing",
                   required: [NodeSelectorTerm(matchExpressions: [], matchFields: [])], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "an empty term next to a matching one",
                   required: [NodeSelectorTerm(), NodeSelectorTerm(matchExpressions: [requirement("zone", "Exists")])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "required affinity with no terms matches nothing", required: [], nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "nodeSelector and affinity are ANDed (affinity fails)",
                   nodeSelector: ["zone": "a"], required: [NodeSelectorTerm(matchExpressions: [requirement("disk", "In", ["hdd"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "nodeSelector and affinity are ANDed (selector fails)",
                   nodeSelector: ["zone": "b"], required: [NodeSelectorTerm(matchExpressions: [requirement("disk", "In", ["ssd"])])],
                   nodeLabels: zoneA, fits: false),
        FilterCase(testDescription: "nodeSelector and affinity both match",
                   nodeSelector: ["zone": "a"], required: [NodeSelectorTerm(matchExpressions: [requirement("disk", "In", ["ssd"])])],
                   nodeLabels: zoneA, fits: true),
        FilterCase(testDescription: "matchFields metadata.name In matches",
                   required: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["node-1"])])], fits: true),
        FilterCase(testDescription: "matchFields metadata.name In other node",
                   required: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["node-2"])])], fits: false),
        FilterCase(testDescription: "matchFields metadata.name NotIn",
                   required: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "NotIn", ["node-1"])])], fits: false),
        FilterCase(testDescription: "matchFields with two values does not parse",
                   required: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["node-1", "node-2"])])], fits: false),
        FilterCase(testDescription: "matchFields with Exists does not parse",
                   required: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "Exists")])], fits: false),
        FilterCase(testDescription: "matchFields and matchExpressions are ANDed",
                   required: [NodeSelectorTerm(matchExpressions: [requirement("zone", "In", ["b"])],
                                               matchFields: [requirement("metadata.name", "In", ["node-1"])])],
                   nodeLabels: zoneA, fits: false),
    ]

    @Test(arguments: filterCases)
    func filter(_ c: FilterCase) {
        let pod = makePodInfo(
            nodeSelector: c.nodeSelector, affinity: c.required.map { nodeAffinity(required: $0) })
        let node = makeNodeInfo(makeNode(name: c.nodeName, labels: c.nodeLabels))
        let status = runFilter(NodeAffinity(), pod: pod, node: node)
        if c.fits {
            #expect(status == .success)
        } else {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.reasons == ["node(s) didn't match Pod's node affinity/selector"])
        }
        // Filter without PreFilter (state absent) decides the same.
        let direct = NodeAffinity().filter(state: CycleState(), pod: pod, node: node)
        #expect(direct.isSuccess == c.fits)
    }

    @Test func preFilterSkipsPodsWithoutConstraints() {
        let state = CycleState()
        let pod = makePodInfo(affinity: nodeAffinity(preferred: [
            PreferredSchedulingTerm(weight: 1, preference: NodeSelectorTerm(matchExpressions: [requirement("a", "Exists")])),
        ]))
        #expect(NodeAffinity().preFilter(state: state, pod: pod, snapshot: Snapshot()) == .skip)
        #expect(NodeAffinity().preFilter(state: state, pod: makePodInfo(), snapshot: Snapshot()) == .skip)
    }

    @Test func preFilterStoresParsedState() {
        let state = CycleState()
        let pod = makePodInfo(nodeSelector: ["zone": "a"])
        #expect(NodeAffinity().preFilter(state: state, pod: pod, snapshot: Snapshot()) == .success)
        let stored = state.read(NodeAffinity.preFilterStateKey, as: RequiredNodeAffinity.self)
        #expect(stored?.matches(labels: ["zone": "a"], nodeName: "x") == true)
        #expect(stored?.matches(labels: ["zone": "b"], nodeName: "x") == false)
    }

    struct ConflictCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let terms: [NodeSelectorTerm]
        let conflict: Bool
    }

    static let conflictCases: [ConflictCase] = [
        ConflictCase(testDescription: "one term pinning two different names",
                     terms: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["a"]),
                                                            requirement("metadata.name", "In", ["b"])])],
                     conflict: true),
        ConflictCase(testDescription: "two terms each with an empty pin",
                     terms: [
                         NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["a"]), requirement("metadata.name", "In", ["b"])]),
                         NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["c"]), requirement("metadata.name", "In", ["d"])]),
                     ],
                     conflict: true),
        ConflictCase(testDescription: "a term without a name pin allows every node",
                     terms: [
                         NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["a"]), requirement("metadata.name", "In", ["b"])]),
                         NodeSelectorTerm(matchExpressions: [requirement("zone", "Exists")]),
                     ],
                     conflict: false),
        ConflictCase(testDescription: "one term pinning one name",
                     terms: [NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["a"])])], conflict: false),
    ]

    @Test(arguments: conflictCases)
    func preFilterConflict(_ c: ConflictCase) {
        let status = NodeAffinity().preFilter(
            state: CycleState(), pod: makePodInfo(affinity: nodeAffinity(required: c.terms)), snapshot: Snapshot())
        if c.conflict {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.reasons == ["pod affinity terms conflict"])
        } else {
            #expect(status == .success)
        }
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let preferred: [PreferredSchedulingTerm]
        let nodeLabels: [[String: String]]
        let raw: [Int64]
        let normalized: [Int64]
    }

    static func pref(_ weight: Int, _ reqs: NodeSelectorRequirement...) -> PreferredSchedulingTerm {
        PreferredSchedulingTerm(weight: weight, preference: NodeSelectorTerm(matchExpressions: reqs))
    }

    static let scoreCases: [ScoreCase] = [
        ScoreCase(testDescription: "sum of matching weights, highest normalised to 100",
                  preferred: [pref(2, requirement("zone", "In", ["a"])), pref(5, requirement("disk", "In", ["ssd"]))],
                  nodeLabels: [["zone": "a"], ["zone": "a", "disk": "ssd"], [:]],
                  raw: [2, 7, 0], normalized: [28, 100, 0]),
        ScoreCase(testDescription: "no node matches: all zero",
                  preferred: [pref(3, requirement("zone", "In", ["z"]))],
                  nodeLabels: [["zone": "a"], [:]], raw: [0, 0], normalized: [0, 0]),
        ScoreCase(testDescription: "weight 0 and empty terms are ignored",
                  preferred: [pref(0, requirement("zone", "Exists")), PreferredSchedulingTerm(weight: 9, preference: NodeSelectorTerm()),
                              pref(4, requirement("zone", "In", ["a"]))],
                  nodeLabels: [["zone": "a"], ["zone": "b"]], raw: [4, 0], normalized: [100, 0]),
        ScoreCase(testDescription: "requirements of a preference are ANDed",
                  preferred: [pref(10, requirement("zone", "In", ["a"]), requirement("disk", "In", ["ssd"])), pref(1, requirement("zone", "Exists"))],
                  nodeLabels: [["zone": "a"], ["zone": "a", "disk": "ssd"]], raw: [1, 11], normalized: [9, 100]),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) throws {
        let pod = makePodInfo(affinity: nodeAffinity(preferred: c.preferred))
        let nodes = c.nodeLabels.enumerated().map { makeNodeInfo(makeNode(name: "n\($0.offset)", labels: $0.element)) }
        let result = try #require(runScore(NodeAffinity(), pod: pod, nodes: nodes))
        #expect(result.raw == c.raw)
        #expect(result.normalized == c.normalized)
    }

    @Test func preScoreSkipsWithoutPreferredTerms() {
        let pod = makePodInfo(nodeSelector: ["zone": "a"])
        #expect(NodeAffinity().preScore(state: CycleState(), pod: pod, nodes: [], snapshot: Snapshot()) == .skip)
    }

    @Test func preScoreFailsOnUnparsableTerm() {
        let pod = makePodInfo(affinity: nodeAffinity(preferred: [Self.pref(1, requirement("zone", "Near", ["a"]))]))
        let status = NodeAffinity().preScore(state: CycleState(), pod: pod, nodes: [], snapshot: Snapshot())
        #expect(status.code == .error)
        #expect(status.reasons == ["\"Near\" is not a valid node selector operator"])
    }

    @Test func scoreMatchFieldsOnName() throws {
        let pod = makePodInfo(affinity: nodeAffinity(preferred: [
            PreferredSchedulingTerm(weight: 7, preference: NodeSelectorTerm(matchFields: [requirement("metadata.name", "In", ["n1"])])),
        ]))
        let nodes = [makeNodeInfo(makeNode(name: "n0")), makeNodeInfo(makeNode(name: "n1"))]
        let result = try #require(runScore(NodeAffinity(), pod: pod, nodes: nodes))
        #expect(result.raw == [0, 7])
        #expect(result.normalized == [0, 100])
    }
}
