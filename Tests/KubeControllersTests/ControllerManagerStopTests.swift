import KubeClient
import KubeControllers
import Logging
import Synchronization
import Testing

/// A controller manager stopped before its informers synced ends: `skiff server` on etcd starts
/// its controllers only once it holds their Lease, and a SIGTERM just after must not leave the
/// process waiting for lists that its stopped informers will never load.
@Suite struct ControllerManagerStopTests {
    @Test func aManagerCancelledBeforeItsInformersSyncedEnds() async throws {
        // Nothing listens on port 1, so no informer ever loads its first list.
        let client = KubeClient(config: ClientConfig(server: "http://127.0.0.1:1"), maxConnections: 4)
        var logger = Logger(label: "test.controllers")
        logger.logLevel = .critical
        let manager = ControllerManager(context: ControllerContext(client: client, options: ControllerOptions()), logger: logger)
        let ended = Mutex(false)
        let running = Task {
            await manager.run()
            ended.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(300))
        let endedUncancelled = ended.withLock { $0 }
        #expect(!endedUncancelled, "the manager runs until cancelled")
        running.cancel()
        let deadline = ContinuousClock.now + .seconds(10)
        while !ended.withLock({ $0 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let endedCancelled = ended.withLock { $0 }
        #expect(endedCancelled, "the cancelled manager returned")
        await client.shutdown()
    }
}
