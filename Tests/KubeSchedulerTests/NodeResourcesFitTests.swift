import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct NodeResourcesFitTests {
    struct FilterCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let pod: Pod
        var node: Node = makeNode(name: "n1", cpu: 10_000, memory: 20_000, pods: 32)
        var existing: [Pod] = []
        let code: PluginStatus.Code
        var reasons: [String] = []
    }

    static let filterCases: [FilterCase] = [
        FilterCase(testDescription: "no requests fit an empty node", pod: makePod(name: "p"), code: .success),
        FilterCase(testDescription: "requests fit", pod: makePod(name: "p", cpu: 1000, memory: 2000),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .success),
        FilterCase(testDescription: "requests exactly fill the node", pod: makePod(name: "p", cpu: 5000, memory: 15_000),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .success),
        FilterCase(testDescription: "insufficient cpu", pod: makePod(name: "p", cpu: 8000, memory: 1000),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .unschedulable, reasons: ["Insufficient cpu"]),
        FilterCase(testDescription: "insufficient memory", pod: makePod(name: "p", cpu: 1000, memory: 16_000),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .unschedulable, reasons: ["Insufficient memory"]),
        FilterCase(testDescription: "cpu and memory reported together", pod: makePod(name: "p", cpu: 8000, memory: 16_000),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .unschedulable,
                   reasons: ["Insufficient cpu", "Insufficient memory"]),
        FilterCase(testDescription: "more cpu than the whole node is unresolvable", pod: makePod(name: "p", cpu: 11_000, memory: 16_000),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .unschedulableAndUnresolvable,
                   reasons: ["Insufficient cpu", "Insufficient memory"]),
        FilterCase(testDescription: "init container larger than the app containers counts",
                   pod: makePod(name: "p", cpu: 1000, initContainers: [
                       Container(name: "init", resources: ResourceRequirements(requests: makeResourceList(cpu: 6000))),
                   ]),
                   existing: [makePod(name: "e", cpu: 5000, memory: 5000)], code: .unschedulable, reasons: ["Insufficient cpu"]),
        FilterCase(testDescription: "too many pods with a zero-request pod", pod: makePod(name: "p"),
                   node: makeNode(name: "n1", cpu: 10_000, memory: 20_000, pods: 1),
                   existing: [makePod(name: "e")], code: .unschedulable, reasons: ["Too many pods"]),
        FilterCase(testDescription: "too many pods and insufficient cpu together", pod: makePod(name: "p", cpu: 6000),
                   node: makeNode(name: "n1", cpu: 10_000, memory: 20_000, pods: 1),
                   existing: [makePod(name: "e", cpu: 5000)], code: .unschedulable, reasons: ["Too many pods", "Insufficient cpu"]),
        FilterCase(testDescription: "node without pods allocatable takes no pod", pod: makePod(name: "p"),
                   node: makeNode(name: "n1", cpu: 10_000, memory: 20_000, pods: nil), code: .unschedulable, reasons: ["Too many pods"]),
        FilterCase(testDescription: "insufficient ephemeral-storage", pod: makePod(name: "p", ephemeralStorage: 600),
                   node: makeNode(name: "n1", ephemeralStorage: 1000), existing: [makePod(name: "e", ephemeralStorage: 500)],
                   code: .unschedulable, reasons: ["Insufficient ephemeral-storage"]),
        FilterCase(testDescription: "ephemeral-storage on a node reporting none is unresolvable", pod: makePod(name: "p", ephemeralStorage: 1),
                   node: makeNode(name: "n1"), code: .unschedulableAndUnresolvable, reasons: ["Insufficient ephemeral-storage"]),
        FilterCase(testDescription: "extended resource fits", pod: makePod(name: "p", extended: ["example.com/gpu": 1]),
                   node: makeNode(name: "n1", extended: ["example.com/gpu": 2]), existing: [makePod(name: "e", extended: ["example.com/gpu": 1])],
                   code: .success),
        FilterCase(testDescription: "insufficient extended resource", pod: makePod(name: "p", extended: ["example.com/gpu": 2]),
                   node: makeNode(name: "n1", extended: ["example.com/gpu": 2]), existing: [makePod(name: "e", extended: ["example.com/gpu": 1])],
                   code: .unschedulable, reasons: ["Insufficient example.com/gpu"]),
        FilterCase(testDescription: "extended resource the node lacks is unresolvable", pod: makePod(name: "p", extended: ["example.com/gpu": 1]),
                   node: makeNode(name: "n1"), code: .unschedulableAndUnresolvable, reasons: ["Insufficient example.com/gpu"]),
        FilterCase(testDescription: "several extended resources are reported in name order",
                   pod: makePod(name: "p", cpu: 20_000, extended: ["z.io/b": 1, "a.io/a": 1, "hugepages-2Mi": 4]),
                   node: makeNode(name: "n1", cpu: 10_000, extended: ["hugepages-2Mi": 2]),
                   code: .unschedulableAndUnresolvable,
                   reasons: ["Insufficient cpu", "Insufficient a.io/a", "Insufficient hugepages-2Mi", "Insufficient z.io/b"]),
        FilterCase(testDescription: "a zero extended request is not checked", pod: makePod(name: "p", extended: ["example.com/gpu": 0]),
                   node: makeNode(name: "n1"), code: .success),
    ]

    @Test(arguments: filterCases)
    func filter(_ c: FilterCase) {
        let node = makeNodeInfo(c.node, pods: c.existing)
        let status = runFilter(NodeResourcesFit(), pod: PodInfo(c.pod), node: node)
        #expect(status.code == c.code)
        #expect(status.reasons == c.reasons)
    }

    @Test func preFilterStoresRequests() {
        let state = CycleState()
        let pod = makePodInfo(cpu: 1500, memory: 3000)
        #expect(NodeResourcesFit().preFilter(state: state, pod: pod, snapshot: Snapshot()) == .success)
        let stored = state.read(NodeResourcesFit.preFilterStateKey, as: ResourceAmounts.self)
        #expect(stored?.milliCPU == 1500)
        #expect(stored?.memory == 3000)
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let pod: Pod
        let nodes: [Node]
        var existing: [[Pod]] = []
        let scores: [Int64]
    }

    // Adapted from Kubernetes' TestLeastAllocatedScoringStrategy.
    static let scoreCases: [ScoreCase] = [
        ScoreCase(testDescription: "differently sized empty nodes",
                  pod: makePod(name: "p", cpu: 3000, memory: 5000),
                  nodes: [makeNode(name: "n1", cpu: 4000, memory: 10_000), makeNode(name: "n2", cpu: 6000, memory: 10_000)],
                  scores: [37, 50]),
        ScoreCase(testDescription: "existing pods count",
                  pod: makePod(name: "p", cpu: 1000, memory: 2000),
                  nodes: [makeNode(name: "n1", cpu: 10_000, memory: 20_000), makeNode(name: "n2", cpu: 10_000, memory: 20_000)],
                  existing: [[makePod(name: "e1", cpu: 3000, memory: 0)], [makePod(name: "e2", cpu: 3000, memory: 5000)]],
                  // n1: cpu (10000-4000)*100/10000 = 60; memory: the existing pod requests memory 0 explicitly,
                  // so (20000-2000)*100/20000 = 90 → 75. n2: cpu 60, memory (20000-7000)*100/20000 = 65 → 62.
                  scores: [75, 62]),
        ScoreCase(testDescription: "requests without cpu/memory count the scoring defaults",
                  pod: makePod(name: "p"),
                  nodes: [makeNode(name: "n1", cpu: 1000, memory: mib(1000))],
                  existing: [[makePod(name: "e")]],
                  // cpu: (1000-200)*100/1000 = 80; memory: (1000-400)Mi*100/1000Mi = 60 → 70.
                  scores: [70]),
        ScoreCase(testDescription: "requested above allocatable scores 0 for that resource",
                  pod: makePod(name: "p", cpu: 5000, memory: 5000),
                  nodes: [makeNode(name: "n1", cpu: 4000, memory: 10_000)],
                  scores: [25]),
        ScoreCase(testDescription: "a resource with zero allocatable is left out of the average",
                  pod: makePod(name: "p", cpu: 1000, memory: 5000),
                  nodes: [makeNode(name: "n1", cpu: 4000, memory: nil)],
                  scores: [75]),
        ScoreCase(testDescription: "no allocatable at all scores 0",
                  pod: makePod(name: "p", cpu: 1000, memory: 5000),
                  nodes: [makeNode(name: "n1", cpu: nil, memory: nil)],
                  scores: [0]),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) {
        let nodes = c.nodes.enumerated().map { makeNodeInfo($0.element, pods: c.existing.isEmpty ? [] : c.existing[$0.offset]) }
        let result = runScoreOnly(NodeResourcesFit(), pod: PodInfo(c.pod), nodes: nodes)
        #expect(result.raw == c.scores)
        #expect(result.normalized == c.scores, "NodeResourcesFit does not normalise")
    }

    @Test func leastRequestedScore() {
        #expect(NodeResourcesFit.leastRequestedScore(requested: 0, capacity: 0) == 0)
        #expect(NodeResourcesFit.leastRequestedScore(requested: 0, capacity: 10) == 100)
        #expect(NodeResourcesFit.leastRequestedScore(requested: 10, capacity: 10) == 0)
        #expect(NodeResourcesFit.leastRequestedScore(requested: 11, capacity: 10) == 0)
        #expect(NodeResourcesFit.leastRequestedScore(requested: 1, capacity: 3) == 66)
    }
}
