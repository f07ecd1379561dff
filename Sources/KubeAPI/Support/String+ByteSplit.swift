extension String {
    /// The pieces between occurrences of the ASCII byte `separator`, as Go's `strings.Split` cuts
    /// them (empty pieces dropped when `omittingEmpty`). A byte split: `split(separator:)` on
    /// characters walks grapheme clusters, a cost every request path and query paid, and could
    /// keep a separator followed by a combining mark inside one piece, which Go would not.
    /// The pieces go into one array sized by a first count of the separators. `separator` must
    /// be ASCII (every caller passes a literal), so that each cut falls between characters.
    public func splitting(atByte separator: UInt8, omittingEmpty: Bool = true) -> [Substring] {
        let bytes = utf8
        var pieces: [Substring] = []
        pieces.reserveCapacity(bytes.count(where: { $0 == separator }) + 1)
        var start = bytes.startIndex
        var i = start
        while i != bytes.endIndex {
            if bytes[i] == separator {
                if !omittingEmpty || start != i { pieces.append(self[start..<i]) }
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        if !omittingEmpty || start != bytes.endIndex { pieces.append(self[start..<bytes.endIndex]) }
        return pieces
    }
}

extension Substring {
    /// The pieces between occurrences of the ASCII byte `separator`, at most `maxSplits + 1` of
    /// them, empty pieces kept (see `String.splitting(atByte:)`).
    public func splitting(atByte separator: UInt8, maxSplits: Int) -> [Substring] {
        utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false).map { Substring($0) }
    }
}

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in this string's, as Go's `strings.Contains` finds
    /// them. A plain byte scan: `utf8.contains(_:)` with a collection goes through the generic
    /// string-processing search, which cost about 3% of the server's CPU per create for two
    /// header checks.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
