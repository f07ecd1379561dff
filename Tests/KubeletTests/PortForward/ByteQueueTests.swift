import Synchronization
import Testing

@testable import Kubelet

/// The bounded queue between the port-forward's tasks.
@Suite struct ByteQueueTests {
    /// Bytes a producer task has managed to queue so far.
    final class Progress: Sendable {
        let sent = Mutex(0)
        var value: Int { sent.withLock { $0 } }
    }

    /// Waits (bounded) until `progress` stops moving for a while; returns where it stopped.
    static func settled(_ progress: Progress) async throws -> Int {
        var last = -1
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(50))
            let now = progress.value
            if now == last { return now }
            last = now
        }
        return progress.value
    }

    @Test func aSenderWaitsWhileTheQueueIsFullAndGoesOnAsItIsRead() async throws {
        let queue = ByteQueue(limit: 1000)
        let progress = Progress()
        let producer = Task {
            for _ in 0..<10 {
                await queue.send([UInt8](repeating: 1, count: 400))
                progress.sent.withLock { $0 += 400 }
            }
            queue.finish()
        }
        // 400, 800, 1200: the third chunk fills it past the limit, and the fourth waits.
        #expect(try await Self.settled(progress) == 1200)
        var received = 0
        for try await chunk in queue { received += chunk.count }
        #expect(received == 4000)
        await producer.value
    }

    @Test func controlMessagesDoNotWaitAndFinishDeliversWhatIsQueuedFirst() async throws {
        let queue = ByteQueue(limit: 10)
        queue.sendNow(Array(repeating: 2, count: 50))
        queue.sendNow([3])
        queue.finish()
        queue.sendNow([4])  // after the end: dropped
        var chunks: [[UInt8]] = []
        for try await chunk in queue { chunks.append(chunk) }
        #expect(chunks == [Array(repeating: 2, count: 50), [3]])
    }

    struct Broken: Error, Equatable {}

    @Test func aFailureComesAfterTheQueuedChunks() async throws {
        let queue = ByteQueue()
        queue.sendNow([1])
        queue.finish(throwing: Broken())
        var iterator = queue.makeAsyncIterator()
        #expect(try await iterator.next() == [1])
        await #expect(throws: Broken.self) { try await iterator.next() }
    }

    @Test func aWaitingSenderReturnsWhenCancelledOrFinished() async throws {
        let queue = ByteQueue(limit: 1)
        queue.sendNow([1, 2])
        let cancelled = Task { await queue.send([3]) }
        let finished = Task { await queue.send([4]) }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        await cancelled.value
        queue.finish()
        await finished.value
        var chunks: [[UInt8]] = []
        for try await chunk in queue { chunks.append(chunk) }
        // The cancelled send still queued its chunk (cancellation ends the wait, not the send).
        #expect(chunks == [[1, 2], [3]])
    }

    @Test func aWaitingConsumerGetsWhatIsSentAndEndsWhenCancelled() async throws {
        let queue = ByteQueue()
        let reader = Task { try await queue.next() }
        try await Task.sleep(for: .milliseconds(20))
        queue.sendNow([7])
        #expect(try await reader.value == [7])
        let cancelledReader = Task { try await queue.next() }
        try await Task.sleep(for: .milliseconds(20))
        cancelledReader.cancel()
        #expect(try await cancelledReader.value == nil)
    }
}
