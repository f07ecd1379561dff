import Foundation

/// Kubernetes' `flowcontrol.Backoff` as the kubelet uses it for crash loops and image pulls: per
/// key, a delay that starts at `initial` and doubles up to `max` with each `next`, forgotten when
/// nothing happened for twice `max`. A value type: its owner keeps it.
public struct RestartBackoff: Sendable {
    struct Entry: Sendable {
        var delay: Duration
        var lastUpdate: Date
    }

    private var entries: [String: Entry] = [:]
    /// The first delay and the cap.
    public let initial: Duration
    public let max: Duration

    /// A backoff starting at `initial`, doubling up to `max`.
    public init(initial: Duration, max: Duration) {
        self.initial = initial
        self.max = max
    }

    /// The current delay of `key` (zero when it has none).
    public func delay(_ key: String) -> Duration { entries[key]?.delay ?? .zero }

    /// Whether `key` is still backing off from an event at `since` (a container's finish time).
    public func isInBackOff(_ key: String, since: Date, now: Date) -> Bool {
        guard let entry = entries[key] else { return false }
        return now.timeIntervalSince(since) < entry.delay.seconds
    }

    /// When `key`'s backoff from an event at `since` ends.
    public func end(_ key: String, since: Date) -> Date { since.addingTimeInterval(delay(key).seconds) }

    /// Records an event for `key` at `now`: the delay becomes `initial` the first time (or after
    /// a quiet 2 × `max`), else doubles up to `max`.
    public mutating func next(_ key: String, now: Date) {
        if let entry = entries[key], now.timeIntervalSince(entry.lastUpdate) <= (max * 2).seconds {
            entries[key] = Entry(delay: Swift.min(entry.delay * 2, max), lastUpdate: now)
        } else {
            entries[key] = Entry(delay: initial, lastUpdate: now)
        }
    }

    /// Forgets `key` (its container ran long enough, or its image pulled).
    public mutating func reset(_ key: String) { entries[key] = nil }

    /// Forgets every key starting with `prefix` (a pod's keys when it goes).
    public mutating func reset(prefix: String) { entries = entries.filter { !$0.key.hasPrefix(prefix) } }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
