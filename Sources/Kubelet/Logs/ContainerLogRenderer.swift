import Foundation

/// Turns CRI log file bytes into what `kubectl logs` prints: the containers' own bytes, with
/// timestamps when asked, filtered by `since` and cut to the last `tailLines` lines.
struct ContainerLogRenderer: Sendable {
    var options: LogOptions

    /// Renders the complete lines of `bytes` (a whole file, or what was appended since the last
    /// call) and returns the output and how many input bytes it consumed; an unterminated last
    /// line is left for the next call. `tailLines` applies only when `applyTail` (the first read).
    func render(_ bytes: ArraySlice<UInt8>, applyTail: Bool) -> (output: [UInt8], consumed: Int) {
        var lines: [CRILogLine] = []
        var start = bytes.startIndex
        var consumedEnd = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if let line = CRILogLine(bytes[start..<newline]), included(line) { lines.append(line) }
            start = newline + 1
            consumedEnd = start
        }
        if applyTail, let tail = options.tailLines { lines = Self.lastLines(lines, tail) }
        var output: [UInt8] = []
        for line in lines {
            if options.timestamps {
                output.append(contentsOf: line.timestamp.utf8)
                output.append(UInt8(ascii: " "))
            }
            output.append(contentsOf: line.content)
            if !line.partial { output.append(UInt8(ascii: "\n")) }
        }
        return (output, consumedEnd - bytes.startIndex)
    }

    private func included(_ line: CRILogLine) -> Bool {
        guard let since = options.since else { return true }
        guard let date = line.date else { return true }
        return date >= since
    }

    /// The entries making up the last `count` lines (a line may span several partial entries).
    static func lastLines(_ lines: [CRILogLine], _ count: Int) -> [CRILogLine] {
        guard count > 0 else { return [] }
        var seen = 0
        var index = lines.endIndex
        while index > lines.startIndex {
            let previous = index - 1
            if !lines[previous].partial {
                if seen == count { break }
                seen += 1
            }
            index = previous
        }
        return Array(lines[index...])
    }
}
