import KubeClient
import Logging

/// What a reconcile asks for next.
public enum Requeue: Sendable, Equatable {
    /// Done until something changes.
    case done
    /// Look again after this long.
    case after(Duration)
}

/// A controller's decision step: bring the object named by `key` toward its desired state.
/// Level-based: it reads current state (listers), never relies on having seen every event.
public protocol Reconciler: Sendable {
    /// The controller's name, as registered.
    var name: String { get }
    /// The informers whose caches this reconciler reads; the runner starts and syncs them.
    var informers: [Informer] { get }
    /// Adds the informer handlers that turn events into keys on `queue`.
    func register(queue: WorkQueue<String>)
    /// Reconciles one key; a thrown error retries the key with backoff.
    func reconcile(_ key: String) async throws -> Requeue
}

/// Runs a reconciler: starts its informers (unless someone else runs them, as
/// `ControllerManager` does with shared informers), waits for them to sync, then works its queue
/// with `workers` concurrent workers until cancelled.
public struct ControllerRunner: Sendable {
    let reconciler: any Reconciler
    let workers: Int
    let logger: Logger
    let startsInformers: Bool
    let queue: WorkQueue<String>

    /// A runner of `reconciler` with `workers` workers, syncing each key at most once per
    /// `minSyncInterval`; `startsInformers` false leaves running the informers to the caller.
    public init(
        _ reconciler: any Reconciler, workers: Int = 2, minSyncInterval: Duration = .zero,
        logger: Logger = Logger(label: "skiff.controllers"), startsInformers: Bool = true
    ) {
        queue = WorkQueue(minInterval: minSyncInterval)
        self.reconciler = reconciler
        self.workers = workers
        self.logger = logger
        self.startsInformers = startsInformers
        // Handlers go on before any informer runs, so no first-list event is missed.
        reconciler.register(queue: queue)
    }

    /// Runs until the task is cancelled.
    public func run() async {
        let queue = queue
        await withTaskGroup(of: Void.self) { group in
            if startsInformers {
                for informer in reconciler.informers {
                    group.addTask { await informer.run(logger: logger) }
                }
            }
            for informer in reconciler.informers { await informer.waitForSync() }
            for _ in 0..<workers {
                group.addTask {
                    while let key = await queue.get() {
                        do {
                            switch try await reconciler.reconcile(key) {
                            case .done: await queue.forget(key)
                            case .after(let delay):
                                await queue.forget(key)
                                Task {
                                    try? await Task.sleep(for: delay)
                                    await queue.add(key)
                                }
                            }
                        } catch {
                            logger.debug("\(reconciler.name) \(key): \(error)")
                            await queue.addRateLimited(key)
                        }
                        await queue.done(key)
                    }
                }
            }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                Task { await queue.shutdown() }
            }
        }
    }
}
