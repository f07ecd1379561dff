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
    @Option(help: "Concurrent clients (raw writers and API clients alike).") var concurrency = 64
    @Option(help: "Target rate of the paced latency run (writes/s).") var rate = 300
    @Option(help: "Seconds of the paced latency run.") var seconds = 5
    @Option(help: "Backends, comma-separated: sqlite, etcd1, etcd3.") var backends = "sqlite,etcd1,etcd3"

    /// One backend's figures.
    struct Row {
        var backend: String
        var raw: RawStoreWrites.Result
        var creates: Double
        var paced: Percentiles
    }

    func run() async throws {
        print(BenchMachine.summary)
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
            print(String(format: "%@: raw store %.0f writes/s (p50 %.2f ms, p99 %.2f ms); API server %.0f pod creates/s; paced %d/s p50 %.2f ms, p99 %.2f ms",
                         backend, row.raw.rate, row.raw.latency.p50, row.raw.latency.p99, row.creates, rate, row.paced.p50, row.paced.p99))
            rows.append(row)
        }
        print(Self.table(rows, rate: rate), terminator: "")
    }

    /// Raw writes into a fresh store of the backend, then the API server on a fresh one.
    private func measure(backend: String, members: Int) async throws -> Row {
        let etcd = members > 0 ? try EtcdTestCluster.start(size: members) : nil
        defer { etcd?.stop() }
        let rawDir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-bench-raw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: rawDir) }
        let store: any KeyValueStore
        if let etcd {
            let client = try EtcdStore(configuration: EtcdConfiguration(endpoints: etcd.endpoints))
            try await client.waitUntilReachable(timeout: .seconds(60))
            store = client
        } else {
            store = try SQLiteStore(path: "\(rawDir)/state.db")
        }
        let raw = try await RawStoreWrites.measure(store, writes: rawWrites, concurrency: concurrency, valueBytes: 1_300)
        await store.close()
        // The API server gets an etcd holding only its own keys, as the README asks.
        let fresh = members > 0 ? try EtcdTestCluster.start(size: members) : nil
        defer { fresh?.stop() }
        etcd?.stop()
        let server = try await BenchServer.start(
            extraArguments: ["--disable-scheduler"] + (fresh.map { ["--datastore-endpoint", $0.endpoints] } ?? []))
        defer { server.stop() }
        let client = KubeClient(config: server.client, maxConnections: concurrency + 8)
        let load = LoadGenerator(client: client)
        do {
            try await load.createNamespace("bench")
            let creates = try await load.createPods(count: pods, concurrency: concurrency, namespace: "bench")
            let paced = try await load.pacedWrites(rate: rate, seconds: seconds, namespace: "bench")
            await client.shutdown()
            return Row(backend: backend, raw: raw, creates: Double(pods) / creates.seconds, paced: paced)
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// The Markdown table docs/benchmarks.md records.
    static func table(_ rows: [Row], rate: Int) -> String {
        var out = "| backend | raw store writes/s (p99) | API server pod creates/s | API / raw | paced \(rate)/s p50, p99 |\n|---|---|---|---|---|\n"
        for r in rows {
            out += String(format: "| %@ | %.0f (%.1f ms) | %.0f | %.0f%% | %.2f ms, %.2f ms |\n",
                          r.backend, r.raw.rate, r.raw.latency.p99, r.creates, 100 * r.creates / r.raw.rate, r.paced.p50, r.paced.p99)
        }
        return out
    }
}
