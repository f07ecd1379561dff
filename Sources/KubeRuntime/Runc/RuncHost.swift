import CSkiffShim
import Foundation
import KubeAPI

#if canImport(Glibc)
    import Glibc
#endif

/// The host-side system work of the runc runtime: mounts, cgroup files, processes.
enum RuncHost {
    private static let detach: Int32 = 2  // MNT_DETACH

    /// The mount options of an overlay of `lower` (topmost first) with its own `upper`/`work`.
    static func overlayOptions(lower: [String], upper: String, work: String) -> String {
        "lowerdir=\(lower.joined(separator: ":")),upperdir=\(upper),workdir=\(work)"
    }

    /// Mounts a tmpfs with `options` on `target`.
    static func mountTmpfs(target: String, options: String) throws {
        let flags = UInt(MS_NOSUID | MS_NODEV | MS_NOEXEC)
        guard mount("shm", target, "tmpfs", flags, options) == 0 else {
            throw RuntimeError(.other, "mount tmpfs on \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// Detaches whatever is mounted on `path` (nothing when it is not a mount point).
    static func unmount(_ path: String) {
        while umount2(path, detach) == 0 {}
    }

    /// Whether the host runs the unified cgroup v2 hierarchy only.
    static var isCgroup2: Bool { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers") }

    /// The file whose `oom_kill` counter tells whether the cgroup saw an OOM kill.
    static func oomFile(cgroupsPath: String) -> String {
        isCgroup2 ? "/sys/fs/cgroup\(cgroupsPath)/memory.events" : "/sys/fs/cgroup/memory\(cgroupsPath)/memory.oom_control"
    }

    /// Every directory of the cgroup `path` (one per v1 hierarchy, or the v2 one).
    static func cgroupDirectories(_ path: String) -> [String] {
        if isCgroup2 { return ["/sys/fs/cgroup\(path)"] }
        return RuncRecords.ids(in: "/sys/fs/cgroup").map { "/sys/fs/cgroup/\($0)\(path)" }
    }

    /// Removes the cgroup `path` in every hierarchy where it is empty (best effort).
    static func removeCgroup(_ path: String) {
        guard path != "/" && !path.isEmpty else { return }
        for dir in cgroupDirectories(path) { rmdir(dir) }
    }

    /// When process `pid` started (clock ticks since boot, /proc/<pid>/stat field 22), or nil.
    static func startTime(_ pid: Int32) -> UInt64? {
        guard let fields = statFields(pid), fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// The fields of /proc/<pid>/stat after the command name (the first is the state, `Z` for a
    /// zombie), or nil when there is no such process.
    static func statFields(_ pid: Int32) -> [Substring]? {
        guard pid > 0 else { return nil }
        let stat = readProcFile("/proc/\(pid)/stat")
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    /// Sends `signal` to `pid` (ignoring a vanished process).
    static func signal(_ pid: Int32, _ signal: Int32) {
        if pid > 0 { _ = kill(pid, signal) }
    }

    /// The whole text of a /proc file ("" when unreadable); proc files report size 0, so they
    /// are read to their end rather than by size.
    static func readProcFile(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    /// Mount points of this process's mount namespace.
    static func mountPoints() -> [String] {
        mounts().map(\.point)
    }

    /// The mounts of this process's mount namespace, in mount order, with their filesystem type.
    static func mounts() -> [(point: String, type: String)] {
        readProcFile("/proc/self/mountinfo").split(separator: "\n").compactMap { line in
            let halves = line.split(separator: " - ", maxSplits: 1)
            let fields = halves[0].split(separator: " ")
            guard fields.count > 4 else { return nil }
            return (String(fields[4]), halves.count == 2 ? String(halves[1].split(separator: " ").first ?? "") : "")
        }
    }

    /// Removes a directory tree (ignoring absence).
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates a directory and its parents.
    static func makeDirectory(_ path: String, mode: Int = 0o755) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
    }

    /// The first of `candidates` that is an executable file, else the first.
    static func findExecutable(_ candidates: [String]) -> String {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
}
