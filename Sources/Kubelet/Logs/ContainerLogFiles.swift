import Foundation

/// A container's log files: the current one (`<n>.log`) and those rotated from it
/// (`<n>.log.<yyyyMMdd-HHmmss>`, older ones gzipped to `.gz`), as Kubernetes names them.
enum ContainerLogFiles {
    /// Rotated files of `logPath` (not the current file), oldest first: `.tmp` leftovers and
    /// plain files that also exist as `.gz` are left out (they are unused, see `unused`).
    static func rotated(_ logPath: String) -> [String] {
        let all = siblings(logPath)
        return all.filter { isInUse($0, all) }.sorted()
    }

    /// Leftovers of an interrupted rotation: `.tmp` files and plain files already compressed.
    static func unused(_ logPath: String) -> [String] {
        let all = siblings(logPath)
        return all.filter { !isInUse($0, all) }
    }

    /// Removes the current and every rotated file of `logPath` (Kubernetes' log manager Clean).
    static func removeAll(_ logPath: String) {
        guard !logPath.isEmpty else { return }
        let fm = FileManager.default
        try? fm.removeItem(atPath: logPath)
        for file in siblings(logPath) { try? fm.removeItem(atPath: file) }
    }

    /// Every `<logPath>.*` file.
    private static func siblings(_ logPath: String) -> [String] {
        let url = URL(fileURLWithPath: logPath)
        let directory = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.map { "\(directory)/\($0)" }
    }

    private static func isInUse(_ file: String, _ all: [String]) -> Bool {
        if file.hasSuffix(".tmp") { return false }
        if file.hasSuffix(".gz") { return true }
        return !all.contains(file + ".gz")
    }
}
