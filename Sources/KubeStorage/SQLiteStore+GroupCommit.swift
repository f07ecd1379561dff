import GRDB

/// One write waiting for the next group commit.
struct PendingWrite: Sendable {
    var op: WriteOp
    var continuation: CheckedContinuation<Result<StoreEvent, StoreError>, Never>
}

/// A write operation with its precondition.
enum WriteOp: Sendable {
    case create(key: String, value: [UInt8])
    case update(key: String, value: [UInt8], expected: Int64)
    case delete(key: String, expected: Int64?)
}

extension SQLiteStore {
    /// Queues `op` for the next group commit and waits until it is durable (or refused).
    func submit(_ op: WriteOp) async throws(StoreError) -> StoreEvent {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<StoreEvent, StoreError>, Never>) in
            let action = batcher.withLock { s -> Int in
                if s.closed { return -1 }
                s.pending.append(PendingWrite(op: op, continuation: continuation))
                if s.flushing { return 0 }
                s.flushing = true
                return 1
            }
            if action < 0 {
                continuation.resume(returning: .failure(StoreError(.closed, "store closed")))
            } else if action > 0 {
                Task { await self.flushLoop() }
            }
        }
        return try result.get()
    }

    /// Commits queued writes in batches until the queue is empty.
    private func flushLoop() async {
        while true {
            let batch = batcher.withLock { s -> [PendingWrite] in
                let b = s.pending
                s.pending = []
                if b.isEmpty { s.flushing = false }
                return b
            }
            if batch.isEmpty { return }
            let ops = batch.map(\.op)
            let results: [Result<StoreEvent, StoreError>]
            do {
                results = try await pool.write { db in
                    ops.map { op in
                        do {
                            return .success(try SQLiteQueries.apply(db, op))
                        } catch let e as StoreError {
                            return .failure(e)
                        } catch {
                            return .failure(StoreError(.backend, "write failed: \(error)"))
                        }
                    }
                }
            } catch {
                let failure = StoreError(.backend, "commit failed: \(error)")
                for w in batch { w.continuation.resume(returning: .failure(failure)) }
                continue
            }
            let events = results.compactMap { try? $0.get() }
            hub.publish(events)
            for (w, r) in zip(batch, results) { w.continuation.resume(returning: r) }
        }
    }
}
