import CMallocTuning
import ServiceLifecycle

/// glibc malloc settings for long-running Skiff processes. By default glibc gives each thread
/// that contends an arena of its own (up to 8 per core) and keeps freed memory in them, so a
/// burst (a large list, thousands of concurrent requests) leaves the resident size high long
/// after. Two arenas and a periodic `malloc_trim` keep RSS close to what is live.
enum MemoryTuning {
    /// Limits malloc to two arenas; call before starting work.
    static func limitArenas() {
        _ = skiff_malloc_limit_arenas(2)
    }

    /// Returns free heap pages to the system.
    static func trim() {
        _ = skiff_malloc_trim()
    }
}

/// Trims the heap every `interval` until shutdown.
struct MemoryTrimService: Service {
    var interval: Duration = .seconds(10)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                MemoryTuning.trim()
            }
        }
    }
}
