extension StringProtocol where SubSequence == Substring {
    /// The text without leading and trailing whitespace (the Unicode White_Space property, as
    /// Go's `strings.TrimSpace` trims), found without Foundation: the request paths that trim
    /// (bearer tokens, content types, quantities) run on every request.
    public func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last].properties.isWhitespace else { break }
            end = last
        }
        return self[start..<end]
    }
}
