/// Plain-text tables as Go's tabwriter prints them: every column but the last padded to its
/// widest cell plus `gap` (and at least `minWidth`), one line per row.
enum TextColumns {
    /// The rows, the first usually the header, as lines.
    static func render(_ rows: [[String]], minWidth: Int = 0, gap: Int = 3) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<max(columns - 1, 0)).map { column in
            max(minWidth, (rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0) + gap)
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index < widths.count ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined() + "\n"
        }.joined()
    }
}
