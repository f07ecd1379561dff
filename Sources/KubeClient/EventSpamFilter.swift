import Foundation
import Synchronization

/// client-go's `EventSourceObjectSpamFilter`: a token bucket per involved object (burst 25,
/// one more token every 5 minutes), so a controller creating 10,000 pods for one ReplicaSet
/// records a few dozen `SuccessfulCreate` events on it, not 10,000.
final class EventSpamFilter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    private let burst: Double
    private let refillPerSecond: Double
    private let maxKeys: Int

    /// A filter allowing `burst` events per object at once, refilled at `refillPerSecond`;
    /// it forgets its buckets when more than `maxKeys` objects are tracked (as client-go's LRU).
    init(burst: Int = 25, refillPerSecond: Double = 1.0 / 300, maxKeys: Int = 4096) {
        self.burst = Double(burst)
        self.refillPerSecond = refillPerSecond
        self.maxKeys = maxKeys
    }

    /// Whether an event about the object `key` may be recorded now (taking a token if so).
    func allow(_ key: String, now: Date = Date()) -> Bool {
        buckets.withLock { all in
            if all.count >= maxKeys, all[key] == nil { all.removeAll(keepingCapacity: true) }
            var bucket = all[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.updated) * refillPerSecond)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            all[key] = bucket
            return allowed
        }
    }
}
