import Foundation
import KubeRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the node's own counters from /proc (only reads): CPU time from `/proc/stat`, memory
/// from `/proc/meminfo`, page faults from `/proc/vmstat`, the boot time (`btime`), and
/// filesystem usage with statvfs(3).
public struct NodeStatsReader: Sendable {
    /// Where proc is mounted (`/proc`; a temp dir in tests).
    public let procRoot: String
    /// Clock ticks per second of `/proc/stat`'s CPU columns.
    public let ticksPerSecond: UInt64

    /// A reader of the proc filesystem at `procRoot`.
    public init(procRoot: String = "/proc", ticksPerSecond: UInt64? = nil) {
        self.procRoot = procRoot
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        self.ticksPerSecond = ticksPerSecond ?? (ticks > 0 ? UInt64(ticks) : 100)
    }

    /// CPU time used by the node since boot, in core-nanoseconds: the busy columns of the
    /// `cpu` line (user, nice, system, irq, softirq, steal; not idle or iowait).
    public func cpuUsageNanoseconds() -> UInt64? {
        guard let text = ProcFile.read(procRoot + "/stat"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return nil }
        let columns = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard columns.count >= 4 else { return nil }
        let busy = [0, 1, 2, 5, 6, 7].filter { $0 < columns.count }.reduce(UInt64(0)) { $0 + columns[$1] }
        return busy * (1_000_000_000 / max(ticksPerSecond, 1))
    }

    /// When the node booted (`btime` of `/proc/stat`).
    public func bootTime() -> Date? {
        guard let text = ProcFile.read(procRoot + "/stat"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
            let seconds = line.split(separator: " ").last.flatMap({ TimeInterval($0) })
        else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The node's memory as the kubelet reports it: usage is total minus free, the working set
    /// is usage minus inactive file pages, available is total minus the working set; RSS is
    /// `AnonPages`, faults are `/proc/vmstat`'s `pgfault` and `pgmajfault`.
    public func memory() -> CgroupSample? {
        guard let text = ProcFile.read(procRoot + "/meminfo") else { return nil }
        var kib: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = parts[1].split(separator: " ").first.flatMap({ UInt64($0) }) else { continue }
            kib[String(parts[0])] = value
        }
        guard let total = kib["MemTotal"], let free = kib["MemFree"] else { return nil }
        let usage = (total > free ? total - free : 0) * 1024
        var sample = CgroupSample()
        sample.memoryUsageBytes = usage
        sample.memoryWorkingSetBytes = CgroupStatsReader.workingSet(usage: usage, inactiveFile: kib["Inactive(file)"].map { $0 * 1024 })
        sample.memoryRSSBytes = kib["AnonPages"].map { $0 * 1024 }
        sample.memoryLimitBytes = total * 1024
        if let vmstat = ProcFile.read(procRoot + "/vmstat") {
            for line in vmstat.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard words.count == 2, let value = UInt64(words[1]) else { continue }
                if words[0] == "pgfault" { sample.pageFaults = value }
                if words[0] == "pgmajfault" { sample.majorPageFaults = value }
            }
        }
        return sample
    }

    /// Usage of the filesystem holding `path`, sampled at `time`; nil when statvfs fails.
    public static func filesystem(_ path: String, at time: Date) -> FsStats? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let block = UInt64(info.f_frsize)
        let blocks = UInt64(info.f_blocks), free = UInt64(info.f_bfree), available = UInt64(info.f_bavail)
        let inodes = UInt64(info.f_files), inodesFree = UInt64(info.f_ffree)
        return FsStats(
            time: time, availableBytes: available * block, capacityBytes: blocks * block, usedBytes: (blocks - min(free, blocks)) * block,
            inodesFree: inodesFree, inodes: inodes, inodesUsed: inodes - min(inodesFree, inodes))
    }

    /// The filesystem holding `path` with `usage` (a tree measured on it) as its use; nil when
    /// statvfs fails.
    static func filesystem(_ path: String, usedBy usage: DirectoryUsage, at time: Date) -> FsStats? {
        guard var stats = filesystem(path, at: time) else { return nil }
        stats.usedBytes = usage.bytes
        stats.inodesUsed = usage.inodes
        return stats
    }

    /// The log files of a container in `directory` (its `/var/log/pods/.../<container>`
    /// directory, rotated files included), as the kubelet reports them: the filesystem's
    /// capacity, free space and inodes, with `usedBytes` the files' sizes and `inodesUsed` the
    /// directory and its files. Nil when the directory cannot be read.
    public static func logs(_ directory: String, at time: Date) -> FsStats? {
        guard var stats = filesystem(directory, at: time),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return nil }
        var used: UInt64 = 0
        for name in names {
            let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.size] as? NSNumber
            used += size?.uint64Value ?? 0
        }
        stats.usedBytes = used
        stats.inodesUsed = UInt64(names.count) + 1
        return stats
    }
}
