import Foundation
import KubeAPI

/// What every bench prints first about the machine it ran on.
enum BenchMachine {
    /// "machine: 2 cores, 23 GiB, jemalloc 5.3.0-0-g..." and the host's speed, which it measures
    /// (about 0.1 s on one core).
    static func summary() -> String {
        let info = ProcessInfo.processInfo
        let allocator = MemoryTuning.allocator ?? "the C library's malloc"
        return "machine: \(info.activeProcessorCount) cores, \(info.physicalMemory >> 30) GiB, \(allocator)\n"
            + speed("host speed") + " (lower is faster)"
    }

    /// The host's speed measured again once a run is over: a run whose two figures differ much
    /// ran on a host whose speed changed under it.
    static func speedAfter() -> String { speed("host speed after the run") }

    /// "`label`: N us per parse of the reference pod", measured now.
    private static func speed(_ label: String) -> String {
        label + String(format: ": %.1f us per parse of the reference pod", referenceParse())
    }

    /// Microseconds per parse of `skiff bench json`'s stored pod, best of five rounds of 1,000,
    /// on one core: the host's speed at the moment, for comparing figures taken at different
    /// times on a shared machine (this one's speed moves by a third between hours).
    static func referenceParse() -> Double {
        let bytes = JSONBench.storedPod().serialized()
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<5 {
            let start = ContinuousClock.now
            for _ in 0..<1_000 { checksum &+= ((try? JSONValue.parse(bytes))?.objectValue?.count ?? 0) }
            best = min(best, JSONBench.nanoseconds(ContinuousClock.now - start) / 1_000 / 1_000)
        }
        return checksum == 0 ? .nan : best
    }
}
