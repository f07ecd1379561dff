import Foundation
import GRPCCore
import Synchronization

/// Why one watch session on one member ended without an error from gRPC.
private enum WatchSessionEnd: Error {
    /// etcd cancelled the watch for a reason other than compaction; it is re-created.
    case cancelled(String)
}

/// The newest revision a watch has delivered or been told (by a progress notification) that it
/// has seen everything up to: where a re-created watch starts.
private final class WatchMark: Sendable {
    private let revision: Mutex<Int64>
    init(_ revision: Int64) { self.revision = Mutex(revision) }
    var value: Int64 { revision.withLock { $0 } }
    func advance(to r: Int64) { revision.withLock { $0 = max($0, r) } }
}

extension EtcdStore {
    /// Streams the changes under `prefix` after `afterRevision`. The etcd watch is re-created
    /// after a broken stream (on the next member when one is down) from the last revision the
    /// consumer saw, or the last progress notification, so that no event is lost or repeated.
    /// Ends with `.compacted` when the history to resume from is gone.
    public func watch(prefix: String, afterRevision: Int64) async throws(StoreError) -> AsyncThrowingStream<[StoreEvent], Error> {
        if afterRevision > 0 {
            var available = true
            do {
                available = try await readable(at: afterRevision)
            } catch let e where e.code == .futureRevision {
                available = true
            }
            if !available {
                throw StoreError(
                    .compacted, "revision \(afterRevision) has been compacted",
                    compactedRevision: try? await compactedRevision())
            }
        }
        let (stream, continuation) = AsyncThrowingStream<[StoreEvent], Error>.makeStream(bufferingPolicy: .unbounded)
        // The task is made and registered under the lock that `close` sets `closed` under, so
        // that `close` cancels every watch it lets start: one it missed would keep its gRPC
        // stream open and `close` would wait for the connection's graceful shutdown for ever.
        let task = watches.withLock { w -> Task<Void, Never>? in
            if w.closed { return nil }
            w.next += 1
            let id = w.next
            let task = Task {
                await self.follow(prefix: prefix, after: afterRevision, continuation)
                _ = self.watches.withLock { $0.tasks.removeValue(forKey: id) }
            }
            w.tasks[id] = task
            return task
        }
        guard let task else { throw StoreError(.closed, "store closed") }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Runs watch sessions until the consumer goes away or the history is compacted.
    private func follow(
        prefix: String, after: Int64, _ continuation: AsyncThrowingStream<[StoreEvent], Error>.Continuation
    ) async {
        let lastSeen = WatchMark(after)
        var failures = 0
        while !Task.isCancelled {
            let member = client.preferredMember
            do {
                try await session(member: member, prefix: prefix, lastSeen: lastSeen, continuation)
                failures = 0
            } catch let e as StoreError where e.code == .compacted {
                continuation.finish(throwing: e)
                return
            } catch {
                if Task.isCancelled { break }
                failures += 1
                client.failedOver(from: member)
                let pause = min(100 * (1 << min(failures, 5)), 2000)
                try? await Task.sleep(for: .milliseconds(pause))
            }
        }
        continuation.finish()
    }

    /// One etcd watch on one member, from just after `lastSeen`, until the stream breaks.
    private func session(
        member index: Int, prefix: String, lastSeen: WatchMark,
        _ continuation: AsyncThrowingStream<[StoreEvent], Error>.Continuation
    ) async throws {
        let (outgoing, requests) = AsyncStream<Etcdserverpb_WatchRequest>.makeStream()
        var create = Etcdserverpb_WatchCreateRequest()
        create.key = Data(prefix.utf8)
        create.rangeEnd = Self.rangeEnd(prefix)
        // Inclusive start at the last seen revision (dropped below): a start that is compacted
        // away fails exactly when the history after it is incomplete.
        create.startRevision = max(lastSeen.value, 1)
        create.prevKv = true
        create.progressNotify = true
        var first = Etcdserverpb_WatchRequest()
        first.requestUnion = .createRequest(create)
        requests.yield(first)
        var options = CallOptions.defaults
        options.waitForReady = false
        options.maxResponseMessageBytes = 64 << 20
        // etcd's "require leader": a member cut off from its leader ends the stream instead of
        // going silent, so the watch moves to a member that still has one.
        let metadata: Metadata = ["hasleader": "true"]
        let interval = configuration.watchProgressInterval
        try await client.members[index].watch.watch(
            metadata: metadata, options: options,
            requestProducer: { writer in
                for await request in outgoing { try await writer.write(request) }
            },
            onResponse: { response in
                defer { requests.finish() }
                let ticker = Task {
                    var progress = Etcdserverpb_WatchRequest()
                    progress.requestUnion = .progressRequest(Etcdserverpb_WatchProgressRequest())
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        requests.yield(progress)
                    }
                }
                defer { ticker.cancel() }
                for try await message in response.messages {
                    if message.canceled {
                        if message.compactRevision > 0 {
                            throw StoreError(
                                .compacted, "watch of \(prefix): revision \(message.compactRevision) has been compacted",
                                compactedRevision: message.compactRevision)
                        }
                        throw WatchSessionEnd.cancelled(message.cancelReason)
                    }
                    if message.created { continue }
                    if message.events.isEmpty {
                        // A progress notification: every change up to the header's revision was sent.
                        lastSeen.advance(to: message.header.revision)
                        continue
                    }
                    let after = lastSeen.value
                    let events = message.events.map(Self.storeEvent).filter { $0.revision > after }
                    guard let last = events.last else { continue }
                    lastSeen.advance(to: last.revision)
                    continuation.yield(events)
                }
            })
    }

    /// etcd's event as the store's: a delete carries the last value and create revision.
    static func storeEvent(_ event: Mvccpb_Event) -> StoreEvent {
        let prev = event.hasPrevKv ? keyValue(event.prevKv) : nil
        switch event.type {
        case .delete:
            let kv = KeyValue(
                key: String(decoding: event.kv.key, as: UTF8.self), value: prev?.value ?? [],
                createRevision: prev?.createRevision ?? 0, modRevision: event.kv.modRevision)
            return StoreEvent(kind: .delete, kv: kv, prev: prev)
        default:
            return StoreEvent(kind: .put, kv: keyValue(event.kv), prev: prev)
        }
    }
}
