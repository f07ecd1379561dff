import KubeAPI
import Testing

@testable import KubeScheduler

/// A filter that rejects the nodes it names, with a fixed reason and code.
private struct RejectNodes: FilterPlugin {
    let name: String
    let nodes: Set<String>
    let reason: String
    var code: PluginStatus.Code = .unschedulable
    func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        nodes.contains(node.name) ? PluginStatus(code, [reason]) : .success
    }
}

/// A score plugin giving each node a fixed raw score.
private struct FixedScore: ScorePlugin {
    let name: String
    let scores: [String: Int64]
    func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 { scores[node.name] ?? 0 }
}

/// A score plugin with a PreScore that may ask to be skipped; its Score favours `n2`.
private struct SkippableScore: PreScorePlugin, ScorePlugin {
    let name = "Skippable"
    let skip: Bool
    func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus {
        skip ? .skip : .success
    }
    func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64 { node.name == "n2" ? 100 : 0 }
}

/// Counts how often its filter runs (a reference type, so the count survives the value copy).
private final class Counter: @unchecked Sendable {
    var value = 0
    var visited: [String] = []
}
private struct CountingFilter: FilterPlugin {
    let name = "Counting"
    let counter: Counter
    func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        counter.value += 1
        counter.visited.append(node.name)
        return .success
    }
}

private func nodes(_ n: Int) -> [Node] { (0..<n).map { Node(metadata: ObjectMeta(name: "n\($0)")) } }
private let pod = PodInfo(Pod(metadata: ObjectMeta(name: "p", namespace: "default"), spec: PodSpec(containers: [])))

@Suite struct SchedulingProfileTests {
    @Test func failureMessageCountsReasonsPerNodeSortedAsText() throws {
        let profile = SchedulingProfile(schedulerName: "s", plugins: [
            RejectNodes(name: "A", nodes: ["n0"], reason: "Insufficient cpu"),
            RejectNodes(name: "B", nodes: ["n0", "n1", "n2"], reason: "node(s) had untolerated taint {k: v}", code: .unschedulableAndUnresolvable),
        ])
        let error = try #require(throws: FitError.self) { try profile.schedule(pod, in: Snapshot(nodes: nodes(3))) }
        // The first failing filter of each node is the one reported.
        #expect(error.message == "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {k: v}.")
        #expect(!error.preemptionCannotHelp)
    }

    @Test func noNodesMessage() throws {
        let profile = SchedulingProfile(schedulerName: "s", plugins: [])
        let error = try #require(throws: FitError.self) { try profile.schedule(pod, in: Snapshot()) }
        #expect(error.message == "no nodes available to schedule pods")
    }

    @Test func highestWeightedScoreWins() throws {
        let profile = SchedulingProfile(
            schedulerName: "s",
            plugins: [FixedScore(name: "X", scores: ["n0": 10, "n1": 50]), FixedScore(name: "Y", scores: ["n0": 30, "n2": 5])],
            weights: ["X": 1, "Y": 2])
        // n0: 10 + 60 = 70; n1: 50; n2: 10.
        #expect(try profile.schedule(pod, in: Snapshot(nodes: nodes(3))).nodeName == "n0")
    }

    @Test(arguments: [(false, "n2"), (true, "n0")])
    func aPreScoreThatSkipsLeavesItsScoreOut(skip: Bool, winner: String) throws {
        let profile = SchedulingProfile(
            schedulerName: "s", plugins: [FixedScore(name: "X", scores: ["n0": 50]), SkippableScore(skip: skip)])
        #expect(try profile.schedule(pod, in: Snapshot(nodes: nodes(3))).nodeName == winner)
    }

    @Test func skipsGoByNameAsInKubernetes() throws {
        // Two plugins of one name: one PreScore skipping leaves out both Scores.
        let profile = SchedulingProfile(
            schedulerName: "s",
            plugins: [FixedScore(name: "X", scores: ["n0": 50]), SkippableScore(skip: false), SkippableScore(skip: true)])
        #expect(try profile.schedule(pod, in: Snapshot(nodes: nodes(3))).nodeName == "n0")
    }

    @Test func tiesAreBrokenAtRandom() throws {
        let profile = SchedulingProfile(schedulerName: "s", plugins: [])
        let snapshot = Snapshot(nodes: nodes(4))
        var chosen: Set<String> = []
        for _ in 0..<200 { chosen.insert(try profile.schedule(pod, in: snapshot).nodeName) }
        #expect(chosen == ["n0", "n1", "n2", "n3"])
    }

    @Test(arguments: [(50, 50), (99, 99), (100, 100), (1000, 420), (5000, 500), (6000, 300), (10000, 500)])
    func adaptiveSampling(all: Int, expected: Int) {
        #expect(SchedulingProfile(schedulerName: "s", plugins: []).numFeasibleNodesToFind(all) == expected)
    }

    @Test func filteringStopsAtTheSampleAndRotatesTheStart() throws {
        let counter = Counter()
        let profile = SchedulingProfile(schedulerName: "s", plugins: [CountingFilter(counter: counter)])
        let snapshot = Snapshot(nodes: nodes(1000))
        let first = try profile.schedule(pod, in: snapshot)
        #expect(first.evaluatedNodes == 420)
        #expect(counter.value == 420)
        #expect(profile.nextStartNodeIndex == 420)
        _ = try profile.schedule(pod, in: snapshot)
        #expect(profile.nextStartNodeIndex == 840)
        // The third cycle runs past the end of the list and on from its start.
        counter.visited = []
        _ = try profile.schedule(pod, in: snapshot)
        #expect(counter.visited == (840..<1000).map { "n\($0)" } + (0..<260).map { "n\($0)" })
        #expect(profile.nextStartNodeIndex == 260)
    }
}

/// The per-cycle state plugins keep between their extension points.
@Suite struct CycleStateTests {
    @Test func valuesAreReadByKeyAndTypeInPlaceOrByCopy() {
        let counts = CycleStateKey("counts")
        let other = CycleStateKey("counts")
        let state = CycleState()
        state.write(counts, [1, 2, 3])
        #expect(state.read(counts, as: [Int].self) == [1, 2, 3])
        #expect(state.withValue(counts, as: [Int].self) { $0.reduce(0, +) } == 6)
        // Keys are told apart by identity, not name; a value of another type is not there.
        #expect(state.withValue(other, as: [Int].self) { $0.count } == nil)
        #expect(state.withValue(counts, as: [String].self) { $0.count } == nil)
        // A clone keeps the values; a later write to either does not reach the other.
        let copy = state.clone()
        copy.write(counts, [4])
        #expect(state.withValue(counts, as: [Int].self) { $0.count } == 3)
        #expect(copy.withValue(counts, as: [Int].self) { $0.count } == 1)
    }
}
