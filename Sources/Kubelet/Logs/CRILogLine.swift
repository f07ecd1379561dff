import Foundation

/// One line of a container log file in the CRI format the runtime writes:
/// `2016-10-06T00:17:09.669794202Z stdout F hello`, where `F` ends a line and `P` is a part of a
/// longer one (the next entry continues it).
struct CRILogLine: Sendable, Equatable {
    /// The timestamp as written (RFC 3339 with nanoseconds, UTC).
    var timestamp: String
    /// `stdout` or `stderr`.
    var stream: String
    /// Whether this entry is a partial line.
    var partial: Bool
    /// The bytes the container wrote, without the newline.
    var content: ArraySlice<UInt8>

    /// Parses one line (without its trailing newline); nil for a malformed one.
    init?(_ line: ArraySlice<UInt8>) {
        let space = UInt8(ascii: " ")
        guard let first = line.firstIndex(of: space) else { return nil }
        let afterStream = line[(first + 1)...]
        guard let second = afterStream.firstIndex(of: space) else { return nil }
        let afterTag = line[(second + 1)...]
        let third = afterTag.firstIndex(of: space) ?? afterTag.endIndex
        let tag = line[(second + 1)..<third]
        timestamp = String(decoding: line[line.startIndex..<first], as: UTF8.self)
        stream = String(decoding: line[(first + 1)..<second], as: UTF8.self)
        partial = tag.first == UInt8(ascii: "P")
        content = third < line.endIndex ? line[(third + 1)...] : []
    }

    /// The timestamp as a date (nil when it does not parse).
    var date: Date? { Self.parseTimestamp(timestamp) }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339, any fraction length).
    static func parseTimestamp(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard i < utf8.count, utf8[i] >= 48, utf8[i] <= 57 else { return nil }
                value = value * 10 + Int(utf8[i] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 {
                fraction += Double(utf8[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-") {
            guard let h = number((index + 1)..<(index + 3)), let m = number((index + 4)..<(index + 6)) else { return nil }
            offset = (h * 3600 + m * 60) * (utf8[index] == UInt8(ascii: "-") ? -1 : 1)
        } else if index >= utf8.count || utf8[index] != UInt8(ascii: "Z") {
            return nil
        }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        components.timeZone = TimeZone(identifier: "UTC")
        guard let whole = Calendar(identifier: .gregorian).date(from: components) else { return nil }
        return whole.addingTimeInterval(fraction - Double(offset))
    }
}
