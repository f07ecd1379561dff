import KubeClient
import Logging

/// Runs a set of controllers over one context: builds each, starts the shared informers once,
/// waits for them to sync, then runs every controller's workers and the event recorder until
/// cancelled.
public struct ControllerManager: Sendable {
    let context: ControllerContext
    let registrations: [ControllerRegistration]
    let logger: Logger

    /// A manager of `registrations` (all by default) over `context`.
    public init(context: ControllerContext, registrations: [ControllerRegistration] = ControllerRegistry.all, logger: Logger) {
        self.context = context
        self.registrations = registrations
        self.logger = logger
    }

    /// Runs until the task is cancelled.
    public func run() async {
        let logger = logger
        let runners = registrations.map { reg in
            ControllerRunner(
                reg.build(context), workers: context.options.concurrentSyncs[reg.name] ?? reg.workers,
                minSyncInterval: reg.minSyncInterval, logger: logger,
                startsInformers: false)
        }
        let informers = context.informers
        let recorder = context.recorder
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await informers.run(logger: logger) }
            group.addTask { await recorder.run(logger: logger) }
            await informers.waitForSync()
            // Stopped before the informers synced: the cancelled group ends them and the recorder.
            if Task.isCancelled { return }
            logger.info("controllers started: \(registrations.map(\.name).joined(separator: ", "))")
            for runner in runners { group.addTask { await runner.run() } }
            await group.waitForAll()
        }
    }
}
