import Foundation
import KubeAPI

/// The kubelet's Summary API document (`GET /stats/summary`, `stats/v1alpha1` of
/// k8s.io/kubelet): the node's stats and one entry per pod. Field names are Kubernetes'; fields
/// left nil are left out of the JSON, as Kubernetes' `omitempty` does. These types are built by
/// `SummaryProvider` (memberwise, in this module) and read by others.
public struct StatsSummary: Sendable, Equatable, Codable {
    /// The node's stats.
    public var node: NodeStats
    /// One entry per pod this kubelet runs.
    public var pods: [PodStats]

    /// The JSON body of `/stats/summary` (times as RFC 3339 whole seconds, as `metav1.Time`).
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return Array(try encoder.encode(self))
    }
}

/// Node-level stats (`NodeStats`).
public struct NodeStats: Sendable, Equatable, Codable {
    public var nodeName: String
    /// When the node's aggregate stats started (its boot time).
    public var startTime: Date
    public var cpu: CPUStats?
    public var memory: MemoryStats?
    /// The filesystem of the kubelet's root directory.
    public var fs: FsStats?
    /// The filesystems of the container runtime.
    public var runtime: RuntimeStats?
}

/// The runtime's filesystems (`RuntimeStats`).
public struct RuntimeStats: Sendable, Equatable, Codable {
    /// Where images are stored.
    public var imageFs: FsStats?
    /// Where containers' writable layers are stored.
    public var containerFs: FsStats?
}

/// A pod's stats (`PodStats`): its cgroup's CPU and memory, and its containers'.
public struct PodStats: Sendable, Equatable, Codable {
    public var podRef: PodReference
    /// When the pod's sandbox was created.
    public var startTime: Date
    public var containers: [ContainerStats]
    public var cpu: CPUStats?
    public var memory: MemoryStats?
}

/// Names a pod (`PodReference`).
public struct PodReference: Sendable, Equatable, Codable {
    public var name: String
    public var namespace: String
    public var uid: String
}

/// A container's stats (`ContainerStats`).
public struct ContainerStats: Sendable, Equatable, Codable {
    public var name: String
    /// When the container started.
    public var startTime: Date
    public var cpu: CPUStats?
    public var memory: MemoryStats?
}

/// CPU usage (`CPUStats`).
public struct CPUStats: Sendable, Equatable, Codable {
    /// When the sample was taken.
    public var time: Date
    /// Cores in use (in billionths) between the previous sample of this cgroup and this one; nil
    /// on the first sample.
    public var usageNanoCores: UInt64?
    /// CPU time used since the cgroup was made, in core-nanoseconds.
    public var usageCoreNanoSeconds: UInt64?
}

/// Memory usage (`MemoryStats`).
public struct MemoryStats: Sendable, Equatable, Codable {
    /// When the sample was taken.
    public var time: Date
    /// The limit minus the working set; nil without a limit.
    public var availableBytes: UInt64?
    /// All memory charged, page cache included.
    public var usageBytes: UInt64?
    /// Usage minus inactive file pages (what eviction and metrics-server use).
    public var workingSetBytes: UInt64?
    /// Anonymous and swap-cache memory.
    public var rssBytes: UInt64?
    public var pageFaults: UInt64?
    public var majorPageFaults: UInt64?
}

/// Filesystem usage (`FsStats`).
public struct FsStats: Sendable, Equatable, Codable {
    public var time: Date
    public var availableBytes: UInt64?
    public var capacityBytes: UInt64?
    public var usedBytes: UInt64?
    public var inodesFree: UInt64?
    public var inodes: UInt64?
    public var inodesUsed: UInt64?
}
