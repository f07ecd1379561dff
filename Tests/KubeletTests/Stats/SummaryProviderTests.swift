import Foundation
import KubeAPI
import KubeRuntime
import Testing

@testable import Kubelet

/// Reading cgroup v2 and v1 counters from a fake cgroup tree.
@Suite struct CgroupStatsReaderTests {
    @Test func unifiedCountersAndWorkingSet() throws {
        let tree = try FakeTree()
        try tree.write("cgroup.controllers", "cpu memory pids\n")
        try tree.unifiedCgroup("a/b", usec: 1500, current: 10_485_760, anon: 4096, inactiveFile: 1_048_576)
        try tree.unifiedCgroup("a/limited", usec: 0, current: 2_000_000, anon: 0, inactiveFile: 3_000_000, max: "20971520")
        let reader = CgroupStatsReader(root: tree.root)
        #expect(reader.unified)
        let sample = try #require(reader.read("/a/b"))
        #expect(
            sample
                == CgroupSample(
                    cpuUsageNanoseconds: 1_500_000, memoryUsageBytes: 10_485_760, memoryWorkingSetBytes: 9_437_184, memoryRSSBytes: 4096,
                    pageFaults: 42, majorPageFaults: 3, memoryLimitBytes: nil))
        // Inactive file pages above usage leave a working set of zero, not a wrapped number.
        let limited = try #require(reader.read("a/limited"))
        #expect(limited.memoryWorkingSetBytes == 0 && limited.memoryLimitBytes == 20_971_520)
        #expect(reader.read("/a/missing") == nil)
    }

    @Test func v1CountersFromTheCpuacctAndMemoryHierarchies() throws {
        let tree = try FakeTree()
        try tree.write("cpuacct/skiff/pod1/c1/cpuacct.usage", "123456789\n")
        try tree.write("memory/skiff/pod1/c1/memory.usage_in_bytes", "8388608\n")
        try tree.write(
            "memory/skiff/pod1/c1/memory.stat",
            "cache 100\nrss 10\ntotal_cache 4096\ntotal_rss 2097152\ntotal_inactive_file 1048576\ntotal_pgfault 7\ntotal_pgmajfault 1\n")
        try tree.write("memory/skiff/pod1/c1/memory.limit_in_bytes", "9223372036854771712\n")
        try tree.write("memory/skiff/pod1/c2/memory.usage_in_bytes", "4096\n")
        try tree.write("memory/skiff/pod1/c2/memory.limit_in_bytes", "67108864\n")
        let reader = CgroupStatsReader(root: tree.root)
        #expect(!reader.unified)
        #expect(
            reader.read("/skiff/pod1/c1")
                == CgroupSample(
                    cpuUsageNanoseconds: 123_456_789, memoryUsageBytes: 8_388_608, memoryWorkingSetBytes: 7_340_032,
                    memoryRSSBytes: 2_097_152, pageFaults: 7, majorPageFaults: 1, memoryLimitBytes: nil))
        let limited = try #require(reader.read("/skiff/pod1/c2"))
        #expect(limited.memoryLimitBytes == 67_108_864 && limited.cpuUsageNanoseconds == nil && limited.memoryWorkingSetBytes == 4096)
        #expect(reader.read("/skiff/pod2") == nil)
    }

    @Test func nodeCountersFromProc() throws {
        let tree = try FakeTree()
        try tree.proc(busyTicks: 250, totalKiB: 4_000_000, freeKiB: 1_000_000, inactiveFileKiB: 500_000, btime: 1_600_000_000)
        let reader = NodeStatsReader(procRoot: tree.root, ticksPerSecond: 100)
        // 250 ticks at 100 per second: 2.5 s of CPU.
        #expect(reader.cpuUsageNanoseconds() == 2_500_000_000)
        #expect(reader.bootTime() == Date(timeIntervalSince1970: 1_600_000_000))
        let memory = try #require(reader.memory())
        #expect(memory.memoryUsageBytes == 3_000_000 * 1024)
        #expect(memory.memoryWorkingSetBytes == 2_500_000 * 1024)
        #expect(memory.memoryRSSBytes == 1024 * 1024 && memory.pageFaults == 1000 && memory.majorPageFaults == 20)
        #expect(NodeStatsReader(procRoot: tree.root + "/none").memory() == nil)
    }
}

/// CPU rates between scrapes.
@Suite struct CPUUsageRatesTests {
    @Test func rateIsTheUsageBetweenTwoSamplesOverTheirDistance() async {
        let rates = CPUUsageRates()
        let t0 = Date(timeIntervalSince1970: 1000)
        #expect(await rates.rate("/a", usage: 5_000_000_000, at: t0) == nil)
        // One second of CPU in two seconds: half a core.
        #expect(await rates.rate("/a", usage: 6_000_000_000, at: t0.addingTimeInterval(2)) == 500_000_000)
        // A counter that went down (a new cgroup of that name) gives no rate, then rates again.
        #expect(await rates.rate("/a", usage: 10, at: t0.addingTimeInterval(3)) == nil)
        #expect(await rates.rate("/a", usage: 4_000_000_010, at: t0.addingTimeInterval(5)) == 2_000_000_000)
        await rates.retain([])
        #expect(await rates.rate("/a", usage: 5_000_000_000, at: t0.addingTimeInterval(6)) == nil)
    }
}

/// The Summary from the runtime's pods and a fake cgroup v2 tree.
@Suite struct SummaryProviderTests {
    /// A runtime running pod `default/web` (uid u1) with container `app`, and the id of that container.
    static func runtimeWithPod(logPath: String = "") async throws -> (InMemoryRuntime, String) {
        let runtime = InMemoryRuntime()
        let labels = ["io.kubernetes.pod.name": "web", "io.kubernetes.pod.namespace": "default", "io.kubernetes.pod.uid": "u1"]
        let sandbox = try await runtime.runPodSandbox(
            PodSandboxConfig(
                name: "web", namespace: "default", uid: "u1", hostname: "web", logDirectory: "/tmp", cgroupParent: "/skiff/besteffort/podu1",
                labels: labels))
        let container = try await runtime.createContainer(
            sandboxID: sandbox,
            ContainerConfig(
                name: "app", image: "busybox", imageID: "sha256:1", layerPaths: [], argv: ["sleep", "3600"], logPath: logPath,
                labels: labels.merging(["io.kubernetes.container.name": "app"]) { a, _ in a }))
        try await runtime.startContainer(container)
        return (runtime, container)
    }

    @Test func podsAndContainersCarryTheirCgroupsStatsAndRatesFromTheSecondScrape() async throws {
        let (runtime, container) = try await Self.runtimeWithPod()
        let cgroups = try FakeTree(), proc = try FakeTree(), clock = StepClock()
        try cgroups.write("cgroup.controllers", "cpu memory\n")
        try cgroups.unifiedCgroup("skiff/besteffort/podu1", usec: 2_000_000, current: 8_000_000, anon: 3_000_000, inactiveFile: 1_000_000)
        try cgroups.unifiedCgroup(
            "skiff/besteffort/podu1/\(container)", usec: 1_000_000, current: 6_000_000, anon: 2_000_000, inactiveFile: 1_000_000,
            max: "16000000")
        try proc.proc(busyTicks: 1000, totalKiB: 2_000_000, freeKiB: 500_000, inactiveFileKiB: 100_000, btime: 1_600_000_000)
        let provider = SummaryProvider(
            runtime: runtime, nodeName: "node-a", rootDirectory: cgroups.root, imageDirectory: cgroups.root,
            cgroups: CgroupStatsReader(root: cgroups.root), host: NodeStatsReader(procRoot: proc.root, ticksPerSecond: 100),
            now: { clock.now })

        let first = try await provider.summary()
        #expect(first.node.nodeName == "node-a" && first.node.startTime == Date(timeIntervalSince1970: 1_600_000_000))
        #expect(first.node.cpu == CPUStats(time: clock.now, usageNanoCores: nil, usageCoreNanoSeconds: 10_000_000_000))
        #expect(first.node.memory?.workingSetBytes == 1_400_000 * 1024)
        #expect(first.node.fs?.capacityBytes ?? 0 > 0 && first.node.runtime?.imageFs != nil)
        let pod = try #require(first.pods.first)
        #expect(first.pods.count == 1 && pod.podRef == PodReference(name: "web", namespace: "default", uid: "u1"))
        #expect(pod.cpu == CPUStats(time: clock.now, usageNanoCores: nil, usageCoreNanoSeconds: 2_000_000_000))
        #expect(pod.memory?.workingSetBytes == 7_000_000 && pod.memory?.availableBytes == nil)
        let app = try #require(pod.containers.first)
        #expect(app.name == "app")
        #expect(
            app.memory
                == MemoryStats(
                    time: clock.now, availableBytes: 11_000_000, usageBytes: 6_000_000, workingSetBytes: 5_000_000, rssBytes: 2_000_000,
                    pageFaults: 42, majorPageFaults: 3))

        // Ten seconds later the container used another half second: 0.05 cores.
        clock.advance(seconds: 10)
        try cgroups.write("skiff/besteffort/podu1/\(container)/cpu.stat", "usage_usec 1500000\n")
        try proc.proc(busyTicks: 1500, totalKiB: 2_000_000, freeKiB: 500_000, inactiveFileKiB: 100_000, btime: 1_600_000_000)
        let second = try await provider.summary(onlyCPUAndMemory: true)
        #expect(second.pods.first?.containers.first?.cpu == CPUStats(time: clock.now, usageNanoCores: 50_000_000, usageCoreNanoSeconds: 1_500_000_000))
        #expect(second.pods.first?.cpu?.usageNanoCores == 0)
        #expect(second.node.cpu?.usageNanoCores == 500_000_000)
        #expect(second.node.fs == nil && second.node.runtime == nil)
    }

    @Test func jsonHasKubernetesFieldNamesAndLeavesOutWhatIsUnknown() async throws {
        let (runtime, _) = try await Self.runtimeWithPod()
        let cgroups = try FakeTree(), proc = try FakeTree()
        try cgroups.write("cgroup.controllers", "cpu memory\n")
        try cgroups.unifiedCgroup("skiff/besteffort/podu1", usec: 1, current: 1, anon: 1, inactiveFile: 0)
        try proc.proc(busyTicks: 1, totalKiB: 2, freeKiB: 1, inactiveFileKiB: 0, btime: 1_600_000_000)
        let provider = SummaryProvider(
            runtime: runtime, nodeName: "node-a", rootDirectory: cgroups.root, cgroups: CgroupStatsReader(root: cgroups.root),
            host: NodeStatsReader(procRoot: proc.root, ticksPerSecond: 100), now: { Date(timeIntervalSince1970: 1_700_000_000) })
        let json = try JSONValue.parse(try await provider.summary().json())
        #expect(json["node"]?.objectValue?.keys == ["nodeName", "startTime", "cpu", "memory", "fs"])  // no net/dev in the fake proc
        #expect(json["node"]?["nodeName"] == "node-a")
        #expect(json["node"]?["startTime"] == "2020-09-13T12:26:40Z")
        #expect(json["node"]?["cpu"]?["usageCoreNanoSeconds"]?.intValue == 10_000_000)
        #expect(json["node"]?["cpu"]?["usageNanoCores"] == nil)
        #expect(json["node"]?["memory"]?["workingSetBytes"]?.intValue == 1024)
        #expect(json["node"]?["runtime"] == nil)
        let pod = try #require(json["pods"]?[0])
        #expect(pod["podRef"] == ["name": "web", "namespace": "default", "uid": "u1"])
        #expect(pod["memory"]?["time"] == "2023-11-14T22:13:20Z")
        // The container's cgroup is missing from the tree: its entry has a name and start time only.
        #expect(pod["containers"]?[0]?["name"] == "app" && pod["containers"]?[0]?["cpu"] == nil)
    }

    @Test func containerLogsCountTheFilesOfItsLogDirectory() async throws {
        let logs = try FakeTree()
        try logs.write("app/0.log", String(repeating: "a", count: 1000))
        try logs.write("app/0.log.20261126-101010.gz", String(repeating: "b", count: 24))
        let (runtime, _) = try await Self.runtimeWithPod(logPath: logs.root + "/app/0.log")
        let provider = SummaryProvider(runtime: runtime, nodeName: "node-a", rootDirectory: logs.root)
        let container = try #require(try await provider.summary().pods.first?.containers.first)
        #expect(container.logs?.usedBytes == 1024 && container.logs?.inodesUsed == 3)
        #expect(container.logs?.capacityBytes ?? 0 > 0)
        #expect(try await provider.summary(onlyCPUAndMemory: true).pods.first?.containers.first?.logs == nil)
    }

    @Test func volumesAreMeasuredAndEmptyDirsConfigMapsAndLogsAreEphemeralStorage() async throws {
        let root = try FakeTree()
        try root.write("pods/u1/volumes/kubernetes.io~empty-dir/scratch/data", String(repeating: "x", count: 10_000))
        try root.write("pods/u1/volumes/kubernetes.io~configmap/settings/key", "value")
        try root.write("pods/u1/volumes/kubernetes.io~secret/token/token", "secret")
        try root.write("logs/app/0.log", String(repeating: "a", count: 3000))
        let (runtime, _) = try await Self.runtimeWithPod(logPath: root.root + "/logs/app/0.log")
        let provider = SummaryProvider(runtime: runtime, nodeName: "node-a", rootDirectory: root.root)
        let pod = try #require(try await provider.summary().pods.first)
        let volumes = try #require(pod.volume)
        #expect(volumes.map(\.name) == ["scratch", "settings", "token"])
        let scratch = volumes[0].fs, settings = volumes[1].fs, token = volumes[2].fs
        // Blocks allocated (at least the bytes written), the directory and its file.
        #expect(scratch.usedBytes ?? 0 >= 10_000 && scratch.inodesUsed == 2 && scratch.capacityBytes ?? 0 > 0)
        // The in-memory runtime has no writable layers: logs, the emptyDir and the configMap
        // make the ephemeral storage; the secret does not count.
        let logs = try #require(pod.containers.first?.logs)
        #expect(pod.containers.first?.rootfs == nil)
        #expect(pod.ephemeralStorage?.usedBytes == (logs.usedBytes ?? 0) + (scratch.usedBytes ?? 0) + (settings.usedBytes ?? 0))
        #expect(pod.ephemeralStorage?.inodesUsed == (logs.inodesUsed ?? 0) + 2 + 2)
        #expect(token.usedBytes ?? 0 > 0)
        let json = try JSONValue.parse(try await provider.summary().json())
        #expect(json["pods"]?[0]?["volume"]?[0]?["name"] == "scratch")
        #expect(json["pods"]?[0]?["ephemeral-storage"]?["usedBytes"] != nil)
        let lean = try #require(try await provider.summary(onlyCPUAndMemory: true).pods.first)
        #expect(lean.volume == nil && lean.ephemeralStorage == nil)
    }

    @Test func networkCountersOfThePodFromAProcessOfItsContainersAndOfTheNode() async throws {
        let (runtime, container) = try await Self.runtimeWithPod()
        let cgroups = try FakeTree(), proc = try FakeTree()
        try cgroups.write("cgroup.controllers", "cpu memory\n")
        try cgroups.unifiedCgroup("skiff/besteffort/podu1/\(container)", usec: 1, current: 1, anon: 1, inactiveFile: 0)
        try cgroups.write("skiff/besteffort/podu1/\(container)/cgroup.procs", "4242\n4243\n")
        try proc.proc(busyTicks: 1, totalKiB: 2, freeKiB: 1, inactiveFileKiB: 0, btime: 1)
        try proc.netDev("4242/net/dev", [("lo", 500, 0, 500, 0), ("eth0", 1296, 1, 796, 2)])
        let time = Date(timeIntervalSince1970: 1_700_000_000)
        let provider = SummaryProvider(
            runtime: runtime, nodeName: "node-a", rootDirectory: cgroups.root, cgroups: CgroupStatsReader(root: cgroups.root),
            host: NodeStatsReader(procRoot: proc.root, ticksPerSecond: 100), now: { time })
        try proc.netDev("net/dev", [("lo", 500, 0, 500, 0), ("skiff0", 100, 0, 200, 0), ("veth1a2b", 300, 0, 400, 0)])
        let eth0 = InterfaceStats(name: "eth0", rxBytes: 1296, rxErrors: 1, txBytes: 796, txErrors: 2)
        let summary = try await provider.summary()
        #expect(summary.pods.first?.network == NetworkStats(time: time, defaultInterface: eth0, interfaces: [eth0]))
        // The node's: no eth0 to inline, and veth pairs left out as cadvisor leaves them out.
        let bridge = InterfaceStats(name: "skiff0", rxBytes: 100, rxErrors: 0, txBytes: 200, txErrors: 0)
        #expect(summary.node.network == NetworkStats(time: time, defaultInterface: nil, interfaces: [bridge]))
        let json = try JSONValue.parse(summary.json())
        #expect(
            json["pods"]?[0]?["network"]
                == [
                    "time": "2023-11-14T22:13:20Z", "name": "eth0", "rxBytes": 1296, "rxErrors": 1, "txBytes": 796, "txErrors": 2,
                    "interfaces": [["name": "eth0", "rxBytes": 1296, "rxErrors": 1, "txBytes": 796, "txErrors": 2]],
                ])
        #expect(try await provider.summary(onlyCPUAndMemory: true).pods.first?.network == nil)
    }
}
