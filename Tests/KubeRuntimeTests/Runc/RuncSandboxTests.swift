import Foundation
import Testing

@testable import KubeRuntime

/// Pod sandboxes under real runc (as root): shared namespaces, adoption by a new runtime, cleanup.
@Suite(.serialized)
struct RuncSandboxTests {
    @Test func containersOfAPodShareNetworkIPCAndHostname() async throws {
        try await RuncFixture.withPod("shared", hostname: "shared-host") { f, pod, sandbox in
            let status = try #require(try await f.runtime.listPodSandboxes().first { $0.id == sandbox })
            #expect(status.state == .ready)
            #expect(FileManager.default.fileExists(atPath: status.networkNamespacePath))

            let server = f.containerConfig(
                "server", sandbox: pod,
                ["sh", "-c", "hostname; readlink /proc/self/ns/ipc; readlink /proc/self/ns/net; sleep 1000 | nc -l -p 8080"])
            let client = f.containerConfig(
                "client", sandbox: pod,
                [
                    "sh", "-c",
                    "readlink /proc/self/ns/ipc; readlink /proc/self/ns/net; cat /etc/hostname; "
                        + "for i in $(seq 1 200); do echo hello-over-lo | nc 127.0.0.1 8080 && exit 0; sleep 0.05; done; exit 1",
                ])
            let serverID = try await f.run(server, in: sandbox)
            let clientID = try await f.run(client, in: sandbox)
            let clientStatus = try await f.waitExited(clientID)
            #expect(clientStatus.exitCode == 0)
            try await f.waitUntil("the server got the message") {
                (try? f.stdout(server).contains("hello-over-lo")) == true
            }
            try await f.runtime.stopContainer(serverID, gracePeriod: .zero)
            // (The server's own stdin never ends, so nc does not quit before the message arrives.)
            let serverLines = try f.stdout(server)
            let clientLines = try f.stdout(client)
            #expect(serverLines.first == "shared-host")
            #expect(clientLines[2] == "shared-host")
            #expect(serverLines[1] == clientLines[0], "IPC namespaces differ")
            #expect(serverLines[2] == clientLines[1], "network namespaces differ")
            let hostIPC = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/ipc")
            let hostNet = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
            #expect(serverLines[1] != hostIPC)
            #expect(serverLines[2] != hostNet)
        }
    }

    @Test func namespaceFilesAreMountedInTheHolderNotOnTheHost() async throws {
        try await RuncFixture.withPod("holder") { f, pod, sandbox in
            let hostTable = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            let nsfs = hostTable.split(separator: "\n").filter { $0.contains(sandbox) && $0.contains(" - nsfs ") }
            #expect(nsfs.isEmpty, "the host's mount table holds the sandbox's namespace files: \(nsfs)")
            // Reached through the holder, the files are the sandbox's namespaces, which a
            // container joins.
            let netns = try #require(try await f.runtime.listPodSandboxes().first).networkNamespacePath
            #expect(netns.hasPrefix("/proc/\(getpid())/fd/"))
            let fd = open(netns, O_RDONLY)
            #expect(fd >= 0)
            if fd >= 0 { close(fd) }
            let config = f.containerConfig("ns", sandbox: pod, ["sh", "-c", "readlink /proc/self/ns/net; sleep 1000"])
            _ = try await f.run(config, in: sandbox)
            try await f.waitUntil("output") { (try? f.stdout(config).first?.hasPrefix("net:[")) == true }
            var info = stat()
            #expect(stat(netns, &info) == 0)
            #expect(try f.stdout(config).first == "net:[\(info.st_ino)]")

            // A second runtime on the same folder (a restarted kubelet) opens the same holder.
            let again = try RuncRuntime(options: f.runtime.options)
            let seen = try #require(try await again.listPodSandboxes().first)
            #expect(seen.state == .ready)
            var infoAgain = stat()
            #expect(stat(seen.networkNamespacePath, &infoAgain) == 0)
            #expect(infoAgain.st_ino == info.st_ino)
            let holder = f.runtime.namespaces
            #expect(RuncHost.mountPoints().filter { $0.hasPrefix(holder.directory) } == [holder.directory, holder.file])
        }
    }

    @Test func aNewRuntimeAdoptsRunningContainers() async throws {
        try await RuncFixture.withPod("adopt") { f, pod, sandbox in
            let gate = f.base + "/gate"
            try FileManager.default.createDirectory(atPath: gate, withIntermediateDirectories: true)
            let config = f.containerConfig(
                "waiter", sandbox: pod, ["sh", "-c", "while [ ! -f /gate/go ]; do sleep 0.05; done; exit 7"],
                mounts: [.init(containerPath: "/gate", hostPath: gate)])
            let id = try await f.run(config, in: sandbox)

            // The shim was daemonised: it is not a child of this (kubelet) process.
            let shimPID = try #require(RuncRecords.read(ContainerProcesses.self, from: f.runtime.layout.processesFile(id))).shimPID
            let stat = try String(contentsOfFile: "/proc/\(shimPID)/stat", encoding: .utf8)
            let parent = stat.split(separator: ")").last?.split(separator: " ").dropFirst().first
            #expect(parent.flatMap { Int32($0) } != ProcessInfo.processInfo.processIdentifier)

            let restarted = try RuncRuntime(options: f.runtime.options)
            let containers = try await restarted.listContainers()
            #expect(containers.map(\.id) == [id])
            #expect(containers.first?.state == .running)
            #expect(containers.first?.config.name == "waiter")
            let sandboxes = try await restarted.listPodSandboxes()
            #expect(sandboxes.map(\.id) == [sandbox])
            #expect(sandboxes.first?.config.hostname == "adopt")

            #expect(FileManager.default.createFile(atPath: gate + "/go", contents: Data()))
            var status = try await restarted.containerStatus(id)
            for _ in 0..<3000 where status.state != .exited {
                try await Task.sleep(for: .milliseconds(10))
                status = try await restarted.containerStatus(id)
            }
            #expect(status.state == .exited)
            #expect(status.exitCode == 7)
        }
    }

    @Test func aContainerWhoseShimDiedIsReportedExitedWithLostStatus() async throws {
        try await RuncFixture.withPod("shimless") { f, pod, sandbox in
            let id = try await f.run(f.containerConfig("c", sandbox: pod, ["sleep", "1000"]), in: sandbox)
            #expect(try await f.runtime.containerStatus(id).state == .running)
            let processes = try #require(
                RuncRecords.read(ContainerProcesses.self, from: f.runtime.layout.processesFile(id)))
            RuncHost.signal(processes.shimPID, SIGKILL)
            RuncHost.signal(processes.initPID, SIGKILL)
            let status = try await f.waitExited(id)
            #expect(status.exitCode == 255)
            #expect(status.reason == "Error")
            #expect(status.message?.contains("shim") == true)
        }
    }

    @Test func removingASandboxCleansContainersMountsNamespacesAndCgroups() async throws {
        try await RuncFixture.withPod("cleanup") { f, pod, sandbox in
            let config = f.containerConfig(
                "sleeper", sandbox: pod, ["sh", "-c", "echo up; sleep 1000"],
                resources: LinuxResources(memoryLimitBytes: 64 << 20))
            let id = try await f.run(config, in: sandbox)
            try await f.waitUntil("output") { (try? f.stdout(config).contains("up")) == true }
            let netns = try #require(try await f.runtime.listPodSandboxes().first).networkNamespacePath
            let cgroup = RuncHost.isCgroup2 ? "/sys/fs/cgroup\(f.cgroupParent)/\(id)" : "/sys/fs/cgroup/memory\(f.cgroupParent)/\(id)"
            #expect(FileManager.default.fileExists(atPath: cgroup))
            let rootfs = f.runtime.layout.rootfs(id)
            #expect(!RuncHost.mountPoints().contains(rootfs), "mounted in the container's namespace only")

            try await f.runtime.stopPodSandbox(sandbox)
            #expect(try await f.runtime.containerStatus(id).state == .exited)
            #expect(try await f.runtime.listPodSandboxes().first?.state == .notReady)
            #expect(!FileManager.default.fileExists(atPath: netns))

            try await f.runtime.removePodSandbox(sandbox)
            #expect(try await f.runtime.listPodSandboxes().isEmpty)
            #expect(try await f.runtime.listContainers().isEmpty)
            await #expect(throws: RuntimeError.self) { _ = try await f.runtime.containerStatus(id) }
            #expect(!FileManager.default.fileExists(atPath: cgroup))
            #expect(!FileManager.default.fileExists(atPath: f.runtime.layout.containerDir(id)))
            #expect(!FileManager.default.fileExists(atPath: f.runtime.layout.writableDir(id)))
            // Only the namespace holder is left (its folder and its file; `unmountState` ends it).
            let holder = f.runtime.namespaces
            #expect(RuncHost.mountPoints().filter { $0.hasPrefix(f.base) } == [holder.directory, holder.file])
            #expect(FileManager.default.fileExists(atPath: config.logPath), "the log file stays")
            try await f.runtime.removePodSandbox(sandbox)  // removing again succeeds
        }
    }

    @Test func startsABurstOfPodsConcurrently() async throws {
        try await RuncFixture.with { f in
            let ids = try await withThrowingTaskGroup(of: (ContainerConfig, String).self) { group in
                for n in 0..<24 {
                    group.addTask {
                        var pod = f.sandboxConfig("burst-\(n)")
                        pod.labels = ["pod": "burst-\(n)", "parity": n % 2 == 0 ? "even" : "odd"]
                        let sandbox = try await f.runtime.runPodSandbox(pod)
                        var config = f.containerConfig("c", sandbox: pod, ["sh", "-c", "echo pod-$0; hostname", "\(n)"])
                        config.labels = pod.labels
                        return (config, try await f.run(config, in: sandbox))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(ids.count == 24)
            for (config, id) in ids {
                let status = try await f.waitExited(id)
                #expect(status.exitCode == 0)
                let n = config.logPath.split(separator: "/").first { $0.hasPrefix("default_burst-") }?.dropFirst(14) ?? ""
                #expect(try f.stdout(config) == ["pod-\(n)", "burst-\(n)"])
            }
            #expect(try await f.runtime.listPodSandboxes().count == 24)
            // Label selection, as the kubelet lists one pod's sandboxes and containers.
            let seventh = try await f.runtime.listPodSandboxes(labels: ["pod": "burst-7"])
            #expect(seventh.map(\.config.name) == ["burst-7"])
            let containers = try await f.runtime.listContainers(labels: ["pod": "burst-7"])
            #expect(containers.count == 1 && containers.first?.sandboxID == seventh.first?.id)
            #expect(try await f.runtime.listContainers(labels: ["parity": "odd"]).count == 12)
            #expect(try await f.runtime.listContainers(labels: ["pod": "burst-7", "parity": "even"]).isEmpty)
            #expect(try await f.runtime.listContainers(labels: [:]).count == 24)
        }
    }

    @Test func unknownIDsAreNotFound() async throws {
        try await RuncFixture.with { f in
            let missing = String(repeating: "0", count: 64)
            await #expect(throws: RuntimeError.self) { _ = try await f.runtime.containerStatus(missing) }
            await #expect(throws: RuntimeError.self) {
                _ = try await f.runtime.createContainer(
                    sandboxID: missing, f.containerConfig("x", sandbox: f.sandboxConfig("x"), ["true"]))
            }
            try await f.runtime.removeContainer(missing)
            try await f.runtime.removePodSandbox(missing)
        }
    }
}
