import ArgumentParser
import Foundation
import KubeClient
import KubeStorage
import KubeStorageConformance

/// `skiff bench datastores`: the API server's write figures on the embedded SQLite store, on one
/// etcd member and on three, side by side in one run, each beside the raw write rate of its store
/// through the client the API server uses. The bench starts etcd itself (Debian's `etcd` binary)
/// on free loopback ports with temporary data folders, and removes them.
struct DatastoresBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datastores", abstract: "Benchmark the API server on SQLite and on etcd (1 and 3 members) in one run.")

    @Option(help: "Pods each API server run creates.") var pods = 5_000
    @Option(help: "Keys each raw store run creates.") var rawWrites = 10_000
    @Option(help: "Bytes per raw value (default: the size the API server stored for the bench's pod in the same backend's run).")
    var valueBytes: Int?
    @Option(help: "Concurrent clients (raw writers and API clients alike).") var concurrency = 64
    @Option(help: "Target rate of the paced latency run (writes/s).") var rate = 300
    @Option(help: "Seconds of the paced latency run.") var seconds = 5
    @Option(help: "Backends, comma-separated: sqlite, etcd1, etcd3.") var backends = "sqlite,etcd1,etcd3"

    /// One backend's figures.
    struct Row {
        var backend: String
        var raw: RawStoreWrites.Result
        /// Bytes of each raw value.
        var valueBytes: Int
        var creates: Double
        var paced: Percentiles
        /// CPU per raw write: the store's processes (etcd; nil for SQLite, which runs in the
        /// writer) and the writer (this process).
        var rawCPU: (store: Double?, writer: Double)
        /// CPU per API create: etcd, the load generator (this process) and the API server.
        var apiCPU: (store: Double?, client: Double, server: Double)
    }

    func run() async throws {
        print(BenchMachine.summary())
        var rows: [Row] = []
        for backend in backends.split(separator: ",").map(String.init) {
            let members: Int
            switch backend {
            case "sqlite": members = 0
            case "etcd1": members = 1
            case "etcd3": members = 3
            default: throw ValidationError("unknown backend \(backend): use sqlite, etcd1 or etcd3")
            }
            let row = try await measure(backend: backend, members: members)
            print(String(format: "%@: raw store %.0f writes/s of %d B (p50 %.2f ms, p99 %.2f ms); API server %.0f pod creates/s; paced %d/s p50 %.2f ms, p99 %.2f ms",
                         backend, row.raw.rate, row.valueBytes, row.raw.latency.p50, row.raw.latency.p99, row.creates, rate, row.paced.p50, row.paced.p99))
            print(Self.cpuLine(row))
            rows.append(row)
        }
        print(Self.table(rows, rate: rate), terminator: "")
    }

    /// Refuses a raw value size below one byte.
    func validate() throws {
        if let valueBytes, valueBytes < 1 { throw ValidationError("--value-bytes must be at least 1") }
    }

    /// The API server on a fresh store of the backend, then raw writes into another fresh one,
    /// of values as large as the pods the API server stored (unless `valueBytes` says).
    private func measure(backend: String, members: Int) async throws -> Row {
        let api = try await measureAPIServer(members: members)
        let bytes = api.storedPodBytes
        let etcd = members > 0 ? try EtcdTestCluster.start(size: members) : nil
        defer { etcd?.stop() }
        let rawDir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-bench-raw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: rawDir) }
        let store = try await Self.freshStore(etcd, sqlitePath: "\(rawDir)/state.db")
        let rawStart = CPUClock(etcd, nil)
        let raw = try await store.closing { try await RawStoreWrites.measure($0, writes: rawWrites, concurrency: concurrency, valueBytes: bytes) }
        let rawCPU = CPUClock(etcd, nil).perOperation(since: rawStart, count: rawWrites)
        return Row(
            backend: backend, raw: raw, valueBytes: bytes, creates: api.creates, paced: api.paced,
            rawCPU: (rawCPU.etcd, rawCPU.this), apiCPU: api.cpu)
    }

    /// A client of `etcd`, reachable, or else a SQLite store at `sqlitePath`.
    private static func freshStore(_ etcd: EtcdTestCluster?, sqlitePath: String) async throws -> any KeyValueStore {
        guard let etcd else { return try SQLiteStore(path: sqlitePath) }
        let client = try EtcdStore(configuration: EtcdConfiguration(endpoints: etcd.endpoints))
        try await client.waitUntilReachable(timeout: .seconds(60))
        return client
    }

    /// The API server's figures on a fresh store (an etcd holding only the server's own keys,
    /// as the README asks), and the size of one pod as the server stored it (`valueBytes` when
    /// given).
    private func measureAPIServer(members: Int) async throws
        -> (creates: Double, paced: Percentiles, cpu: (store: Double?, client: Double, server: Double), storedPodBytes: Int)
    {
        let fresh = members > 0 ? try EtcdTestCluster.start(size: members) : nil
        defer { fresh?.stop() }
        let server = try await BenchServer.start(
            extraArguments: ["--disable-scheduler"] + (fresh.map { ["--datastore-endpoint", $0.endpoints] } ?? []))
        defer { server.stop() }
        let client = KubeClient(config: server.client, maxConnections: concurrency + 8)
        let load = LoadGenerator(client: client)
        let creates: Double, paced: Percentiles, cpu: (store: Double?, client: Double, server: Double)
        do {
            try await load.createNamespace("bench")
            let apiStart = CPUClock(fresh, server)
            let run = try await load.createPods(count: pods, concurrency: concurrency, namespace: "bench")
            let perCreate = CPUClock(fresh, server).perOperation(since: apiStart, count: pods)
            cpu = (perCreate.etcd, perCreate.this, perCreate.server)
            creates = Double(pods) / run.seconds
            paced = try await load.pacedWrites(rate: rate, seconds: seconds, namespace: "bench")
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw error
        }
        if let valueBytes { return (creates, paced, cpu, valueBytes) }
        server.stop(keepingData: true)
        // Read after the server stopped, so that SQLite's file is closed.
        let stored = try await Self.freshStore(fresh, sqlitePath: "\(server.dataDir)/db/state.db").closing {
            try await $0.range(prefix: "/registry/pods/bench/", startKey: nil, limit: 1, revision: nil).kvs.first
        }
        guard let stored else { throw CleanExitError("the API server stored no pod under /registry/pods/bench/") }
        return (creates, paced, cpu, stored.value.count)
    }

    /// Where each write's CPU went in the two runs. Both runs share the same cores, so when both
    /// fill them the API server's share of the raw rate is about the ratio of the totals.
    static func cpuLine(_ row: Row) -> String {
        let store = { (v: Double?) in v.map { String(format: "etcd %.0f us + ", $0) } ?? "" }
        let raw = (row.rawCPU.store ?? 0) + row.rawCPU.writer
        let api = (row.apiCPU.store ?? 0) + row.apiCPU.client + row.apiCPU.server
        var line = String(
            format: "  CPU per write: raw %@writer %.0f us = %.0f us; API %@load generator %.0f us + API server %.0f us = %.0f us",
            store(row.rawCPU.store), row.rawCPU.writer, raw, store(row.apiCPU.store), row.apiCPU.client, row.apiCPU.server, api)
        if let etcd = row.apiCPU.store {
            // An API server that did nothing but the store call the raw writer makes would cost
            // the writer's figure; the share could then be no higher than this.
            let ceiling = raw / (etcd + row.apiCPU.client + row.rawCPU.writer)
            line += String(format: "\n  share ceiling if the API server cost no more than the raw writer's etcd call: %.0f%%", 100 * ceiling)
        }
        return line
    }

    /// The Markdown table docs/benchmarks.md records.
    static func table(_ rows: [Row], rate: Int) -> String {
        var out = "| backend | raw store writes/s (p99), value size | API server pod creates/s | API / raw | paced \(rate)/s p50, p99 |\n|---|---|---|---|---|\n"
        for r in rows {
            out += String(format: "| %@ | %.0f (%.1f ms), %d B | %.0f | %.0f%% | %.2f ms, %.2f ms |\n",
                          r.backend, r.raw.rate, r.raw.latency.p99, r.valueBytes, r.creates, 100 * r.creates / r.raw.rate, r.paced.p50, r.paced.p99)
        }
        return out
    }
}
