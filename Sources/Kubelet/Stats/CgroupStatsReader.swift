import Foundation

/// One reading of a cgroup's CPU and memory counters.
public struct CgroupSample: Sendable, Equatable {
    /// CPU time used since the cgroup was made, in nanoseconds.
    public var cpuUsageNanoseconds: UInt64?
    /// All memory charged (v2 `memory.current`, v1 `memory.usage_in_bytes`).
    public var memoryUsageBytes: UInt64?
    /// Usage minus inactive file pages, never below zero (cadvisor's working set).
    public var memoryWorkingSetBytes: UInt64?
    /// Anonymous memory (v2 `anon`, v1 `total_rss`).
    public var memoryRSSBytes: UInt64?
    /// Minor page faults since the cgroup was made (`pgfault`).
    public var pageFaults: UInt64?
    /// Major page faults since the cgroup was made (`pgmajfault`).
    public var majorPageFaults: UInt64?
    /// The memory limit; nil when there is none.
    public var memoryLimitBytes: UInt64?

    /// Sets the memory fields from `usage` and the `memory.stat` counters `stat`, whose
    /// hierarchical keys carry `prefix` (`total_` on v1), with RSS under key `rss`.
    mutating func setMemory(usage: UInt64?, stat: [String: UInt64], prefix: String, rss: String) {
        memoryUsageBytes = usage
        if let usage { memoryWorkingSetBytes = CgroupStatsReader.workingSet(usage: usage, inactiveFile: stat[prefix + "inactive_file"]) }
        memoryRSSBytes = stat[rss]
        pageFaults = stat[prefix + "pgfault"]
        majorPageFaults = stat[prefix + "pgmajfault"]
    }
}

/// Reads CPU and memory counters of cgroups under a cgroup filesystem root (only reads: it
/// never writes a cgroup file). The unified (v2) hierarchy is used when the root has
/// `cgroup.controllers`; else the v1 `cpuacct` (or `cpu,cpuacct`) and `memory` hierarchies.
/// A cgroup path is what runc was given (`/skiff/besteffort/pod<uid>/<container id>`).
public struct CgroupStatsReader: Sendable {
    /// The cgroup filesystem's mount point (`/sys/fs/cgroup`; a temp dir in tests).
    public let root: String
    /// Whether `root` is the unified hierarchy.
    public let unified: Bool

    /// A reader of the hierarchy mounted at `root`.
    public init(root: String = "/sys/fs/cgroup") {
        self.root = root
        unified = FileManager.default.fileExists(atPath: root + "/cgroup.controllers")
    }

    /// The counters of cgroup `path`; nil when the cgroup does not exist.
    public func read(_ path: String) -> CgroupSample? {
        let path = path.hasPrefix("/") ? path : "/" + path
        return unified ? readUnified(root + path) : readV1(path)
    }

    func readUnified(_ dir: String) -> CgroupSample? {
        guard FileManager.default.fileExists(atPath: dir) else { return nil }
        var sample = CgroupSample()
        if let cpu = Self.keyed(dir + "/cpu.stat"), let usec = cpu["usage_usec"] { sample.cpuUsageNanoseconds = usec &* 1000 }
        sample.setMemory(usage: Self.number(dir + "/memory.current"), stat: Self.keyed(dir + "/memory.stat") ?? [:], prefix: "", rss: "anon")
        sample.memoryLimitBytes = Self.number(dir + "/memory.max")  // "max" is no number: no limit
        return sample
    }

    func readV1(_ path: String) -> CgroupSample? {
        let cpuDir = [root + "/cpuacct", root + "/cpu,cpuacct"].first { FileManager.default.fileExists(atPath: $0) }.map { $0 + path }
        let memoryDir = root + "/memory" + path
        let cpuExists = cpuDir.map { FileManager.default.fileExists(atPath: $0) } ?? false
        guard cpuExists || FileManager.default.fileExists(atPath: memoryDir) else { return nil }
        var sample = CgroupSample()
        if let cpuDir { sample.cpuUsageNanoseconds = Self.number(cpuDir + "/cpuacct.usage") }
        sample.setMemory(
            usage: Self.number(memoryDir + "/memory.usage_in_bytes"), stat: Self.keyed(memoryDir + "/memory.stat") ?? [:], prefix: "total_",
            rss: "total_rss")
        // v1 writes "no limit" as a page-rounded huge number.
        if let limit = Self.number(memoryDir + "/memory.limit_in_bytes"), limit < Self.v1Unlimited { sample.memoryLimitBytes = limit }
        return sample
    }

    /// The first process of cgroup `path` (its `cgroup.procs`: the memory hierarchy's on v1);
    /// nil when it has none.
    public func firstProcess(_ path: String) -> Int32? {
        let path = path.hasPrefix("/") ? path : "/" + path
        let file = (unified ? root : root + "/memory") + path + "/cgroup.procs"
        return ProcFile.read(file)?.split(separator: "\n").lazy.compactMap { Int32($0) }.first
    }

    /// Limits at or past this are v1's "unlimited" (`PAGE_COUNTER_MAX` pages, rounded).
    static let v1Unlimited: UInt64 = 1 << 62

    /// cadvisor's working set: usage minus inactive file pages, at least zero.
    static func workingSet(usage: UInt64, inactiveFile: UInt64?) -> UInt64 {
        let inactive = inactiveFile ?? 0
        return usage > inactive ? usage - inactive : 0
    }

    /// The single number a cgroup file holds; nil when missing or not a number (`max`).
    static func number(_ path: String) -> UInt64? {
        guard let text = ProcFile.read(path) else { return nil }
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A flat-keyed cgroup file (`key value` per line: cpu.stat, memory.stat).
    static func keyed(_ path: String) -> [String: UInt64]? {
        guard let text = ProcFile.read(path) else { return nil }
        var values: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, let value = UInt64(words[1]) { values[String(words[0])] = value }
        }
        return values
    }
}
