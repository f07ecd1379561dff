import Foundation
import KubeStorage
import KubeStorageConformance
import Synchronization
import Testing

/// What only the etcd store does: endpoint parsing, failover between members, and watches that
/// resume on another member without gaps or duplicates.
@Suite(.serialized) struct EtcdStoreTests {
    @Test func endpointsParse() throws {
        let c = try EtcdConfiguration(endpoints: "http://h1:2379, https://10.0.0.2:12379,http://[::1]:2380,http://h4")
        #expect(c.endpoints.map(\.description) == ["http://h1:2379", "https://10.0.0.2:12379", "http://[::1]:2380", "http://h4:2379"])
        #expect(c.endpoints.map(\.secure) == [false, true, false, false])
    }

    @Test func badEndpointsAreRefused() {
        for bad in ["", "h1:2379", "http://:2379", "http://h1:99999", "unix:///tmp/etcd.sock"] {
            #expect(throws: StoreError.self, "\(bad)") { _ = try EtcdConfiguration(endpoints: bad) }
        }
        #expect(throws: StoreError.self) { _ = try EtcdConfiguration(endpoints: "https://h1:2379", certFile: "/c.pem") }
    }

    @Test func writesFailOverWhenAMemberDies() async throws {
        try await withEtcdStore(size: 3) { store, cluster in
            let before = try await store.create("/f/before", value: Array("1".utf8))
            cluster.kill(0)
            var last = before
            for i in 0..<20 {
                last = try await store.create("/f/\(i)", value: Array("v\(i)".utf8))
            }
            #expect(last.modRevision == before.modRevision + 20)
            #expect(try await store.count(prefix: "/f/") == 21)
        }
    }

    @Test func manyCallsInARowNeedNoRetry() async throws {
        // etcd sends about one HTTP/2 control frame per call, and the HTTP/2 client closes a
        // connection past 200 of them in 30 s: without fresh connections, calls 197, 395 and 593
        // failed and were retried.
        try await withEtcdStore(size: 1) { store, _ in
            // Calls made while the member was starting may have been retried.
            let before = store.retriedCalls
            for i in 0..<600 {
                _ = try await store.create("/many/\(i)", value: Array("v".utf8))
            }
            #expect(try await store.count(prefix: "/many/") == 600)
            #expect(store.retriedCalls == before)
        }
    }

    @Test func closeEndsWhileWatchesAreStillBeingOpened() async throws {
        try await withEtcdStore(size: 1) { store, _ in
            // Tasks keep opening watches (and keep them open) until the store refuses them.
            let openers = (0..<8).map { _ in
                Task { () -> Int in
                    var open: [AsyncThrowingStream<[StoreEvent], Error>] = []
                    while true {
                        do {
                            open.append(try await store.watch(prefix: "/w/", afterRevision: 0))
                        } catch {
                            return (error as? StoreError)?.code == .closed ? open.count : -1
                        }
                        try? await Task.sleep(for: .milliseconds(2))
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            let closed = Mutex(false)
            let closing = Task {
                await store.close()
                closed.withLock { $0 = true }
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while !closed.withLock({ $0 }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let ended = closed.withLock { $0 }
            #expect(ended, "close cancelled every watch it let start and returned")
            var opened: [Int] = []
            for o in openers { opened.append(await o.value) }
            #expect(opened.allSatisfy { $0 > 0 }, "every opener had watches open and was then refused with .closed: \(opened)")
            if ended { await closing.value }
        }
    }

    @Test func watchResumesOnAnotherMemberWithoutGapsOrDuplicates() async throws {
        try await withEtcdStore(size: 3) { store, cluster in
            let start = try await store.currentRevision()
            let stream = try await store.watch(prefix: "/w/", afterRevision: start)
            let writes = 60
            let collector = Task { () throws -> [StoreEvent] in
                var seen: [StoreEvent] = []
                for try await batch in stream {
                    seen.append(contentsOf: batch)
                    if seen.count >= writes { break }
                }
                return seen
            }
            for i in 0..<writes {
                // The store's first member serves the watch; it dies a third of the way in.
                if i == writes / 3 { cluster.kill(0) }
                _ = try await store.create("/w/\(i)", value: Array("\(i)".utf8))
            }
            let events = try await collector.value
            #expect(events.map(\.kv.key) == (0..<writes).map { "/w/\($0)" })
            let revisions = events.map(\.revision)
            #expect(revisions == revisions.sorted() && Set(revisions).count == writes)
        }
    }

    @Test func twoStoresOnOneClusterShareRevisionsAndPreconditions() async throws {
        try await withEtcdStore(size: 1) { a, cluster in
            let b = try EtcdStore(configuration: EtcdConfiguration(endpoints: cluster.endpoints))
            let stream = try await b.watch(prefix: "/s/", afterRevision: try await b.currentRevision())
            let created = try await a.create("/s/x", value: Array("1".utf8))
            let updated = try await b.update("/s/x", value: Array("2".utf8), expectedModRevision: created.modRevision)
            do {
                _ = try await a.update("/s/x", value: Array("3".utf8), expectedModRevision: created.modRevision)
                Issue.record("a stale update through the other store succeeded")
            } catch let e as StoreError {
                #expect(e.code == .conflict)
                #expect(e.current?.modRevision == updated.modRevision)
            }
            var seen: [StoreEvent] = []
            for try await batch in stream {
                seen.append(contentsOf: batch)
                if seen.count >= 2 { break }
            }
            #expect(seen.map(\.revision) == [created.modRevision, updated.modRevision])
            await b.close()
        }
    }

    @Test func watchAndWritesRecoverAfterTheWholeClusterRestarts() async throws {
        try await withEtcdStore(size: 3) { store, cluster in
            let start = try await store.currentRevision()
            let stream = try await store.watch(prefix: "/r/", afterRevision: start)
            let collector = Task { () throws -> [StoreEvent] in
                var seen: [StoreEvent] = []
                for try await batch in stream {
                    seen.append(contentsOf: batch)
                    if seen.count >= 20 { break }
                }
                return seen
            }
            for i in 0..<10 { _ = try await store.create("/r/\(i)", value: Array("\(i)".utf8)) }
            for i in cluster.members.indices { cluster.kill(i) }
            do {
                _ = try await store.create("/r/down", value: [])
                Issue.record("a write succeeded with every member down")
            } catch let e as StoreError {
                #expect(e.code == .backend)
            }
            for i in cluster.members.indices { try cluster.restart(i) }
            try await store.waitUntilReachable(timeout: .seconds(60))
            for i in 10..<20 {
                // The first writes may meet a cluster still electing its leader; none is lost.
                var done = false
                for _ in 0..<50 where !done {
                    do {
                        _ = try await store.create("/r/\(i)", value: Array("\(i)".utf8))
                        done = true
                    } catch let e as StoreError where e.code == .backend {
                        try await Task.sleep(for: .milliseconds(200))
                    } catch let e as StoreError where e.code == .keyExists {
                        done = true  // a timed-out attempt that etcd applied
                    }
                }
                #expect(done)
            }
            let events = try await collector.value
            #expect(events.map(\.kv.key) == (0..<20).map { "/r/\($0)" })
            let revisions = events.map(\.revision)
            #expect(revisions == revisions.sorted() && Set(revisions).count == 20)
        }
    }
}
