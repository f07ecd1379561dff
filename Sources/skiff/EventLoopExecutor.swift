import CSkiffShim
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Runs Swift concurrency's global jobs on NIO's event loops (`MultiThreadedEventLoopGroup.singleton`,
/// one per core) instead of on the runtime's own thread pool.
///
/// A task then runs on the thread that read its input (a watch event, an answer): reading,
/// handling and writing happen without a hand-over between two pools of threads (a futex wake
/// and an eventfd write each way). swift-nio offers the same as
/// `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()`,
/// which finds the runtime's hook with `dlsym`; with the Swift runtime linked statically the hook
/// is not exported, so it is set here through the C shim, which reaches it at link time.
///
/// Code that blocks its thread must keep to `BlockingThread` (it already had to: the runtime's
/// pool is as small as the loops are many).
///
/// Only the API clients take it by default (`controller-manager`, `scheduler`, `simulate`): they
/// spend their time parsing watch events and sending requests, and measured about 15% less CPU
/// for the same work. The API server keeps the runtime's pool: there, a long handler (a large
/// list, a fan-out to a thousand watchers) would hold up the reads and writes of every connection
/// on its loop, and its write p99 and watch delivery p99 measured worse (docs/benchmarks.md).
enum EventLoopExecutor {
    private typealias Enqueue = @convention(thin) (UnownedJob) -> Void
    private typealias Hook = @convention(thin) (UnownedJob, Enqueue) -> Void

    /// The environment variable that chooses: `loops` or `dispatch` (the runtime's own pool).
    static let environmentVariable = "SKIFF_GLOBAL_EXECUTOR"
    /// The subcommands that run on the loops unless the environment says `dispatch`.
    static let clientCommands: Set<String> = ["controller-manager", "scheduler", "simulate"]

    /// The loops, each with its executor, found once (a cast per job would cost a conformance lookup).
    private static let loops: [(id: ObjectIdentifier, executor: any SerialExecutor)] = MultiThreadedEventLoopGroup.singleton
        .makeIterator().compactMap { loop in (loop as? any SerialExecutor).map { (ObjectIdentifier(loop), $0) } }
    private static let turn = Atomic<UInt>(0)

    /// The loop to run a job on: the current one when called from a loop (a task stays on its
    /// thread), else the loops in turn.
    private static func next() -> (id: ObjectIdentifier, executor: any SerialExecutor)? {
        if let current = MultiThreadedEventLoopGroup.currentEventLoop,
            let loop = loops.first(where: { $0.id == ObjectIdentifier(current) })
        {
            return loop
        }
        guard !loops.isEmpty else { return nil }
        return loops[Int(turn.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(loops.count))]
    }

    /// Installs the hook for `subcommand` when it is an API client, or for any when the
    /// environment says `loops`; `dispatch` keeps the runtime's pool for all. Call once, at start,
    /// before tasks are made. Returns whether the loops now run global jobs.
    @discardableResult
    static func install(for subcommand: String?) -> Bool {
        switch ProcessInfo.processInfo.environment[environmentVariable] {
        case "loops": break
        case "dispatch": return false
        default: guard let subcommand, clientCommands.contains(subcommand) else { return false }
        }
        guard !loops.isEmpty else { return false }
        let hook: Hook = { job, original in
            guard let loop = EventLoopExecutor.next() else { return original(job) }
            loop.executor.enqueue(ExecutorJob(job))
        }
        return withUnsafeTemporaryAllocation(of: Hook.self, capacity: 1) { slot in
            guard let base = slot.baseAddress else { return false }
            base.initialize(to: hook)
            let function = UnsafeRawPointer(base).load(as: UnsafeMutableRawPointer?.self)
            return skiff_install_global_enqueue_hook(function) == 1
        }
    }
}
