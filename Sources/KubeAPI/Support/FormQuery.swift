import Foundation

/// A URL query decoded as Go's `url.ParseQuery` (and Python's `parse_qsl`) decode it: `+` is a
/// space, `%XX` a byte, keys may repeat. kubectl and the Python client encode spaces as `+`.
public struct FormQuery: Sendable, Equatable {
    /// The pairs, in order.
    public var pairs: [(key: String, value: String)]

    /// Decodes `raw` (the part after `?`, without it); malformed escapes are kept as written.
    public init(_ raw: String) {
        pairs = raw.splitting(atByte: UInt8(ascii: "&")).map { item in
            let parts = item.splitting(atByte: UInt8(ascii: "="), maxSplits: 1)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return (key, value)
        }
    }

    /// Every value of `key`, in order.
    public func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }

    /// The first value of `key`.
    public func first(_ key: String) -> String? { pairs.first { $0.key == key }?.value }

    /// The pairs as a dictionary; for a repeated key the first value wins.
    public var dictionary: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in pairs where out[key] == nil { out[key] = value }
        return out
    }

    static func decode(_ part: Substring) -> String {
        guard part.utf8.contains(UInt8(ascii: "+")) else { return percentDecoded(part) }
        return percentDecoded(Substring(part.replacingOccurrences(of: "+", with: " ")))
    }

    /// `text` with its `%XX` escapes decoded (unchanged when it has none, or a malformed one);
    /// for URL path segments and query parts.
    public static func percentDecoded(_ text: Substring) -> String {
        // Bytes, not `contains("%")`: Foundation's substring search is slow, and every request path
        // segment comes here.
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        return text.removingPercentEncoding ?? String(text)
    }

    public static func == (a: FormQuery, b: FormQuery) -> Bool {
        a.pairs.map(\.key) == b.pairs.map(\.key) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }
}
