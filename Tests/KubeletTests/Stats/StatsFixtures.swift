import Foundation
import Synchronization

@testable import Kubelet

/// A temporary directory tree standing in for /sys/fs/cgroup or /proc, removed when dropped.
final class FakeTree: Sendable {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "skiff-stats-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` at `path` under the root, making directories.
    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    /// A cgroup v2 directory `path` with CPU `usec`, memory `current`, `anon` and
    /// `inactiveFile` bytes, and `max` as the limit.
    func unifiedCgroup(_ path: String, usec: UInt64, current: UInt64, anon: UInt64, inactiveFile: UInt64, max: String = "max") throws {
        try write(path + "/cpu.stat", "usage_usec \(usec)\nuser_usec \(usec / 2)\nsystem_usec \(usec / 2)\n")
        try write(path + "/memory.current", "\(current)\n")
        try write(path + "/memory.stat", "anon \(anon)\nfile \(inactiveFile * 2)\ninactive_file \(inactiveFile)\npgfault 42\npgmajfault 3\n")
        try write(path + "/memory.max", max + "\n")
    }

    /// /proc files of a node: `busyTicks` of CPU (in user), memory in KiB, boot at `btime`.
    func proc(busyTicks: UInt64, totalKiB: UInt64, freeKiB: UInt64, inactiveFileKiB: UInt64, btime: Int) throws {
        try write("stat", "cpu  \(busyTicks) 0 0 5000 7 0 0 0 0 0\ncpu0 \(busyTicks) 0 0 5000 7 0 0 0 0 0\nintr 1\nbtime \(btime)\n")
        try write(
            "meminfo",
            "MemTotal:       \(totalKiB) kB\nMemFree:        \(freeKiB) kB\nMemAvailable:   \(freeKiB) kB\nInactive(file):  \(inactiveFileKiB) kB\nAnonPages:       1024 kB\n"
        )
        try write("vmstat", "nr_free_pages 1\npgfault 1000\npgmajfault 20\n")
    }
}

extension FakeTree {
    /// A `net/dev` file at `path` with `interfaces` (name, received bytes and errors, sent bytes
    /// and errors) after the two header lines.
    func netDev(_ path: String, _ interfaces: [(String, UInt64, UInt64, UInt64, UInt64)]) throws {
        var text = "Inter-|   Receive                                                |  Transmit\n"
        text += " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
        for (name, rx, rxErrors, tx, txErrors) in interfaces {
            text += "  \(name): \(rx)      16 \(rxErrors)    0    0     0          0         0 \(tx)      10 \(txErrors)    0    0     0       0          0\n"
        }
        try write(path, text)
    }
}

/// A settable clock.
final class StepClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
