import ArgumentParser
import Foundation
import KubeStorage

/// `skiff bench etcd`: raw etcd write load through the store's own gRPC client (no API server),
/// the baseline the API server's figures on etcd are compared with.
struct EtcdBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "etcd", abstract: "Benchmark raw etcd writes.")

    @Option(help: "etcd client URLs, comma-separated.") var endpoints = "http://127.0.0.1:2379"
    @Option(help: "Keys to create.") var writes = 20_000
    @Option(help: "Concurrent writers.") var concurrency = 64
    @Option(help: "Bytes per value (the bench's pod as the API server stores it is about 2.6 KB).") var valueBytes = 2_600

    func validate() throws {
        if valueBytes < 1 { throw ValidationError("--value-bytes must be at least 1") }
    }

    func run() async throws {
        let store = try EtcdStore(configuration: EtcdConfiguration(endpoints: endpoints))
        try await store.waitUntilReachable(timeout: .seconds(30))
        let result = try await RawStoreWrites.measure(store, writes: writes, concurrency: concurrency, valueBytes: valueBytes)
        print(String(format: "etcd creates: %d keys of %d B in %.2f s = %.0f writes/s (concurrency %d), p50 %.2f ms, p99 %.2f ms",
                     writes, valueBytes, result.seconds, result.rate, concurrency, result.latency.p50, result.latency.p99))
        await store.close()
    }
}

/// Creates keys straight through a store (no API server): the rate a backend gives its client.
enum RawStoreWrites {
    /// Wall time, writes per second and per-write latency of one run.
    struct Result {
        var seconds: Double
        var rate: Double
        var latency: Percentiles
    }

    /// Creates `writes` keys of `valueBytes` under a fresh `/skiff-bench/` prefix from
    /// `concurrency` writers.
    static func measure(_ store: any KeyValueStore, writes: Int, concurrency: Int, valueBytes: Int) async throws -> Result {
        let value = [UInt8](repeating: UInt8(ascii: "x"), count: valueBytes)
        let prefix = "/skiff-bench/\(UUID().uuidString)/"
        let started = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var mine: [Double] = []
                    for i in stride(from: worker, to: writes, by: concurrency) {
                        let t0 = ContinuousClock.now
                        _ = try await store.create("\(prefix)\(i)", value: value)
                        mine.append((ContinuousClock.now - t0).milliseconds)
                    }
                    return mine
                }
            }
            var all: [Double] = []
            for try await s in group { all += s }
            return all
        }
        let seconds = (ContinuousClock.now - started).milliseconds / 1000
        return Result(seconds: seconds, rate: Double(writes) / seconds, latency: Percentiles(samples))
    }
}
