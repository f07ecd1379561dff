import Foundation
import Testing

@testable import KubeRuntime

/// Containers under real runc (as root): exit codes and reasons, CRI logs, process settings,
/// mounts, memory limits, stop and exec.
@Suite(.serialized)
struct RuncContainerTests {
    @Test func runsToCompletionWithExitCodesAndCRILogs() async throws {
        try await RuncFixture.withPod("complete") { f, pod, sandbox in
            let ok = f.containerConfig("ok", sandbox: pod, ["sh", "-c", "echo hello; echo oops >&2; printf tail"])
            let failing = f.containerConfig("fail", sandbox: pod, ["sh", "-c", "exit 3"])
            let okID = try await f.run(ok, in: sandbox)
            let failID = try await f.run(failing, in: sandbox)
            let okStatus = try await f.waitExited(okID)
            let failStatus = try await f.waitExited(failID)
            #expect(okStatus.exitCode == 0)
            #expect(okStatus.reason == "Completed")
            #expect(okStatus.startedAt != nil && okStatus.finishedAt != nil)
            #expect(failStatus.exitCode == 3)
            #expect(failStatus.reason == "Error")

            let lines = try f.logLines(ok)
            #expect(lines.contains { $0 == ("stdout", "F", "hello") })
            #expect(lines.contains { $0 == ("stderr", "F", "oops") })
            #expect(lines.contains { $0 == ("stdout", "P", "tail") })
            let raw = try String(contentsOfFile: ok.logPath, encoding: .utf8)
            let format = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z (stdout|stderr) [FP] .*$/
            for line in raw.split(separator: "\n") {
                #expect(line.wholeMatch(of: format) != nil, "not a CRI log line: \(line)")
            }
        }
    }

    @Test func startReadsRuncsExecFifoAndRuncAgrees() async throws {
        try await RuncFixture.withPod("fifo") { f, pod, sandbox in
            let id = try await f.runtime.createContainer(sandboxID: sandbox, f.containerConfig("main", sandbox: pod, ["sleep", "1000"]))
            #expect(try await f.runtime.containerStatus(id).state == .created)
            #expect(try await runcStatus(f, id) == "created")
            try await f.runtime.startContainer(id)
            #expect(!FileManager.default.fileExists(atPath: f.runtime.layout.execFifo(id)))
            #expect(try await runcStatus(f, id) == "running")
            #expect(try await f.runtime.containerStatus(id).state == .running)
            // A second start is runc's to refuse.
            await #expect(throws: RuntimeError.self) { try await f.runtime.startContainer(id) }

            // An init that is gone before the start: the start fails instead of waiting.
            let doomed = try await f.runtime.createContainer(sandboxID: sandbox, f.containerConfig("doomed", sandbox: pod, ["true"]))
            let processes = try #require(RuncRecords.read(ContainerProcesses.self, from: f.runtime.layout.processesFile(doomed)))
            RuncHost.signal(processes.initPID, SIGKILL)
            await #expect(throws: RuntimeError.self) { try await f.runtime.startContainer(doomed) }
        }
    }

    @Test func runcRunsFromTheSealedCopyAndItsInitDoesNotCopyItselfAgain() async throws {
        try await RuncFixture.withPod("sealed") { f, pod, sandbox in
            #expect(f.runtime.runcPath.hasPrefix("/proc/\(getpid())/fd/"))
            let id = try await f.runtime.createContainer(sandboxID: sandbox, f.containerConfig("main", sandbox: pod, ["sleep", "1000"]))
            // Created, not started: the init is still runc's, waiting on its exec fifo.
            let processes = try #require(RuncRecords.read(ContainerProcesses.self, from: f.runtime.layout.processesFile(id)))
            let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(processes.initPID)/exe")
            #expect(exe == "/memfd:runc (deleted)", "runc's init runs from \(exe)")
            try await f.runtime.startContainer(id)
            #expect(try await f.runtime.containerStatus(id).state == .running)
        }
    }

    @Test func theRootfsIsMountedInTheContainersNamespaceOnly() async throws {
        try await RuncFixture.withPod("rootfs") { f, pod, sandbox in
            let id = try await f.run(f.containerConfig("main", sandbox: pod, ["sleep", "1000"]), in: sandbox)
            let rootfs = f.runtime.layout.rootfs(id)
            let hostTable = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            #expect(!hostTable.contains(rootfs), "the host's mount table holds the container's rootfs")
            let processes = try #require(RuncRecords.read(ContainerProcesses.self, from: f.runtime.layout.processesFile(id)))
            let containerTable = try String(contentsOfFile: "/proc/\(processes.initPID)/mountinfo", encoding: .utf8)
            #expect(containerTable.split(separator: "\n").contains { $0.contains(" / / ") && $0.contains(" - overlay ") })
            let out = try await f.runtime.execSync(id, command: ["cat", "/etc/passwd"], timeout: .seconds(10))
            #expect(out.exitCode == 0)
            #expect(String(decoding: out.stdout, as: UTF8.self).contains("root:"))
        }
    }

    /// What `runc state` says of the container.
    private func runcStatus(_ f: RuncFixture, _ id: String) async throws -> String? {
        let out = try await f.runtime.runc(["state", id])
        let state = try JSONSerialization.jsonObject(with: Data(out.stdout)) as? [String: Any]
        return state?["status"] as? String
    }

    @Test func longLinesAreSplitIntoPartialsOf16KiB() async throws {
        try await RuncFixture.withPod("longline") { f, pod, sandbox in
            let config = f.containerConfig(
                "long", sandbox: pod, ["sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x; echo"])
            _ = try await f.waitExited(try await f.run(config, in: sandbox))
            let lines = try f.logLines(config)
            #expect(lines.map(\.tag) == ["P", "F"])
            #expect(lines.first?.text.count == 16384)
            #expect(lines.last?.text.count == 20000 - 16384)
        }
    }

    @Test func appliesEnvArgsWorkingDirAndUser() async throws {
        try await RuncFixture.withPod("process") { f, pod, sandbox in
            let config = f.containerConfig(
                "p", sandbox: pod, ["sh", "-c", "echo $GREETING $0 $1; pwd; id -u; id -g; echo $HOSTNAME", "arg0", "arg1"],
                env: [EnvVar("GREETING", "hi")], workingDir: "/tmp", user: UserID(uid: 1000, gid: 2000))
            let status = try await f.waitExited(try await f.run(config, in: sandbox))
            #expect(status.exitCode == 0)
            #expect(try f.stdout(config) == ["hi arg0 arg1", "/tmp", "1000", "2000", "process"])
        }
    }

    @Test func podFilesCarryHostnameAndPodIP() async throws {
        try await RuncFixture.withPod("files", hostname: "files-host") { f, pod, sandbox in
            try f.runtime.setPodIPs(sandboxID: sandbox, ["10.42.0.7"])
            let config = f.containerConfig("c", sandbox: pod, ["sh", "-c", "cat /etc/hostname; cat /etc/hosts"])
            _ = try await f.waitExited(try await f.run(config, in: sandbox))
            let lines = try f.stdout(config)
            #expect(lines.first == "files-host")
            #expect(lines.contains("127.0.0.1\tlocalhost"))
            #expect(lines.last == "10.42.0.7\tfiles-host")
        }
    }

    @Test func bindMountsVolumes() async throws {
        try await RuncFixture.withPod("mounts") { f, pod, sandbox in
            let host = f.base + "/volume"
            try FileManager.default.createDirectory(atPath: host, withIntermediateDirectories: true)
            try Data("from the host\n".utf8).write(to: URL(fileURLWithPath: host + "/file"))
            let config = f.containerConfig(
                "m", sandbox: pod,
                ["sh", "-c", "cat /data/file; echo written > /data/out; touch /ro/x || echo readonly"],
                mounts: [.init(containerPath: "/data", hostPath: host), .init(containerPath: "/ro", hostPath: host, readOnly: true)])
            let status = try await f.waitExited(try await f.run(config, in: sandbox))
            #expect(status.exitCode == 0)
            #expect(try f.stdout(config) == ["from the host", "readonly"])
            #expect(try String(contentsOfFile: host + "/out", encoding: .utf8) == "written\n")
        }
    }

    @Test func memoryLimitEndsInOOMKilled() async throws {
        try await RuncFixture.withPod("oom") { f, pod, sandbox in
            let config = f.containerConfig(
                "hog", sandbox: pod, ["sh", "-c", "x=aaaaaaaa; while true; do x=$x$x; done"],
                resources: LinuxResources(cpuShares: 512, cpuQuota: 50000, cpuPeriod: 100000, memoryLimitBytes: 16 << 20))
            let status = try await f.waitExited(try await f.run(config, in: sandbox))
            #expect(status.reason == "OOMKilled")
            #expect(status.exitCode == 137)
        }
    }

    @Test func stopsGracefullyAndByForce() async throws {
        try await RuncFixture.withPod("stop") { f, pod, sandbox in
            let polite = f.containerConfig(
                "polite", sandbox: pod, ["sh", "-c", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.05; done"])
            let stubborn = f.containerConfig(
                "stubborn", sandbox: pod, ["sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.05; done"])
            let politeID = try await f.run(polite, in: sandbox)
            let stubbornID = try await f.run(stubborn, in: sandbox)
            try await f.waitUntil("both ready") {
                (try? f.stdout(polite).contains("ready")) == true && (try? f.stdout(stubborn).contains("ready")) == true
            }
            try await f.runtime.stopContainer(politeID, gracePeriod: .seconds(30))
            let politeStatus = try await f.runtime.containerStatus(politeID)
            #expect(politeStatus.state == .exited)
            #expect(politeStatus.exitCode == 0)
            #expect(try f.stdout(polite).contains("bye"))
            try await f.runtime.stopContainer(stubbornID, gracePeriod: .milliseconds(200))
            let stubbornStatus = try await f.runtime.containerStatus(stubbornID)
            #expect(stubbornStatus.state == .exited)
            #expect(stubbornStatus.exitCode == 137)
            #expect(stubbornStatus.reason == "Error")
        }
    }

    @Test func execSyncReturnsOutputAndExitCodeAndTimesOut() async throws {
        try await RuncFixture.withPod("exec") { f, pod, sandbox in
            let id = try await f.run(f.containerConfig("c", sandbox: pod, ["sleep", "1000"]), in: sandbox)
            let result = try await f.runtime.execSync(
                id, command: ["sh", "-c", "echo out; echo err >&2; exit 5"], timeout: .seconds(30))
            #expect(result.exitCode == 5)
            #expect(String(decoding: result.stdout, as: UTF8.self) == "out\n")
            #expect(String(decoding: result.stderr, as: UTF8.self) == "err\n")
            await #expect(throws: RuntimeError.self) {
                _ = try await f.runtime.execSync(id, command: ["sh", "-c", "sleep 100; echo late"], timeout: .milliseconds(300))
            }
            let again = try await f.runtime.execSync(id, command: ["true"], timeout: .seconds(30))
            #expect(again.exitCode == 0)
        }
    }

    @Test func execSessionsStreamWithStdinAndTerminal() async throws {
        try await RuncFixture.withPod("session") { f, pod, sandbox in
            let id = try await f.run(f.containerConfig("c", sandbox: pod, ["sleep", "1000"]), in: sandbox)

            let piped = try await f.runtime.exec(id, command: ["sh", "-c", "cat; echo done >&2; exit 4"], tty: false, stdin: true)
            try await piped.write(Array("echo me\n".utf8))
            await piped.closeStdin()
            var out: [UInt8] = []
            var err: [UInt8] = []
            for await chunk in piped.output {
                switch chunk {
                case .stdout(let bytes): out += bytes
                case .stderr(let bytes): err += bytes
                }
            }
            #expect(await piped.wait() == 4)
            #expect(String(decoding: out, as: UTF8.self) == "echo me\n")
            #expect(String(decoding: err, as: UTF8.self) == "done\n")

            let terminal = try await f.runtime.exec(
                id, command: ["sh", "-c", "tty; read line; echo got $line; exit 2"], tty: true, stdin: true)
            await terminal.resize(width: 100, height: 40)
            try await terminal.write(Array("typed\n".utf8))
            var screen: [UInt8] = []
            for await chunk in terminal.output {
                if case .stdout(let bytes) = chunk { screen += bytes }
            }
            #expect(await terminal.wait() == 2)
            let text = String(decoding: screen, as: UTF8.self)
            #expect(text.contains("/dev/pts/"), "tty output: \(text)")
            #expect(text.contains("got typed"), "tty output: \(text)")
        }
    }
}

extension RuncContainerTests {
    /// A listing taken while `runc create` runs (the record written, the shim's report not yet)
    /// must not see an exit: the real exit moments later would then look like no change.
    @Test func aContainerBeingCreatedIsCreatedNotExited() async throws {
        try await RuncFixture.withPod("making") { f, pod, sandbox in
            let id = RuncRecords.newID()
            let record = ContainerRecord(
                id: id, sandboxID: sandbox, config: f.containerConfig("main", sandbox: pod, ["true"]), createdAt: Date(),
                startedAt: nil, cgroupsPath: f.cgroupParent + "/" + id)
            try RuncHost.makeDirectory(f.runtime.layout.containerDir(id), mode: 0o700)
            try RuncRecords.write(record, to: f.runtime.layout.containerRecord(id))
            #expect(try await f.runtime.containerStatus(id).state == .created)
            #expect(try await f.runtime.listContainers().first { $0.id == id }?.state == .created)
            // One that never finished being made is stopped and removed at once.
            let clock = ContinuousClock()
            let started = clock.now
            try await f.runtime.stopContainer(id, gracePeriod: .seconds(5))
            try await f.runtime.removeContainer(id)
            #expect(clock.now - started < .seconds(5))
            #expect(try await f.runtime.listContainers().allSatisfy { $0.id != id })
        }
    }
}
