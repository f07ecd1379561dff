import Foundation
import KubeAPI
import KubeClient
import Testing

/// `Informer.waitForSync` ends when the waiting task is cancelled, so that a component stopped
/// before its informers loaded their first list stops too instead of waiting for ever.
@Suite struct InformerSyncTests {
    let configMaps = ResourceCatalog.lookup(group: "", version: "v1", resource: "configmaps")!

    @Test func aWaitEndsWhenItsTaskIsCancelledThoughTheListNeverLoads() async throws {
        // Nothing listens on port 1: every list fails and the informer retries until cancelled.
        let client = KubeClient(config: ClientConfig(server: "http://127.0.0.1:1"), maxConnections: 1)
        let informer = Informer(client: client, resource: configMaps)
        let run = Task { await informer.run() }
        let waiter = Waiter { await informer.waitForSync() }
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
        let waiter = Waiter(cancellingItself: true) { await informer.waitForSync() }
        #expect(await waiter.endsWithin(.seconds(5)))
        await client.shutdown()
    }

    @Test func aCancelledWaitLeavesTheOtherWaitsForTheList() async throws {
        try await withLiveServer { kube in
            _ = try await kube.create(configMaps, namespace: "default", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "listed"]])
            let informer = Informer(client: kube, resource: configMaps, namespace: "default")
            let cancelled = Waiter { await informer.waitForSync() }
            let waiting = Waiter { await informer.waitForSync() }
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
