import CSkiffPrefetch
import KubeAPI

/// One scheduler profile: the plugins at each extension point, in order, with score weights.
/// `schedule(_:in:)` runs one scheduling cycle's decision: PreFilter, Filter over a sample of
/// nodes, PreScore, Score, normalisation, weighting, and a random pick among the best.
public final class SchedulingProfile {
    /// The `spec.schedulerName` pods must carry for this profile to schedule them.
    public let schedulerName: String
    let preFilters: [any PreFilterPlugin]
    /// The Filter plugins, held here for the profile's lifetime; `filters` borrows them.
    private let filterCalls: [FilterCall]
    /// The Filter plugins as the per-node loop calls them, without retaining each one.
    private let filters: [Unmanaged<FilterCall>]
    let preScores: [any PreScorePlugin]
    /// The Score plugins with their weights, in order.
    private let scores: [ScoreCall]
    /// Percentage of nodes to evaluate; 0 means Kubernetes' adaptive default.
    public let percentageOfNodesToScore: Int
    private(set) var nextStartNodeIndex = 0
    private var random: SplitMix64

    /// A profile with `plugins` in order; each plugin takes part in every extension point it
    /// implements. `weights` gives score weights by plugin name (1 when absent); `seed` seeds the
    /// generator that breaks ties between equally scored nodes.
    public init(
        schedulerName: String, plugins: [any SchedulerPlugin], weights: [String: Int64] = [:],
        percentageOfNodesToScore: Int = 0, seed: UInt64 = UInt64.random(in: 0...UInt64.max)
    ) {
        self.schedulerName = schedulerName
        preFilters = plugins.compactMap { $0 as? any PreFilterPlugin }
        filterCalls = plugins.compactMap { ($0 as? any FilterPlugin).map(FilterCall.wrapping) }
        filters = filterCalls.map { Unmanaged.passUnretained($0) }
        preScores = plugins.compactMap { $0 as? any PreScorePlugin }
        let preScoreNames = preScores.map(\.name)
        scores = plugins.compactMap { p in
            (p as? any ScorePlugin).map {
                ScoreCall.wrapping(
                    $0, weight: weights[p.name] ?? 1, preScoreIndices: preScoreNames.indices.filter { preScoreNames[$0] == p.name })
            }
        }
        self.percentageOfNodesToScore = percentageOfNodesToScore
        random = SplitMix64(seed: seed)
    }

    /// Runs PreFilter for `pod`; the first non-success, non-skip status ends it. Returns the
    /// names of plugins that asked to be skipped.
    func runPreFilters(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> (PluginStatus, Set<String>) {
        var skipped: Set<String> = []
        for p in preFilters {
            var status = p.preFilter(state: state, pod: pod, snapshot: snapshot)
            if status.isSkip { skipped.insert(p.name); continue }
            if !status.isSuccess {
                status.plugin = p.name
                return (status, skipped)
            }
        }
        return (.success, skipped)
    }

    /// Runs every Filter plugin not in `skipped` on `node`; the first failure is returned.
    public func runFilters(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo, skipped: Set<String> = []) -> PluginStatus {
        Self.run(activeFilters(skipped), state, pod, node)
    }

    /// The Filter plugins not in `skipped`, resolved once per pod so the per-node loop does no lookups.
    /// The references stay valid while the profile lives (`filterCalls` holds them).
    func activeFilters(_ skipped: Set<String>) -> [Unmanaged<FilterCall>] {
        skipped.isEmpty ? filters : filters.filter { !skipped.contains($0.takeUnretainedValue().name) }
    }

    private static func run(_ filters: [Unmanaged<FilterCall>], _ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        for call in filters {
            let status = call._withUnsafeGuaranteedRef { call in
                var status = call.filter(state: state, pod: pod, node: node)
                if !status.isSuccess { status.plugin = call.name }
                return status
            }
            if !status.isSuccess { return status }
        }
        return .success
    }

    /// Runs PreFilter and Filter for `pod` as preemption needs them: a fresh state, and whether
    /// `pod` would fit `node` as it is now. The state is returned so it can be adjusted with
    /// `PreFilterExtensions` for what-if evaluation.
    public func preFilterState(_ pod: PodInfo, _ snapshot: Snapshot) -> (CycleState, PluginStatus, Set<String>) {
        let state = CycleState()
        let (status, skipped) = runPreFilters(state, pod, snapshot)
        return (state, status, skipped)
    }

    /// Plugins that can update their PreFilter state for added or removed pods.
    public var preFilterExtensions: [any PreFilterExtensions] { preFilters.compactMap { $0 as? any PreFilterExtensions } }

    /// How many nodes ahead of the one being filtered the next node's memory is requested.
    static let prefetchDistance = 8

    /// How many feasible nodes to look for before scoring, out of `all` (Kubernetes' adaptive rule:
    /// all below 100 nodes, else 50% minus 1% per 125 nodes, at least 5% and at least 100 nodes).
    public func numFeasibleNodesToFind(_ all: Int) -> Int {
        if all < 100 { return all }
        var percentage = percentageOfNodesToScore
        if percentage <= 0 {
            percentage = max(50 - all / 125, 5)
        }
        if percentage >= 100 { return all }
        return max(all * percentage / 100, 100)
    }

    /// Picks a node for `pod`, or throws `FitError` saying why no node fits.
    public func schedule(_ pod: PodInfo, in snapshot: Snapshot) throws(FitError) -> ScheduleResult {
        let nodes = snapshot.nodes
        if nodes.isEmpty { throw FitError(pod: pod, numAllNodes: 0, preFilterStatus: nil, nodeStatuses: [:]) }
        let state = CycleState()
        let (preStatus, skipped) = runPreFilters(state, pod, snapshot)
        if !preStatus.isSuccess {
            throw FitError(pod: pod, numAllNodes: nodes.count, preFilterStatus: preStatus, nodeStatuses: [:])
        }
        let want = numFeasibleNodesToFind(nodes.count)
        let active = activeFilters(skipped)
        var feasible: [NodeInfo] = []
        feasible.reserveCapacity(min(want, nodes.count))
        // Why each visited node failed, kept as a list: it becomes the FitError's map only when
        // no node fits, and most cycles that reject nodes still place the pod.
        var failures: [(node: NodeInfo, status: PluginStatus)] = []
        var processed = 0
        let start = nextStartNodeIndex % nodes.count
        // The node visited and the one prefetched, each wrapping around the end of the list
        // (kept as indices that wrap by a compare: a division per node costs more than a filter).
        var index = start
        var ahead = (start + Self.prefetchDistance) % nodes.count
        // The nodes are read through unretained references: `nodes`, this cycle's copy of the
        // snapshot's list, holds them, and a retain and release per visit would be most of a
        // visit's cost.
        Self.withUnretained(nodes) { nodes in
            while processed < nodes.count && feasible.count < want {
                // The nodes' objects are scattered over the heap, and at thousands of nodes most are
                // out of the caches: start loading a node a few visits before its filters read it.
                NodeInfo.prefetch(nodes[ahead])
                ahead += 1
                if ahead == nodes.count { ahead = 0 }
                let node = nodes[index]
                index += 1
                if index == nodes.count { index = 0 }
                processed += 1
                let status = node._withUnsafeGuaranteedRef { Self.run(active, state, pod, $0) }
                if status.isSuccess {
                    feasible.append(node.takeUnretainedValue())
                } else {
                    failures.append((node.takeUnretainedValue(), status))
                }
            }
        }
        nextStartNodeIndex = index
        if feasible.isEmpty {
            let statuses = Dictionary(failures.map { ($0.node.name, $0.status) }, uniquingKeysWith: { _, last in last })
            throw FitError(pod: pod, numAllNodes: nodes.count, preFilterStatus: nil, nodeStatuses: statuses)
        }
        if feasible.count == 1 {
            return ScheduleResult(nodeName: feasible[0].name, evaluatedNodes: processed, feasibleNodes: 1)
        }
        let totals = score(state, pod, feasible, snapshot)
        return ScheduleResult(nodeName: selectHost(feasible, totals), evaluatedNodes: processed, feasibleNodes: feasible.count)
    }

    /// The weighted score totals of `nodes` for `pod`.
    func score(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> [Int64] {
        // Whether each PreScore plugin asked to skip its Score, by its index in `preScores`.
        var skipped = [Bool](repeating: false, count: preScores.count)
        for (i, p) in preScores.enumerated() {
            skipped[i] = p.preScore(state: state, pod: pod, nodes: nodes, snapshot: snapshot).isSkip
        }
        var totals = [Int64](repeating: 0, count: nodes.count)
        var pluginScores = [Int64](repeating: 0, count: nodes.count)
        for call in scores where !call.preScoreIndices.contains(where: { skipped[$0] }) {
            Self.withUnretained(nodes) { nodes in
                pluginScores.withUnsafeMutableBufferPointer { call.score(state, pod, nodes, into: $0) }
            }
            call.normalize(state, pod, &pluginScores)
            let weight = call.weight
            totals.withUnsafeMutableBufferPointer { totals in
                pluginScores.withUnsafeBufferPointer { scores in
                    for i in scores.indices { totals[i] += scores[i] * weight }
                }
            }
        }
        return totals
    }

    /// Calls `body` with `nodes` as unretained references, valid while `nodes` lives.
    private static func withUnretained<R>(_ nodes: [NodeInfo], _ body: (UnsafeBufferPointer<Unmanaged<NodeInfo>>) -> R) -> R {
        nodes.withUnsafeBufferPointer { $0.withMemoryRebound(to: Unmanaged<NodeInfo>.self, body) }
    }

    /// The name of a node with the highest total, chosen uniformly at random among ties.
    func selectHost(_ nodes: [NodeInfo], _ totals: [Int64]) -> String {
        var best = 0
        var ties = 1
        for i in 1..<nodes.count {
            if totals[i] > totals[best] {
                best = i
                ties = 1
            } else if totals[i] == totals[best] {
                ties += 1
                if Int.random(in: 0..<ties, using: &random) == 0 { best = i }
            }
        }
        return nodes[best].name
    }
}

/// Where a pod should go.
public struct ScheduleResult: Sendable, Equatable {
    /// The chosen node.
    public var nodeName: String
    /// How many nodes were filtered.
    public var evaluatedNodes: Int
    /// How many of them fit.
    public var feasibleNodes: Int
}
