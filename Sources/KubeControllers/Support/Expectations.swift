import Foundation
import Synchronization

/// The creations and deletions a controller has asked for and not yet seen in its informer
/// (client-go's `ControllerExpectations`). A controller syncs a key only when its expectations
/// are satisfied, so a lagging cache never makes it create or delete twice. Expectations older
/// than `timeout` count as satisfied, so a lost event cannot stall a controller for ever.
public final class Expectations: Sendable {
    private struct Record {
        var adds: Int
        var deletes: Int
        var setAt: Date
    }

    private let records = Mutex<[String: Record]>([:])
    private let timeout: TimeInterval

    /// Expectations that expire after `timeout` seconds (Kubernetes: 5 minutes).
    public init(timeout: TimeInterval = 300) { self.timeout = timeout }

    /// Expects `adds` creations and `deletes` deletions for `key`, replacing what was expected.
    public func expect(_ key: String, adds: Int = 0, deletes: Int = 0) {
        records.withLock { $0[key] = Record(adds: adds, deletes: deletes, setAt: Date()) }
    }

    /// One expected creation was seen (or will never happen, because it failed).
    public func creationObserved(_ key: String) { records.withLock { $0[key]?.adds -= 1 } }

    /// One expected deletion was seen (or will never happen).
    public func deletionObserved(_ key: String) { records.withLock { $0[key]?.deletes -= 1 } }

    /// Whether `key` may be synced: nothing outstanding, nothing recorded, or the record expired.
    public func satisfied(_ key: String) -> Bool {
        records.withLock { r in
            guard let record = r[key] else { return true }
            return (record.adds <= 0 && record.deletes <= 0) || Date().timeIntervalSince(record.setAt) > timeout
        }
    }

    /// Forgets `key` (its owner was deleted).
    public func remove(_ key: String) { _ = records.withLock { $0.removeValue(forKey: key) } }
}
