import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `skiff bench`: the project's benchmarks, each printing the figures `docs/benchmarks.md` records.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure Skiff's performance figures.",
        subcommands: [APIServerBench.self, SchedulerBench.self, ControllersBench.self, PodStartupBench.self, EtcdBench.self,
            DatastoresBench.self, JSONBench.self, DecisionBench.self, HandlerBench.self])
}

/// `skiff bench apiserver`: starts `skiff server --disable-agent --disable-scheduler` as a child process on a free
/// loopback port with a fresh data folder and measures start-up, idle memory, write throughput
/// and latency, list time and watch fan-out latency through its HTTP API.
struct APIServerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apiserver", abstract: "Benchmark the API server.")

    @Option(help: "Pods to create in the throughput run.") var pods = 20_000
    @Option(help: "Concurrent clients in the throughput run.") var concurrency = 64
    @Option(help: "GETs of one pod in the read run.") var gets = 20_000
    @Option(help: "Target rate of the latency run (writes/s).") var rate = 1_000
    @Option(help: "Seconds of the latency run.") var seconds = 10
    @Option(help: "Pods in the list run.") var listPods = 10_000
    @Option(help: "Concurrent watchers in the fan-out run.") var watchers = 1_000
    @Option(help: "Events written in the fan-out run.") var watchEvents = 20
    @Option(help: "The server's --datastore-endpoint (default: its embedded SQLite store).") var datastoreEndpoint: String?
    @Flag(help: "Run the server without its controller manager (as `bench scheduler` does), to see the API server's own cost.")
    var disableControllerManager = false

    func run() async throws {
        // No scheduler: with no nodes it would answer every bench pod with a FailedScheduling
        // event and a status write, and this run measures the API server's own path.
        let server = try await BenchServer.start(
            extraArguments: ["--disable-scheduler"] + (disableControllerManager ? ["--disable-controller-manager"] : [])
                + (datastoreEndpoint.map { ["--datastore-endpoint", $0] } ?? []))
        defer { server.stop() }
        print(BenchMachine.summary())
        print(String(format: "ready: %.0f ms after exec", server.readyMilliseconds))
        try await Task.sleep(for: .seconds(3))
        let pid = server.process.processIdentifier
        print(
            String(
                format: "idle RSS: %.1f MiB (anonymous %.1f MiB, file-backed %.1f MiB)", server.residentMiB(),
                BenchServer.memoryMiB(pid: pid, field: "RssAnon"), BenchServer.memoryMiB(pid: pid, field: "RssFile")))
        let client = KubeClient(config: server.client, maxConnections: watchers + concurrency + 16)
        let load = LoadGenerator(client: client)
        try await load.createNamespace("bench")
        let prefix = LoadGenerator.randomPrefix()
        let createStart = CPUClock(nil, server)
        let throughput = try await load.createPods(count: pods, concurrency: concurrency, namespace: "bench", prefix: prefix)
        let createCPU = CPUClock(nil, server).perOperation(since: createStart, count: pods)
        print(String(format: "creates: %d pods in %.2f s = %.0f pods/s (concurrency %d)", pods, throughput.seconds, Double(pods) / throughput.seconds, concurrency))
        print(String(format: "  CPU during creates: server %.1f s (%.0f us/create), load generator %.1f s (%.0f us/create)",
                     createCPU.server * Double(pods) / 1e6, createCPU.server, createCPU.this * Double(pods) / 1e6, createCPU.this))
        print(String(format: "RSS after creates: %.1f MiB", server.residentMiB()))
        // The other two writes every scheduled pod costs: its binding and its first status.
        try await measure("bindings", count: pods, server: server) {
            try await load.bindPods(count: pods, concurrency: concurrency, namespace: "bench", prefix: prefix, nodes: 5_000).seconds
        }
        try await measure("status patches", count: pods, server: server) {
            try await load.patchRunning(count: pods, concurrency: concurrency, namespace: "bench", prefix: prefix).seconds
        }
        try await measureGets(load, server: server)
        let latency = try await load.pacedWrites(rate: rate, seconds: seconds, namespace: "bench")
        print(String(format: "paced writes at %d/s for %d s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", rate, seconds, latency.p50, latency.p99, latency.max))
        try await load.createNamespace("bench-list")
        _ = try await load.createPods(count: listPods, concurrency: concurrency, namespace: "bench-list")
        // The list is timed once the server has caught up with the creates' watch deliveries.
        let settled = try await server.waitUntilQuiet()
        let list = try await load.timeList(namespace: "bench-list", expected: listPods)
        print(String(format: "list %d pods: best %.1f ms, median %.1f ms (of 5; server quiet %.1f s after the creates)", listPods, list.best, list.median, settled))
        let fanout = try await load.watchFanout(watchers: watchers, events: watchEvents, namespace: "bench")
        print(String(format: "watch fan-out: %d watchers x %d events, delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d deliveries)", watchers, watchEvents, fanout.p50, fanout.p99, fanout.max, fanout.count))
        print(BenchMachine.speedAfter())
        await client.shutdown()
    }

    /// GETs of one created pod: the server's cost of a request it answers from its watch cache,
    /// the part of every request that is not the write (TLS, HTTP, routing, authentication and
    /// authorization, encoding the answer).
    private func measureGets(_ load: LoadGenerator, server: BenchServer) async throws {
        let list = try await load.client.list(.pods, namespace: "bench", options: ListOptions(limit: 1))
        guard let name = list.items.first?.name else { throw CleanExitError("no pod to read") }
        let path = ResourceInfo.pods.objectPath(namespace: "bench", name: name)
        try await measure("gets", count: gets, of: " of one pod", server: server) {
            try await load.gets(count: gets, concurrency: concurrency, path: path).seconds
        }
    }

    /// Runs `operations` (`count` requests, returning the wall time) and prints their rate and
    /// the server's and this process's CPU per request.
    private func measure(
        _ what: String, count: Int, of noun: String = "", server: BenchServer, _ operations: () async throws -> Double
    ) async throws {
        let start = CPUClock(nil, server)
        let seconds = try await operations()
        let cpu = CPUClock(nil, server).perOperation(since: start, count: count)
        print("\(what): \(count)\(noun)" + String(format: " in %.2f s = %.0f/s; CPU: server %.0f us each, load generator %.0f us each",
                     seconds, Double(count) / seconds, cpu.server, cpu.this))
    }
}
