import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct WatchQueueTests {
    func revisions(_ batch: [WatchMessage]?) -> [Int64]? {
        batch?.map { message in
            if case .bookmark(let revision, _) = message { return revision }
            return -1
        }
    }

    func bookmark(_ revision: Int64) -> WatchMessage { .bookmark(revision: revision, initialEventsEnd: false) }

    @Test func everythingWaitingIsTakenAtOnceInOrder() async {
        let queue = WatchQueue(limit: 10)
        for r in 1...3 { #expect(queue.enqueue(bookmark(Int64(r)))) }
        #expect(revisions(await queue.next()) == [1, 2, 3])
        #expect(queue.enqueue(bookmark(4)))
        #expect(revisions(await queue.next()) == [4])
    }

    @Test func aWaitingReaderWakesOnTheNextMessage() async {
        let queue = WatchQueue(limit: 10)
        async let batch = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        #expect(queue.enqueue(bookmark(7)))
        #expect(revisions(await batch) == [7])
    }

    @Test func finishingDrainsWhatWaitsThenEnds() async {
        let queue = WatchQueue(limit: 10)
        _ = queue.enqueue(bookmark(1))
        queue.finish()
        #expect(!queue.enqueue(bookmark(2)))
        #expect(revisions(await queue.next()) == [1])
        #expect(await queue.next() == nil)
    }

    @Test func aReaderTooFarBehindIsRefused() async {
        let queue = WatchQueue(limit: 2)
        #expect(queue.enqueue(bookmark(1)) && queue.enqueue(bookmark(2)))
        #expect(!queue.enqueue(bookmark(3)))
        #expect(revisions(await queue.next()) == [1, 2])
    }

    @Test func cancellingAWaitingReaderEndsIt() async {
        let queue = WatchQueue(limit: 10)
        let reader = Task { await queue.next() }
        try? await Task.sleep(for: .milliseconds(20))
        reader.cancel()
        #expect(await reader.value == nil)
    }

    @Test func endingOrDroppingASubscriptionUnregistersTheWatcher() throws {
        let cache = WatchCache(resource: ResourceInfo.pods, initial: [], revision: 1)
        let first = try cache.watch(filter: .everything, start: .currentState, sendInitialEvents: false, bookmarks: true)
        var second: WatchSubscription? = try cache.watch(
            filter: .everything, start: .currentState, sendInitialEvents: false, bookmarks: true)
        #expect(cache.watcherCount == 2 && second != nil)
        first.end()
        #expect(cache.watcherCount == 1)
        second = nil
        #expect(cache.watcherCount == 0)
        first.end()
        #expect(cache.watcherCount == 0)
    }

    @Test func bookmarksReachTheQueue() async throws {
        let cache = WatchCache(resource: ResourceInfo.pods, initial: [], revision: 5)
        let subscription = try cache.watch(filter: .everything, start: .currentState, sendInitialEvents: false, bookmarks: true)
        cache.sendBookmarks()
        cache.sendBookmarks()
        #expect(revisions(await subscription.queue.next()) == [5, 5])
        cache.finishAllWatches()
        #expect(await subscription.queue.next() == nil)
    }
}
