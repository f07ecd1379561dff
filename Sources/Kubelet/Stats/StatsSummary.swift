import Foundation
import KubeAPI

/// The kubelet's Summary API document (`GET /stats/summary`, `stats/v1alpha1` of
/// k8s.io/kubelet): the node's stats and one entry per pod. Field names are Kubernetes'; fields
/// left nil are left out of the JSON, as Kubernetes' `omitempty` does. These types are built by
/// `SummaryProvider` (memberwise, in this module) and read by others.
public struct StatsSummary: Sendable, Equatable {
    /// The node's stats.
    public var node: NodeStats
    /// One entry per pod this kubelet runs.
    public var pods: [PodStats]

    /// The JSON body of `/stats/summary`: members in Kubernetes' field order, times as RFC 3339
    /// whole seconds (`metav1.Time`), nil fields left out.
    public func json() -> [UInt8] {
        JSONValue.stats([("node", node.jsonValue), ("pods", .array(pods.map(\.jsonValue)))]).serialized()
    }
}

/// Node-level stats (`NodeStats`).
public struct NodeStats: Sendable, Equatable {
    /// The node's name.
    public var nodeName: String
    /// When the node's aggregate stats started (its boot time).
    public var startTime: Date
    /// CPU used by the whole node.
    public var cpu: CPUStats?
    /// Memory used by the whole node.
    public var memory: MemoryStats?
    /// The node's network counters (the kubelet's network namespace).
    public var network: NetworkStats?
    /// The filesystem of the kubelet's root directory.
    public var fs: FsStats?
    /// The filesystems of the container runtime.
    public var runtime: RuntimeStats?
}

/// The runtime's filesystems (`RuntimeStats`).
public struct RuntimeStats: Sendable, Equatable {
    /// Where images are stored.
    public var imageFs: FsStats?
    /// Where containers' writable layers are stored.
    public var containerFs: FsStats?
}

/// A pod's stats (`PodStats`): its cgroup's CPU and memory, and its containers'.
public struct PodStats: Sendable, Equatable {
    /// The pod measured.
    public var podRef: PodReference
    /// When the pod's sandbox was created.
    public var startTime: Date
    /// One entry per running container, by name.
    public var containers: [ContainerStats]
    /// CPU used by the pod's cgroup (its containers and overhead).
    public var cpu: CPUStats?
    /// Memory used by the pod's cgroup (its containers and overhead).
    public var memory: MemoryStats?
    /// The pod's network namespace's counters.
    public var network: NetworkStats?
    /// The pod's volumes that take space on the node (host paths are not measured).
    public var volume: [VolumeStats]?
    /// The node disk the pod takes: its containers' writable layers and logs, and its
    /// emptyDir (on disk) and configMap volumes, on the kubelet's filesystem.
    public var ephemeralStorage: FsStats?
}

/// One volume's usage (`VolumeStats`): its filesystem's figures, with `usedBytes` and
/// `inodesUsed` those of the volume's own files.
public struct VolumeStats: Sendable, Equatable {
    /// The volume's name in the pod spec.
    public var name: String
    /// Its usage.
    public var fs: FsStats
}

/// Names a pod (`PodReference`).
public struct PodReference: Sendable, Equatable {
    /// The pod's name.
    public var name: String
    /// The pod's namespace.
    public var namespace: String
    /// The pod's uid.
    public var uid: String
}

/// A container's stats (`ContainerStats`).
public struct ContainerStats: Sendable, Equatable {
    /// The container's name in the pod spec.
    public var name: String
    /// When the container started.
    public var startTime: Date
    /// CPU used by the container's cgroup.
    public var cpu: CPUStats?
    /// Memory used by the container's cgroup.
    public var memory: MemoryStats?
    /// The container's writable layer: its bytes and inodes, on its filesystem.
    public var rootfs: FsStats?
    /// The container's log files: their bytes and inodes, on their filesystem.
    public var logs: FsStats?
}

/// CPU usage (`CPUStats`).
public struct CPUStats: Sendable, Equatable {
    /// When the sample was taken.
    public var time: Date
    /// Cores in use (in billionths) between the previous sample of this cgroup and this one; nil
    /// on the first sample.
    public var usageNanoCores: UInt64?
    /// CPU time used since the cgroup was made, in core-nanoseconds.
    public var usageCoreNanoSeconds: UInt64?
}

/// Memory usage (`MemoryStats`).
public struct MemoryStats: Sendable, Equatable {
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
    /// Minor page faults since the cgroup was made.
    public var pageFaults: UInt64?
    /// Major page faults since the cgroup was made.
    public var majorPageFaults: UInt64?
}

/// Filesystem usage (`FsStats`).
public struct FsStats: Sendable, Equatable {
    /// When the sample was taken.
    public var time: Date
    /// Bytes free for unprivileged users.
    public var availableBytes: UInt64?
    /// The filesystem's size in bytes.
    public var capacityBytes: UInt64?
    /// Bytes in use on the filesystem.
    public var usedBytes: UInt64?
    /// Free inodes.
    public var inodesFree: UInt64?
    /// All inodes.
    public var inodes: UInt64?
    /// Inodes in use.
    public var inodesUsed: UInt64?
}

extension JSONValue {
    /// An object of the members whose value is not nil, in order.
    static func stats(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(members.compactMap { key, value in value.map { (key, $0) } }))
    }

    static func time(_ date: Date) -> JSONValue { .string(Timestamp.format(date)) }

    static func count(_ value: UInt64?) -> JSONValue? { value.map { .int($0) } }
}

extension NodeStats {
    var jsonValue: JSONValue {
        .stats([
            ("nodeName", .string(nodeName)), ("startTime", .time(startTime)), ("cpu", cpu?.jsonValue), ("memory", memory?.jsonValue),
            ("network", network?.jsonValue), ("fs", fs?.jsonValue), ("runtime", runtime.map { .stats([("imageFs", $0.imageFs?.jsonValue), ("containerFs", $0.containerFs?.jsonValue)]) }),
        ])
    }
}

extension PodStats {
    var jsonValue: JSONValue {
        .stats([
            ("podRef", ["name": .string(podRef.name), "namespace": .string(podRef.namespace), "uid": .string(podRef.uid)]),
            ("startTime", .time(startTime)), ("containers", .array(containers.map(\.jsonValue))), ("cpu", cpu?.jsonValue),
            ("memory", memory?.jsonValue), ("network", network?.jsonValue),
            ("volume", volume.map { .array($0.map { .stats(($0.fs.members) + [("name", .string($0.name))]) }) }),
            ("ephemeral-storage", ephemeralStorage?.jsonValue),
        ])
    }
}

extension ContainerStats {
    var jsonValue: JSONValue {
        .stats([
            ("name", .string(name)), ("startTime", .time(startTime)), ("cpu", cpu?.jsonValue), ("memory", memory?.jsonValue),
            ("rootfs", rootfs?.jsonValue), ("logs", logs?.jsonValue),
        ])
    }
}

extension CPUStats {
    var jsonValue: JSONValue {
        .stats([("time", .time(time)), ("usageNanoCores", .count(usageNanoCores)), ("usageCoreNanoSeconds", .count(usageCoreNanoSeconds))])
    }
}

extension MemoryStats {
    var jsonValue: JSONValue {
        .stats([
            ("time", .time(time)), ("availableBytes", .count(availableBytes)), ("usageBytes", .count(usageBytes)),
            ("workingSetBytes", .count(workingSetBytes)), ("rssBytes", .count(rssBytes)), ("pageFaults", .count(pageFaults)),
            ("majorPageFaults", .count(majorPageFaults)),
        ])
    }
}

extension FsStats {
    var jsonValue: JSONValue { .stats(members) }

    /// The members in Kubernetes' order (a volume's come first, before its name).
    var members: [(String, JSONValue?)] {
        [
            ("time", .time(time)), ("availableBytes", .count(availableBytes)), ("capacityBytes", .count(capacityBytes)),
            ("usedBytes", .count(usedBytes)), ("inodesFree", .count(inodesFree)), ("inodes", .count(inodes)), ("inodesUsed", .count(inodesUsed)),
        ]
    }
}
