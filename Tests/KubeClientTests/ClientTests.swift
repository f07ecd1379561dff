import Foundation
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeStorage
import Synchronization
import Testing

/// Runs a live API server on a loopback port and hands a `KubeClient` for it to `body`.
func withLiveServer(_ body: @Sendable (KubeClient) async throws -> Void) async throws {
    let server = try await APIServer.start(store: MemoryStore())
    let follower = Task { try await server.run() }
    defer { follower.cancel() }
    let app = Application(responder: server.responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
        let port = try #require(client.port)
        let kube = KubeClient(config: ClientConfig(server: "http://127.0.0.1:\(port)"), maxConnections: 16)
        try await body(kube)
        await kube.shutdown()
    }
}

@Suite struct ClientTests {
    let configMaps = ResourceCatalog.lookup(group: "", version: "v1", resource: "configmaps")!

    @Test func typedAndUntypedCRUD() async throws {
        try await withLiveServer { kube in
            let created = try await kube.create(ConfigMap(metadata: ObjectMeta(name: "typed"), data: ["a": "1"]), namespace: "default")
            #expect(created.metadata.uid != nil)
            let fetched = try await kube.get(ConfigMap.self, namespace: "default", name: "typed")
            #expect(fetched.data?["a"] == "1")
            let patched = try await kube.patch(configMaps, namespace: "default", name: "typed", type: .merge, ["data": ["a": "2"]])
            #expect(patched["data"]?["a"] == "2")
            do {
                _ = try await kube.get(configMaps, namespace: "default", name: "missing")
                Issue.record("expected NotFound")
            } catch let e as ClientError {
                #expect(e.code == 404 && e.reason == "NotFound")
            }
            try await kube.delete(configMaps, namespace: "default", name: "typed")
            let (items, rv) = try await kube.list(ConfigMap.self, namespace: "default")
            #expect(items.isEmpty && !rv.isEmpty)
        }
    }

    @Test func aCreateOrPatchCanParseBackOnlyWhatTheCallerReads() async throws {
        try await withLiveServer { kube in
            let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "gen-"], "data": ["a": "1"]]
            let made = try await kube.create(configMaps, namespace: "default", object, keeping: KubeClient.createdName)
            let name = try #require(made["metadata"]?["name"]?.stringValue)
            #expect(name.hasPrefix("gen-") && name.count > 4)
            #expect(made == ["metadata": ["name": .string(name)]])
            let stored = try await kube.get(configMaps, namespace: "default", name: name)
            #expect(stored["data"]?["a"] == "1")
            let patched = try await kube.patch(
                configMaps, namespace: "default", name: name, type: .merge, ["data": ["a": "2"]], keeping: .nothing)
            #expect(patched == [:], "nothing of the answer is parsed")
            #expect(try await kube.get(configMaps, namespace: "default", name: name)["data"]?["a"] == "2")
        }
    }

    @Test func informerSeesListThenWatchEvents() async throws {
        try await withLiveServer { kube in
            _ = try await kube.create(configMaps, namespace: "default", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "before"]])
            let informer = Informer(client: kube, resource: configMaps, namespace: "default")
            let seen = Mutex<[String]>([])
            informer.addHandler { event in
                switch event {
                case .added(let o): seen.withLock { $0.append("added \(o.name)") }
                case .updated(_, let o): seen.withLock { $0.append("updated \(o.name)") }
                case .deleted(let o): seen.withLock { $0.append("deleted \(o.name)") }
                }
            }
            let run = Task { await informer.run() }
            defer { run.cancel() }
            await informer.waitForSync()
            #expect(informer.lister.get("default/before") != nil)
            _ = try await kube.create(configMaps, namespace: "default", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "after"]])
            try await kube.delete(configMaps, namespace: "default", name: "before")
            for _ in 0..<200 where seen.withLock({ $0.count }) < 3 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(seen.withLock { $0 } == ["added before", "added after", "deleted before"])
            #expect(informer.lister.list().map(\.name) == ["after"])
        }
    }

    @Test func informerOmittingManagedFieldsParsesNeitherListNorWatchWithThem() async throws {
        try await withLiveServer { kube in
            let listed = try await kube.create(
                configMaps, namespace: "default", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "listed"], "data": ["a": "1"]])
            #expect(listed["metadata"]?["managedFields"] != nil, "the server records managed fields")
            let page = try await kube.list(configMaps, namespace: "default", keeping: .withoutManagedFields)
            #expect(page.items.map(\.name) == ["listed"])
            #expect(page.items.allSatisfy { $0["metadata"]?["managedFields"] == nil && $0["metadata"]?["uid"] != nil })
            let informer = Informer(client: kube, resource: configMaps, namespace: "default", keeping: .withoutManagedFields)
            let run = Task { await informer.run() }
            defer { run.cancel() }
            await informer.waitForSync()
            let watched = try await kube.create(
                configMaps, namespace: "default", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "watched"], "data": ["a": "1"]])
            #expect(watched["metadata"]?["managedFields"] != nil)
            for _ in 0..<200 where informer.lister.get("default/watched") == nil { try await Task.sleep(for: .milliseconds(10)) }
            let cached = ["default/listed", "default/watched"].compactMap { informer.lister.get($0) }
            #expect(cached.count == 2)
            #expect(cached.allSatisfy { $0["metadata"]?["managedFields"] == nil && $0["metadata"]?["resourceVersion"] != nil })
        }
    }
}

@Suite struct RawWatchEventTests {
    static let podFilter = JSONKeyFilter.object(["metadata": .keys(["name", "resourceVersion"])])

    @Test func anEventsObjectIsParsedOnlyAsFarAsTheFilterKeeps() throws {
        let line = Array(#"{"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"p","resourceVersion":"7","uid":"u"},"spec":{}}}"#.utf8)
        let event = try RawWatchEvent(line: line, keeping: Self.podFilter)
        #expect(event.type == "MODIFIED")
        #expect(event.object == ["metadata": ["name": "p", "resourceVersion": "7"]])
        #expect(try RawWatchEvent(line: line, keeping: .whole).object["spec"] == [:])
    }

    @Test func anErrorEventsStatusIsParsedWholeWhateverTheFilter() throws {
        let line = Array(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#.utf8)
        let event = try RawWatchEvent(line: line, keeping: Self.podFilter)
        #expect(event.type == "ERROR")
        #expect(event.object["code"]?.intValue == 410 && event.object["reason"] == "Expired")
        #expect(event.object["message"] == "too old resource version: 1 (5)")
    }

    @Test func aMalformedLineThrows() {
        #expect(throws: JSONParseError.self) { try RawWatchEvent(line: Array(#"{"type":"ADDED","object":{"metadata":"#.utf8), keeping: Self.podFilter) }
    }
}

@Suite struct WorkQueueTests {
    @Test func duplicatesCollapseAndKeysAreNotSharedAcrossWorkers() async throws {
        let q = WorkQueue<String>()
        await q.add("a")
        await q.add("a")
        await q.add("b")
        #expect(await q.count == 2)
        let first = await q.get()
        #expect(first == "a")
        await q.add("a")  // while processing: queued again only after done
        let second = await q.get()
        #expect(second == "b")
        #expect(await q.count == 0)
        await q.done("a")
        #expect(await q.count == 1)
        #expect(await q.get() == "a")
    }

    @Test func failuresComeBackAfterBackoff() async throws {
        let q = WorkQueue<String>(baseDelay: .milliseconds(10))
        await q.addRateLimited("x")
        #expect(await q.retries("x") == 1)
        let start = ContinuousClock.now
        #expect(await q.get() == "x")
        #expect(ContinuousClock.now - start >= .milliseconds(9))
        await q.forget("x")
        #expect(await q.retries("x") == 0)
        await q.shutdown()
        #expect(await q.get() == nil)
    }
}

@Suite struct WorkQueueIntervalTests {
    @Test func aKeyIsHandedOutAtMostOncePerIntervalAndChangesMeanwhileCollapse() async throws {
        let q = WorkQueue<String>(minInterval: .milliseconds(300))
        await q.add("rs")
        let start = ContinuousClock.now
        #expect(await q.get() == "rs")
        await q.done("rs")
        for _ in 0..<5 { await q.add("rs") }  // five changes right after a sync
        await q.add("other")
        #expect(await q.get() == "other", "other keys are not held")
        await q.done("other")
        #expect(await q.get() == "rs")
        #expect(ContinuousClock.now - start >= .milliseconds(300), "the second sync waits for the interval")
        await q.done("rs")
        #expect(await q.count == 0, "the five changes were one sync")
    }
}
