import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `skiff bench scheduler`: a server (no controllers), `skiff simulate` with N hollow nodes and
/// the scheduler, either `skiff scheduler` as its own process (the default, so that its memory and
/// CPU are its own) or the one `skiff server` runs inside itself; creates P pods and measures the
/// time from the first create to the last binding, and the processes' memory and CPU.
struct SchedulerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scheduler", abstract: "Benchmark the scheduler with hollow nodes.")

    @Option(help: "Hollow nodes.") var nodes = 5_000
    @Option(help: "Pods to schedule.") var pods = 10_000
    @Option(help: "Concurrent pod creators.") var concurrency = 64
    @Option(help: "Zones the nodes are spread over.") var zones = 10
    @Option(help: "basic: plain pods; spread: required anti-affinity per group of 10 pods plus zone topology spread.")
    var workload = "basic"
    @Option(name: .customLong("lease-interval"), help: "Seconds between Lease renewals of each hollow node.")
    var leaseInterval = 10.0
    @Option(help: "process: `skiff scheduler` as its own process; server: the scheduler `skiff server` runs inside itself.")
    var scheduler = "process"

    func validate() throws {
        guard ["basic", "spread"].contains(workload) else { throw ValidationError("--workload must be basic or spread") }
        guard ["process", "server"].contains(scheduler) else { throw ValidationError("--scheduler must be process or server") }
    }

    func run() async throws {
        let inServer = scheduler == "server"
        let server = try await BenchServer.start(
            extraArguments: (inServer ? [] : ["--disable-scheduler"]) + ["--disable-controller-manager"])
        defer { server.stop() }
        let kubeconfig = "\(server.dataDir)/kubeconfig.yaml"
        print(BenchMachine.summary())
        print("workload: \(workload), \(pods) pods on \(nodes) hollow nodes, \(concurrency) concurrent creators, scheduler: \(inServer ? "inside the server" : "its own process")")
        let client = KubeClient(config: server.client, maxConnections: concurrency + 8)
        let t0 = ContinuousClock.now
        let simulator = try BenchChild(
            ["simulate", "--kubeconfig", kubeconfig, "--nodes", String(nodes), "--zones", String(zones),
             "--lease-interval", String(leaseInterval), "--log-level", "warning"],
            logPath: "\(server.dataDir)/simulate.log")
        defer { simulator.stop() }
        try await waitFor("\(nodes) nodes", timeout: .seconds(300)) {
            try await client.listAll(.nodes).items.count >= nodes
        }
        print(String(format: "nodes registered in %.1f s", (ContinuousClock.now - t0).milliseconds / 1000))
        let scheduler = inServer ? nil : try BenchChild(
            ["scheduler", "--kubeconfig", kubeconfig, "--no-leader-elect", "--log-level", "warning"],
            logPath: "\(server.dataDir)/scheduler.log")
        defer { scheduler?.stop() }
        let load = LoadGenerator(client: client)
        try await load.createNamespace("bench")
        try await waitForProbePod(client)
        if let scheduler { print(String(format: "scheduler ready, RSS %.1f MiB", scheduler.residentMiB())) }
        let tracker = BindingTracker()
        let watch = Task { try await tracker.follow(client, namespace: "bench") }
        try await Task.sleep(for: .milliseconds(500))
        let cpu0 = (scheduler?.cpuSeconds() ?? 0, server.cpuSeconds(), simulator.cpuSeconds())
        let requests0 = try await RequestCounts.read(client)
        let start = ContinuousClock.now
        let created = try await load.createPods(count: pods, concurrency: concurrency, namespace: "bench", body: podBody)
        print(String(format: "creates: %.2f s (%.0f pods/s)", created.seconds, Double(pods) / created.seconds))
        let bound = try await tracker.waitUntil(bound: pods, timeout: .seconds(600))
        let seconds = (bound - start).milliseconds / 1000
        print(String(format: "scheduled: %d pods in %.2f s from first create to last binding = %.0f pods/s", pods, seconds, Double(pods) / seconds))
        let running = try await tracker.waitUntil(running: pods, timeout: .seconds(600))
        print(String(format: "all Running after %.2f s", (running - start).milliseconds / 1000))
        let serverCPU = server.cpuSeconds() - cpu0.1, simulatorCPU = simulator.cpuSeconds() - cpu0.2
        if let scheduler {
            print(String(format: "CPU: scheduler %.1f s, API server %.1f s, simulator %.1f s", scheduler.cpuSeconds() - cpu0.0, serverCPU, simulatorCPU))
            print(String(format: "memory: scheduler RSS %.1f MiB (peak %.1f MiB), API server RSS %.1f MiB", scheduler.residentMiB(), scheduler.peakMiB(), server.residentMiB()))
        } else {
            print(String(format: "CPU: API server with its scheduler %.1f s, simulator %.1f s", serverCPU, simulatorCPU))
            print(String(format: "memory: API server with its scheduler RSS %.1f MiB", server.residentMiB()))
        }
        print(try await RequestCounts.read(client).since(requests0).summary())
        print(BenchMachine.speedAfter())
        watch.cancel()
        await client.shutdown()
    }

    /// The body of bench pod `index`: 100m CPU / 64Mi; with `spread`, pods come in groups of 10
    /// that must not share a node and spread evenly over zones.
    var podBody: @Sendable (String, Int) -> [UInt8] {
        let spread = workload == "spread"
        return { name, index in
            guard spread, case .object(var pod) = (try? JSONValue.parse(LoadGenerator.pod(name))) ?? .null else {
                return LoadGenerator.pod(name)
            }
            let group = JSONValue.string("g\(index / 10)")
            let selector: JSONValue = ["matchLabels": ["group": group]]
            pod["metadata"]?["labels"]?["group"] = group
            pod["spec"]?["affinity"] = ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                ["labelSelector": selector, "topologyKey": "kubernetes.io/hostname"],
            ]]]
            pod["spec"]?["topologySpreadConstraints"] = [[
                "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": selector,
            ]]
            return JSONValue.object(pod).serialized()
        }
    }

    private func waitForProbePod(_ client: KubeClient) async throws {
        _ = try await client.create(.pods, namespace: "bench", try JSONValue.parse(LoadGenerator.pod("probe")))
        try await waitFor("the probe pod to be scheduled", timeout: .seconds(60)) {
            let pod = try await client.get(.pods, namespace: "bench", name: "probe")
            return !(pod["spec"]?["nodeName"]?.stringValue ?? "").isEmpty
        }
        try await client.delete(.pods, namespace: "bench", name: "probe", gracePeriodSeconds: 0)
    }
}

/// Polls `condition` every `every` (200 ms) until it holds or `timeout` passes.
func waitFor(
    _ what: String, timeout: Duration, every: Duration = .milliseconds(200), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: every)
    }
    throw CleanExitError("timed out waiting for \(what)")
}
