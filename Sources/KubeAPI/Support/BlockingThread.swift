import Foundation

/// Runs blocking work (waiting for a child process, pipe, file and socket I/O) on a thread of its
/// own. Swift concurrency runs on as many threads as there are cores, and Dispatch's global queues
/// share them: a few blocked calls there stall every task of the process (on two cores, a burst
/// of pod starts waiting for `ip` and `tar` did).
public enum BlockingThread {
    /// The result of `work`, run on a new thread.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The result of `work`, run on a new thread.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
