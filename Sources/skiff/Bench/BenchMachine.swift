import Foundation

/// What every bench prints first about the machine it ran on.
enum BenchMachine {
    /// "machine: 2 cores, 23 GiB, jemalloc 5.3.0-0-g...".
    static var summary: String {
        let info = ProcessInfo.processInfo
        let allocator = MemoryTuning.allocator ?? "the C library's malloc"
        return "machine: \(info.activeProcessorCount) cores, \(info.physicalMemory >> 30) GiB, \(allocator)"
    }
}
