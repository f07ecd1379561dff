import Foundation
import KubeAPI

/// Time helpers for table cells: RFC 3339 parsing and Kubernetes' `duration.HumanDuration`.
///
/// Kept inside the Tables folder so the printers depend on nothing but `KubeAPI` and Foundation.
enum TableTime {
    /// The text printed for a missing or zero timestamp (`translateTimestampSince`).
    static let unknown = "<unknown>"

    /// Kubernetes' `duration.HumanDuration`: a short, 2-3 significant figure rendering of a
    /// duration given in nanoseconds ("0s", "45s", "5m30s", "2h", "2d3h", "3y").
    static func humanDuration(nanoseconds d: Int64) -> String {
        let second: Int64 = 1_000_000_000
        let minute = 60 * second
        let hour = 60 * minute
        let seconds = d / second
        // A deviation of up to two seconds (exclusive) is tolerated as clock skew.
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = d / minute
        if minutes < 10 {
            let s = (d / second) % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = d / hour
        if hours < 8 {
            let m = (d / minute) % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `humanDuration` of the interval from `start` to `end`, saturating like Go's `time.Sub`.
    static func humanDuration(from start: Date, to end: Date) -> String {
        humanDuration(nanoseconds: nanoseconds(end.timeIntervalSince(start)))
    }

    /// Seconds as whole nanoseconds, clamped to the range of `Int64` (never traps).
    static func nanoseconds(_ interval: TimeInterval) -> Int64 {
        guard interval.isFinite else { return interval < 0 ? Int64.min : Int64.max }
        let ns = (interval * 1e9).rounded()
        if ns >= 9.2e18 { return Int64.max }
        if ns <= -9.2e18 { return Int64.min }
        return Int64(ns)
    }

    /// `translateTimestampSince`: the age of a timestamp value at `now`, or `<unknown>` when the
    /// value is missing, not a string, malformed, or Go's zero time.
    static func since(_ value: JSONValue?, now: Date) -> String {
        guard let date = date(value) else { return unknown }
        return humanDuration(from: date, to: now)
    }

    /// The instant a timestamp value denotes; nil when missing, malformed or the zero time.
    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue, let date = parse(text) else { return nil }
        return date
    }

    /// Go's zero `time.Time` (0001-01-01T00:00:00Z), which `metav1.Time.IsZero` reports as unset.
    static let goZeroTime = Date(timeIntervalSince1970: -62_135_596_800)

    /// Parses an RFC 3339 timestamp; nil for malformed text and for Go's zero time.
    static func parse(_ text: String) -> Date? {
        guard let date = Timestamp.parse(text), date != goZeroTime else { return nil }
        return date
    }
}
