import CMallocTuning
import ServiceLifecycle

/// Memory settings for long-running Skiff processes. On Linux the process's malloc is jemalloc
/// (linked by the CMallocTuning target), which returns freed pages to the system on its own
/// after about ten seconds; `trim` does it at once. A burst (a large list, thousands of
/// concurrent requests) otherwise leaves the resident size high for a while after.
enum MemoryTuning {
    /// The allocator in use ("jemalloc 5.3.0-0-g..."), or nil when it is the C library's.
    static var allocator: String? {
        var buffer = [CChar](repeating: 0, count: 128)
        guard skiff_malloc_describe(&buffer, buffer.count) == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Returns free heap pages to the system.
    static func trim() {
        _ = skiff_malloc_trim()
    }

    /// Drops this process's mappings of its own executable code; returns the resident bytes
    /// dropped.
    ///
    /// The binary is large and the kernel maps file pages in 64 KiB runs around each fault, so
    /// code run once (start-up, a burst) stays counted in RSS for the life of the process. The
    /// pages stay in the page cache, and code still in use is mapped again on its next call (a
    /// minor fault), so afterwards RSS counts the code actually in use. Never touches written
    /// (copied-on-write) mappings.
    @discardableResult
    static func releaseCodePages() -> Int {
        max(0, skiff_release_code_pages())
    }
}

/// Trims the heap every `interval` and drops the mappings of code no longer in use (see
/// `MemoryTuning.releaseCodePages`) once start-up has settled and then every `codeInterval`,
/// until shutdown.
struct MemoryTrimService: Service {
    var interval: Duration = .seconds(10)
    /// When the code mappings are first dropped, after the service starts.
    var settle: Duration = .seconds(2)
    var codeInterval: Duration = .seconds(60)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            try? await Task.sleep(for: settle)
            MemoryTuning.releaseCodePages()
            var sinceCodeRelease: Duration = .zero
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                MemoryTuning.trim()
                sinceCodeRelease += interval
                if sinceCodeRelease >= codeInterval {
                    MemoryTuning.releaseCodePages()
                    sinceCodeRelease = .zero
                }
            }
        }
    }
}
