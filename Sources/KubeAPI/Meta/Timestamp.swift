import Foundation

/// RFC 3339 timestamps as Kubernetes writes them (`metav1.Time`: UTC, whole seconds).
public enum Timestamp {
    /// `date` as `2006-01-02T15:04:05Z`.
    public static func format(_ date: Date) -> String {
        format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Seconds since the Unix epoch as `2006-01-02T15:04:05Z`.
    public static func format(epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400
        let secs = epochSeconds - days * 86400
        let (y, m, d) = civil(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
    }

    /// `date` with microseconds, as `metav1.MicroTime` (`2006-01-02T15:04:05.000000Z`).
    public static func formatMicro(_ date: Date) -> String {
        let whole = format(date)
        let micros = Int64((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 1_000_000)
        return String(whole.dropLast()) + "." + pad(micros, 6) + "Z"
    }

    /// Parses an RFC 3339 timestamp (with optional fraction and offset); nil if malformed.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
            let y = num(b, 0, 4), let mo = num(b, 5, 2), let d = num(b, 8, 2), let h = num(b, 11, 2),
            let mi = num(b, 14, 2), let s = num(b, 17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60,
            s < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, b[i + 3] == 0x3A, let oh = num(b, i + 1, 2),
            let om = num(b, i + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = days(fromCivil: y, mo, d)
        let epoch = days * 86400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(epoch) + fraction)
    }

    private static func num(_ b: [UInt8], _ at: Int, _ n: Int) -> Int64? {
        var v: Int64 = 0
        for k in at..<at + n {
            guard k < b.count, b[k] >= 0x30, b[k] <= 0x39 else { return nil }
            v = v * 10 + Int64(b[k] - 0x30)
        }
        return v
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
