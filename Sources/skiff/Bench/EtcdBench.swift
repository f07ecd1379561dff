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
    @Option(help: "Bytes per value (a typical stored pod is about 1.3 KB).") var valueBytes = 1_300

    func run() async throws {
        let store = try EtcdStore(configuration: EtcdConfiguration(endpoints: endpoints))
        try await store.waitUntilReachable(timeout: .seconds(30))
        let value = [UInt8](repeating: UInt8(ascii: "x"), count: valueBytes)
        let prefix = "/skiff-bench/\(UUID().uuidString)/"
        let started = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask { [writes, concurrency] in
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
        let p = Percentiles(samples)
        print(String(format: "etcd creates: %d keys of %d B in %.2f s = %.0f writes/s (concurrency %d), p50 %.2f ms, p99 %.2f ms",
                     writes, valueBytes, seconds, Double(writes) / seconds, concurrency, p.p50, p.p99))
        await store.close()
    }
}
