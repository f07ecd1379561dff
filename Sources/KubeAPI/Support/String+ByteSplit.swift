extension String {
    /// The pieces between occurrences of the ASCII byte `separator`, as Go's `strings.Split` cuts
    /// them (empty pieces dropped when `omittingEmpty`). A byte split: `split(separator:)` on
    /// characters walks grapheme clusters, a cost every request path and query paid, and could
    /// keep a separator followed by a combining mark inside one piece, which Go would not.
    public func splitting(atByte separator: UInt8, omittingEmpty: Bool = true) -> [Substring] {
        utf8.split(separator: separator, omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}

extension Substring {
    /// The pieces between occurrences of the ASCII byte `separator`, at most `maxSplits + 1` of
    /// them, empty pieces kept (see `String.splitting(atByte:)`).
    public func splitting(atByte separator: UInt8, maxSplits: Int) -> [Substring] {
        utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false).map { Substring($0) }
    }
}
