import Foundation
import KubeRuntime

/// Builds the Summary API document from what the runtime runs and what the cgroup and proc
/// filesystems say. A pod is a ready sandbox of the kubelet's (pod labels); its stats are those
/// of its cgroup (the sandbox's `cgroupParent`), and each running container's are those of the
/// cgroup runc made for it, `<cgroupParent>/<container id>` (KubeRuntime's runc layout); its
/// network counters are those of a process of one of its containers. CPU rates come from
/// `CPUUsageRates` (the previous scrape's sample).
public struct SummaryProvider: Sendable {
    let runtime: any RuntimeService
    let nodeName: String
    let cgroups: CgroupStatsReader
    let host: NodeStatsReader
    let rates: CPUUsageRates
    /// Whose filesystem is the node's `fs` (the kubelet's root directory).
    let rootDirectory: String
    /// Whose filesystem is the runtime's `imageFs`; nil leaves `runtime` out.
    let imageDirectory: String?
    let now: @Sendable () -> Date

    /// A provider for node `nodeName` reading containers from `runtime`, cgroups with `cgroups`
    /// and node counters with `host`; `now` stamps the samples.
    public init(
        runtime: any RuntimeService, nodeName: String, rootDirectory: String, imageDirectory: String? = nil,
        cgroups: CgroupStatsReader = CgroupStatsReader(), host: NodeStatsReader = NodeStatsReader(), rates: CPUUsageRates = CPUUsageRates(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.runtime = runtime
        self.nodeName = nodeName
        self.rootDirectory = rootDirectory
        self.imageDirectory = imageDirectory
        self.cgroups = cgroups
        self.host = host
        self.rates = rates
        self.now = now
    }

    /// The summary now. `onlyCPUAndMemory` leaves filesystems (the node's, the runtime's, the
    /// containers' writable layers and logs, the pods' volumes and ephemeral storage) and pod
    /// networks out (`?only_cpu_and_memory=true`, what metrics-server and
    /// `/metrics/resource` ask for). Throws when the runtime cannot list.
    public func summary(onlyCPUAndMemory: Bool = false) async throws -> StatsSummary {
        let sandboxes = try await runtime.listPodSandboxes().filter { $0.state == .ready && RuntimeLabels.uid($0.config.labels) != nil }
        let containers = try await runtime.listContainers().filter { $0.state == .running }
        let time = now()
        var seen = Set<String>()

        var node = NodeStats(nodeName: nodeName, startTime: host.bootTime() ?? time)
        if let usage = host.cpuUsageNanoseconds() {
            seen.insert("")
            node.cpu = CPUStats(time: time, usageNanoCores: await rates.rate("", usage: usage, at: time), usageCoreNanoSeconds: usage)
        }
        node.memory = host.memory().map { Self.memory($0, at: time) }
        if !onlyCPUAndMemory {
            node.network = NetworkStatsReader.read(procRoot: host.procRoot, pid: nil, at: time)
            node.fs = NodeStatsReader.filesystem(rootDirectory, at: time)
            if let imageDirectory {
                let imageFs = NodeStatsReader.filesystem(imageDirectory, at: time)
                node.runtime = RuntimeStats(imageFs: imageFs, containerFs: imageFs)
            }
        }

        // The newest ready sandbox of each pod.
        var newest: [String: PodSandboxStatus] = [:]
        for sandbox in sandboxes {
            let uid = sandbox.config.uid
            if let current = newest[uid], current.createdAt >= sandbox.createdAt { continue }
            newest[uid] = sandbox
        }
        var pods: [PodStats] = []
        for sandbox in newest.values {
            let parent = sandbox.config.cgroupParent
            var pod = PodStats(
                podRef: PodReference(name: sandbox.config.name, namespace: sandbox.config.namespace, uid: sandbox.config.uid),
                startTime: sandbox.createdAt, containers: [])
            if !parent.isEmpty, let sample = cgroups.read(parent) {
                (pod.cpu, pod.memory) = await stats(parent, sample, at: time)
                seen.insert(parent)
            }
            for container in containers where container.sandboxID == sandbox.id {
                let name = container.config.labels[RuntimeLabels.containerName] ?? container.config.name
                var stats = ContainerStats(name: name, startTime: container.startedAt ?? container.createdAt)
                let path = (parent.hasSuffix("/") ? parent : parent + "/") + container.id
                if !parent.isEmpty, let sample = cgroups.read(path) {
                    (stats.cpu, stats.memory) = await self.stats(path, sample, at: time)
                    seen.insert(path)
                }
                if !onlyCPUAndMemory, pod.network == nil, !parent.isEmpty, let pid = cgroups.firstProcess(path) {
                    pod.network = NetworkStatsReader.read(procRoot: host.procRoot, pid: pid, at: time)
                }
                if !onlyCPUAndMemory, !container.config.logPath.isEmpty {
                    stats.logs = NodeStatsReader.logs((container.config.logPath as NSString).deletingLastPathComponent, at: time)
                }
                if !onlyCPUAndMemory, let layer = try? await runtime.writableLayerUsage(container.id) {
                    stats.rootfs = NodeStatsReader.filesystem(layer.mountpoint, usedBy: layer.usage, at: time)
                }
                pod.containers.append(stats)
            }
            pod.containers.sort { $0.name < $1.name }
            if !onlyCPUAndMemory {
                let volumes = PodDiskStats.volumes(root: rootDirectory, uid: sandbox.config.uid, at: time)
                pod.volume = volumes.isEmpty ? nil : volumes.map(\.stats)
                pod.ephemeralStorage = PodDiskStats.ephemeral(root: rootDirectory, containers: pod.containers, volumes: volumes, at: time)
            }
            pods.append(pod)
        }
        pods.sort { ($0.podRef.namespace, $0.podRef.name, $0.podRef.uid) < ($1.podRef.namespace, $1.podRef.name, $1.podRef.uid) }
        await rates.retain(seen)
        return StatsSummary(node: node, pods: pods)
    }

    /// The CPU and memory stats of cgroup `path` from `sample`.
    func stats(_ path: String, _ sample: CgroupSample, at time: Date) async -> (CPUStats?, MemoryStats?) {
        var cpu: CPUStats?
        if let usage = sample.cpuUsageNanoseconds {
            cpu = CPUStats(time: time, usageNanoCores: await rates.rate(path, usage: usage, at: time), usageCoreNanoSeconds: usage)
        }
        return (cpu, Self.memory(sample, at: time))
    }

    /// `MemoryStats` of `sample`; available bytes only under a limit, as the kubelet reports them.
    static func memory(_ sample: CgroupSample, at time: Date) -> MemoryStats {
        var available: UInt64?
        if let limit = sample.memoryLimitBytes, let workingSet = sample.memoryWorkingSetBytes {
            available = limit > workingSet ? limit - workingSet : 0
        }
        return MemoryStats(
            time: time, availableBytes: available, usageBytes: sample.memoryUsageBytes, workingSetBytes: sample.memoryWorkingSetBytes,
            rssBytes: sample.memoryRSSBytes, pageFaults: sample.pageFaults, majorPageFaults: sample.majorPageFaults)
    }
}
