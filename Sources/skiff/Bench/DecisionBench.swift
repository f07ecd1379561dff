import ArgumentParser
import Foundation
import KubeAPI
import KubeScheduler
import KubeSimulator

/// `skiff bench decisions`: the scheduler's decision alone, in process. It fills a scheduler
/// cache with hollow nodes as `skiff simulate` registers them, then schedules the bench's pods one
/// by one with the default profile (PreFilter, Filter over Kubernetes' adaptive sample of nodes,
/// Score, the pick) and assumes each on its node, as the scheduling loop does, without the API
/// server, the informers or the bindings. Each round starts from an empty cache; the best round
/// is reported.
struct DecisionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions", abstract: "Benchmark the scheduler's decisions in process.")

    @Option(help: "Hollow nodes.") var nodes = 5000
    @Option(help: "Pods scheduled per round.") var pods = 10_000
    @Option(help: "Zones the nodes are spread over.") var zones = 10
    @Option(help: "Rounds (the best is reported).") var rounds = 5

    func validate() throws {
        guard nodes > 0, pods > 0, rounds > 0 else { throw ValidationError("--nodes, --pods and --rounds must be above 0") }
        guard zones >= 0 else { throw ValidationError("--zones must be 0 or more") }
        let room = HollowNodeConfig(count: nodes).pods
        guard pods <= nodes * room else { throw ValidationError("--pods must fit on the nodes (\(room) pods each)") }
    }

    func run() async throws {
        var fleet = HollowNodeConfig(count: nodes)
        fleet.zones = zones
        let nodeObjects = try (0..<nodes).map { i in
            try JSONValueDecoder().decode(Node.self, from: fleet.node(i, podRange: "10.128.0.0/24", now: "2026-11-27T10:00:00Z"))
        }
        let podInfos = try (0..<pods).map { i in PodInfo(try Self.pod("bench-\(i)")) }
        var best = Duration.seconds(1_000_000)
        var evaluated = 0
        for _ in 0..<rounds {
            let cache = SchedulerCache()
            for node in nodeObjects { cache.upsert(node: node) }
            let profile = SchedulingProfile(
                schedulerName: "default-scheduler", plugins: PluginRegistry.defaultPlugins(),
                weights: PluginRegistry.defaultWeights, seed: 1)
            evaluated = 0
            let start = ContinuousClock.now
            for pod in podInfos {
                let result = try profile.schedule(pod, in: cache.snapshot)
                cache.assume(pod, on: result.nodeName)
                evaluated += result.evaluatedNodes
            }
            best = min(best, ContinuousClock.now - start)
        }
        let perPod = JSONBench.nanoseconds(best) / Double(pods)
        print(BenchMachine.summary())
        print("\(pods) pods on \(nodes) hollow nodes, \(evaluated / pods) nodes filtered per pod")
        // The second figure is the whole decision (PreFilter, Filter, Score, the pick, the
        // assume) over the nodes it filtered, for comparing runs of different sample sizes.
        let perNode = perPod * Double(pods) / Double(max(evaluated, 1))
        print(String(format: "decision: %.1f us per pod (%.0f ns per node filtered), best of %d rounds", perPod / 1000, perNode, rounds))
    }

    /// Bench pod `name` as the scheduler reads it once the API server has defaulted it: the load
    /// generator's pod with the scheduler's name, priority and the two default tolerations.
    static func pod(_ name: String) throws -> Pod {
        var pod = try JSONValue.parse(LoadGenerator.pod(name))
        pod["metadata"]?["namespace"] = "bench"
        pod["metadata"]?["uid"] = .string(UUID().uuidString.lowercased())
        pod["spec"]?["schedulerName"] = "default-scheduler"
        pod["spec"]?["priority"] = 0
        pod["spec"]?["tolerations"] = [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
        ]
        return try JSONValueDecoder().decode(Pod.self, from: pod)
    }
}
