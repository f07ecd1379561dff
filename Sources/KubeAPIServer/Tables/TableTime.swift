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

    /// Parses an RFC 3339 timestamp (`2006-01-02T15:04:05Z`, optional fraction, `Z` or `±hh:mm`).
    /// Returns nil for malformed text and for Go's zero time.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
            let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                fraction += Double(b[i] - UInt8(ascii: "0")) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count,
            b[i + 3] == UInt8(ascii: ":"), let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let epoch = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
        let date = Date(timeIntervalSince1970: Double(epoch) + fraction)
        return date == goZeroTime ? nil : date
    }

    private static func digits(_ b: [UInt8], _ at: Int, _ n: Int) -> Int64? {
        var v: Int64 = 0
        for k in at..<(at + n) {
            guard k < b.count, b[k] >= UInt8(ascii: "0"), b[k] <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int64(b[k] - UInt8(ascii: "0"))
        }
        return v
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
