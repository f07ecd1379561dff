import Foundation
import KubeAPI
import KubeClient
import Synchronization
import Testing

/// `Informer.waitForSync` ends when the waiting task is cancelled, so that a component stopped
/// before its informers loaded their first list stops too instead of waiting for ever.
@Suite struct InformerSyncTests {
    let configMaps = ResourceCatalog.lookup(group: "", version: "v1", resource: "configmaps")!

    /// A flag one task sets and another polls.
    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    /// A wait for `informer`'s sync in a task of its own; `ended` is set when it returns.
    struct Waiter {
        let task: Task<Void, Never>
        let ended = Flag()

        init(_ informer: Informer, cancellingItself: Bool = false) {
            let ended = ended
            task = Task {
                if cancellingItself { withUnsafeCurrentTask { $0?.cancel() } }
                await informer.waitForSync()
                ended.set()
            }
        }

        /// Polls until the wait returned, at most `timeout`; whether it did.
        func endsWithin(_ timeout: Duration) async -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if ended.isSet { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return ended.isSet
        }
    }

    @Test func aWaitEndsWhenItsTaskIsCancelledThoughTheListNeverLoads() async throws {
        // Nothing listens on port 1: every list fails and the informer retries until cancelled.
        let client = KubeClient(config: ClientConfig(server: "http://127.0.0.1:1"), maxConnections: 1)
        let informer = Informer(client: client, resource: configMaps)
        let run = Task { await informer.run() }
        let waiter = Waiter(informer)
        #expect(await !waiter.endsWithin(.milliseconds(300)), "no list loaded, so the wait goes on")
        waiter.task.cancel()
        #expect(await waiter.endsWithin(.seconds(5)), "the cancelled wait returned")
        run.cancel()
        await run.value
        await client.shutdown()
    }

    @Test func aTaskAlreadyCancelledDoesNotWait() async throws {
        let client = KubeClient(config: ClientConfig(server: "http://127.0.0.1:1"), maxConnections: 1)
        let informer = Informer(client: client, resource: configMaps)
        let waiter = Waiter(informer, cancellingItself: true)
        #expect(await waiter.endsWithin(.seconds(5)))
        await client.shutdown()
    }

    @Test func aCancelledWaitLeavesTheOtherWaitsForTheList() async throws {
        try await withLiveServer { kube in
            _ = try await kube.create(configMaps, namespace: "default", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "listed"]])
            let informer = Informer(client: kube, resource: configMaps, namespace: "default")
            let cancelled = Waiter(informer)
            let waiting = Waiter(informer)
            cancelled.task.cancel()
            #expect(await cancelled.endsWithin(.seconds(5)))
            #expect(await !waiting.endsWithin(.milliseconds(200)), "the informer has not run yet")
            let run = Task { await informer.run() }
            #expect(await waiting.endsWithin(.seconds(10)), "the first list ends the other wait")
            #expect(informer.lister.get("default/listed") != nil)
            run.cancel()
            await run.value
        }
    }
}
