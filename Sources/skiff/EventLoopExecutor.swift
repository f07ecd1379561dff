import CSkiffShim
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Runs Swift concurrency's global jobs on NIO's event loops (`MultiThreadedEventLoopGroup.singleton`,
/// one per core) instead of on the runtime's own thread pool.
///
/// A request's handler then runs on the thread that owns its connection: reading the request,
/// handling it and writing the answer happen without a hand-over between two pools of threads
/// (a futex wake and an eventfd write each way). swift-nio offers the same as
/// `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()`,
/// which finds the runtime's hook with `dlsym`; with the Swift runtime linked statically the hook
/// is not exported, so it is set here through the C shim, which reaches it at link time.
///
/// Code that blocks its thread must keep to `BlockingThread` (it already had to: the runtime's
/// pool is as small as the loops are many).
enum EventLoopExecutor {
    private typealias Enqueue = @convention(thin) (UnownedJob) -> Void
    private typealias Hook = @convention(thin) (UnownedJob, Enqueue) -> Void

    /// The environment variable that keeps the runtime's own pool when set to `dispatch`.
    static let environmentVariable = "SKIFF_GLOBAL_EXECUTOR"

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

    /// Installs the hook unless the environment asks for the runtime's pool. Call once, at
    /// start, before tasks are made. Returns whether the loops now run global jobs.
    @discardableResult
    static func installUnlessDisabled() -> Bool {
        guard ProcessInfo.processInfo.environment[environmentVariable] != "dispatch" else { return false }
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
