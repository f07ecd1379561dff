import CMallocTuning
import ServiceLifecycle

/// glibc malloc settings for long-running Skiff processes. By default glibc gives each thread
/// that contends an arena of its own (up to 8 per core) and keeps freed memory in them, so a
/// burst (a large list, thousands of concurrent requests) leaves the resident size high long
/// after. Fewer arenas and a periodic `malloc_trim` keep RSS close to what is live.
enum MemoryTuning {
    /// Limits malloc to `arenas` arenas; call before starting work. Two suit the processes whose
    /// resident size matters most (scheduler, controller manager, kubelet); the API server, whose
    /// request handlers allocate on every event loop and executor thread at once, spends less
    /// time waiting for an arena's lock with more.
    static func limitArenas(_ arenas: Int32 = 2) {
        _ = skiff_malloc_limit_arenas(arenas)
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
