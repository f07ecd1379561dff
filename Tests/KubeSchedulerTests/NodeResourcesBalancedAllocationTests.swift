import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct NodeResourcesBalancedAllocationTests {
    struct BalanceCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let requested: [Int64]
        let allocatable: [Int64]
        let score: Int64
    }

    static let balanceCases: [BalanceCase] = [
        BalanceCase(testDescription: "equal fractions", requested: [2000, 4000], allocatable: [4000, 8000], score: 100),
        BalanceCase(testDescription: "nothing requested", requested: [0, 0], allocatable: [4000, 8000], score: 100),
        BalanceCase(testDescription: "0.75 vs 0.25: std 0.25", requested: [3000, 2000], allocatable: [4000, 8000], score: 75),
        BalanceCase(testDescription: "0.6 vs 0.25: std 0.175 truncates", requested: [6000, 5000], allocatable: [10000, 20000], score: 82),
        BalanceCase(testDescription: "fractions are capped at 1", requested: [8000, 0], allocatable: [4000, 8000], score: 50),
        BalanceCase(testDescription: "zero allocatable is ignored", requested: [1000, 5], allocatable: [4000, 0], score: 100),
        BalanceCase(testDescription: "three resources use the population std",
                    requested: [1, 2, 3], allocatable: [4, 4, 4], score: 79),
    ]

    @Test(arguments: balanceCases)
    func balancedResourceScore(_ c: BalanceCase) {
        #expect(NodeResourcesBalancedAllocation.balancedResourceScore(requested: c.requested, allocatable: c.allocatable) == c.score)
    }

    @Test func balanceChangeScore() {
        #expect(NodeResourcesBalancedAllocation.balanceChangeScore(withPod: 80, withoutPod: 80) == 75)
        #expect(NodeResourcesBalancedAllocation.balanceChangeScore(withPod: 50, withoutPod: 100) == 50)
        #expect(NodeResourcesBalancedAllocation.balanceChangeScore(withPod: 100, withoutPod: 50) == 100)
        #expect(NodeResourcesBalancedAllocation.balanceChangeScore(withPod: 75, withoutPod: 100) == 62)
    }

    struct ScoreCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let pod: Pod
        let node: Node
        var existing: [Pod] = []
        let score: Int64
    }

    static let scoreCases: [ScoreCase] = [
        ScoreCase(testDescription: "balanced pod on an empty node keeps the balance",
                  pod: makePod(name: "p", cpu: 2000, memory: gib(4)), node: makeNode(name: "n", cpu: 4000, memory: gib(8)),
                  score: 75),
        ScoreCase(testDescription: "cpu-only pod unbalances an empty node",
                  pod: makePod(name: "p", cpu: 2000), node: makeNode(name: "n", cpu: 4000, memory: gib(8)),
                  // with: 0.5 / 0 → 75; without: 100 → 50 + (50 - 25) / 2 = 62.
                  score: 62),
        ScoreCase(testDescription: "memory-heavy pod rebalances a cpu-heavy node",
                  pod: makePod(name: "p", memory: gib(2)), node: makeNode(name: "n", cpu: 4000, memory: gib(4)),
                  existing: [makePod(name: "e", cpu: 2000)],
                  // without: 0.5 / 0 → 75; with: 0.5 / 0.5 → 100 → 50 + (50 + 25) / 2 = 87.
                  score: 87),
        ScoreCase(testDescription: "fully unbalanced to balanced scores 100",
                  pod: makePod(name: "p", memory: gib(4)), node: makeNode(name: "n", cpu: 4000, memory: gib(4)),
                  existing: [makePod(name: "e", cpu: 4000)], score: 100),
        ScoreCase(testDescription: "existing pods without requests count as zero (not the scoring defaults)",
                  pod: makePod(name: "p", cpu: 500), node: makeNode(name: "n", cpu: 1000, memory: mib(1000)),
                  existing: [makePod(name: "e")],
                  // with: 0.5 / 0 → 75; without: 0 / 0 → 100 → 62.
                  score: 62),
        ScoreCase(testDescription: "node without allocatable: no change, 75",
                  pod: makePod(name: "p", cpu: 500), node: makeNode(name: "n", cpu: nil, memory: nil), score: 75),
    ]

    @Test(arguments: scoreCases)
    func score(_ c: ScoreCase) throws {
        let node = makeNodeInfo(c.node, pods: c.existing)
        let result = try #require(runScore(NodeResourcesBalancedAllocation(), pod: PodInfo(c.pod), nodes: [node]))
        #expect(result.raw == [c.score])
        #expect(result.normalized == [c.score], "NodeResourcesBalancedAllocation does not normalise")
    }

    @Test func preScoreSkipsBestEffortPods() {
        let plugin = NodeResourcesBalancedAllocation()
        let state = CycleState()
        #expect(plugin.preScore(state: state, pod: makePodInfo(), nodes: [], snapshot: Snapshot()) == .skip)
        #expect(plugin.preScore(state: state, pod: makePodInfo(extended: ["example.com/gpu": 1]), nodes: [], snapshot: Snapshot()) == .skip)
        #expect(plugin.preScore(state: state, pod: makePodInfo(memory: 1), nodes: [], snapshot: Snapshot()) == .success)
        #expect(plugin.name == "NodeResourcesBalancedAllocation")
    }
}
