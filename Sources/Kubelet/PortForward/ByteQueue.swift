import Synchronization

/// Chunks of bytes from producers to one consuming task, holding at most about `limit` bytes:
/// `send` waits while that much is queued, so a slow reader slows its writers down instead of
/// the kubelet buffering without end (a pod that reads slowly, or a client that does).
/// `sendNow` never waits, for the few small control messages that must not. The queue ends
/// with `finish`; after that, sends are dropped and waiting senders return.
final class ByteQueue: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var chunks: [[UInt8]] = []
        var head = 0
        var bytes = 0
        var finished = false
        var failure: (any Error)?
        var consumer: CheckedContinuation<[UInt8]?, any Error>?
        var senders: [Waiter] = []
        var nextID: UInt64 = 0

        /// Takes the senders to wake once there is room (all of them: each checks again).
        mutating func wakeable(limit: Int) -> [Waiter] {
            guard bytes < limit || finished else { return [] }
            defer { senders = [] }
            return senders
        }
    }

    /// How many bytes may be queued before `send` waits.
    let limit: Int
    private let state = Mutex(State())

    /// An empty queue holding up to `limit` bytes (a chunk larger than that still goes, alone).
    init(limit: Int = 256 * 1024) {
        self.limit = limit
    }

    /// Queues `chunk`, first waiting (unless the task is cancelled) while the queue is full.
    func send(_ chunk: [UInt8]) async {
        while true {
            let id: UInt64? = state.withLock { s in
                if s.finished || s.bytes < limit { return nil }
                s.nextID += 1
                return s.nextID
            }
            guard let id else { break }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { s -> Bool in
                        if s.finished || s.bytes < limit || Task.isCancelled { return true }
                        s.senders.append(Waiter(id: id, continuation: continuation))
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiter = state.withLock { s -> Waiter? in
                    guard let index = s.senders.firstIndex(where: { $0.id == id }) else { return nil }
                    return s.senders.remove(at: index)
                }
                waiter?.continuation.resume()
            }
            if Task.isCancelled { break }
        }
        sendNow(chunk)
    }

    /// Queues `chunk` at once, whatever is queued.
    func sendNow(_ chunk: [UInt8]) {
        let consumer = state.withLock { s -> CheckedContinuation<[UInt8]?, any Error>? in
            guard !s.finished else { return nil }
            if let consumer = s.consumer {
                s.consumer = nil
                return consumer
            }
            s.chunks.append(chunk)
            s.bytes += chunk.count
            return nil
        }
        consumer?.resume(returning: chunk)
    }

    /// Ends the queue: the consumer gets what is queued, then the end (or `failure`).
    func finish(throwing failure: (any Error)? = nil) {
        let (consumer, senders) = state.withLock { s -> (CheckedContinuation<[UInt8]?, any Error>?, [Waiter]) in
            guard !s.finished else { return (nil, []) }
            s.finished = true
            s.failure = failure
            // A waiting consumer means nothing is queued: it gets the end now.
            defer { s.consumer = nil }
            return (s.consumer, s.wakeable(limit: limit))
        }
        if let consumer {
            if let failure { consumer.resume(throwing: failure) } else { consumer.resume(returning: nil) }
        }
        for sender in senders { sender.continuation.resume() }
    }

    /// What the queue holds for its consumer right now.
    private enum Polled {
        case chunk([UInt8])
        case end
        case empty
    }

    /// The next chunk, nil at the end (or once the consuming task is cancelled).
    func next() async throws -> [UInt8]? {
        switch try poll() {
        case .chunk(let chunk): return chunk
        case .end: return nil
        case .empty: break
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                let waiting = state.withLock { s -> Bool in
                    guard s.head == s.chunks.count, !s.finished, !Task.isCancelled else { return false }
                    s.consumer = continuation
                    return true
                }
                // Something came (or the end, or cancellation) between the poll and now.
                if !waiting {
                    continuation.resume(with: Result {
                        if case .chunk(let chunk) = try poll() { return chunk }
                        return nil
                    })
                }
            }
        } onCancel: {
            let consumer = state.withLock { s -> CheckedContinuation<[UInt8]?, any Error>? in
                defer { s.consumer = nil }
                return s.consumer
            }
            consumer?.resume(returning: nil)
        }
    }

    /// Takes a queued chunk, waking senders when there is room again; at the end of a
    /// finished queue, its failure is thrown.
    private func poll() throws -> Polled {
        let (polled, senders, failure) = state.withLock { s -> (Polled, [Waiter], (any Error)?) in
            guard s.head < s.chunks.count else { return (s.finished ? .end : .empty, [], s.finished ? s.failure : nil) }
            let chunk = s.chunks[s.head]
            s.head += 1
            if s.head >= 64 && s.head * 2 >= s.chunks.count {
                s.chunks.removeFirst(s.head)
                s.head = 0
            }
            s.bytes -= chunk.count
            return (.chunk(chunk), s.wakeable(limit: limit), nil)
        }
        for sender in senders { sender.continuation.resume() }
        if let failure { throw failure }
        return polled
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let queue: ByteQueue
        mutating func next() async throws -> [UInt8]? { try await queue.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: self) }
}
