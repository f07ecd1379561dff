import Foundation
import KubeRuntime
import Logging
import Testing

@testable import Kubelet

/// Container GC passes against an in-memory runtime: dead containers go with their log files
/// (rotated ones too), dead sandboxes and log directories of gone pods go.
@Suite struct ContainerGCTests {
    /// A pod's sandbox with `attempts` instances of container `app` (all exited but a last
    /// running one when `running`), each with a log file and a rotated one.
    func makePod(_ runtime: InMemoryRuntime, uid: String, logs: String, attempts: Int, running: Bool) async throws -> (sandbox: String, containers: [String]) {
        let logDirectory = "\(logs)/default_p-\(uid)_\(uid)"
        try FileManager.default.createDirectory(atPath: "\(logDirectory)/app", withIntermediateDirectories: true)
        let sandbox = try await runtime.runPodSandbox(
            PodSandboxConfig(name: "p-\(uid)", namespace: "default", uid: uid, hostname: "p", logDirectory: logDirectory, labels: ["io.kubernetes.pod.uid": uid]))
        var ids: [String] = []
        for attempt in 0..<attempts {
            let logPath = "\(logDirectory)/app/\(attempt).log"
            try Data("line\n".utf8).write(to: URL(fileURLWithPath: logPath))
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: logPath + ".20261126-150000.gz"))
            let last = attempt == attempts - 1
            let config = ContainerConfig(
                name: "app", attempt: attempt, image: "busybox", imageID: "sha256:b", layerPaths: [],
                argv: running && last ? ["httpd", "-f"] : ["sh", "-c", "exit 1"], logPath: logPath,
                labels: ["io.kubernetes.pod.uid": uid, "io.kubernetes.container.name": "app"])
            let id = try await runtime.createContainer(sandboxID: sandbox, config)
            try await runtime.startContainer(id)
            ids.append(id)
        }
        return (sandbox, ids)
    }

    func gc(_ runtime: InMemoryRuntime, logs: String, gone: Set<String>) -> ContainerGC {
        var logger = Logger(label: "test.gc")
        logger.logLevel = .critical
        return ContainerGC(
            runtime: runtime, network: TestPodNetwork(), policy: ContainerGCPolicy(), podLogsDirectory: logs,
            isGone: { gone.contains($0) }, logger: logger)
    }

    @Test func deadContainersGoWithTheirLogFilesAndThePreviousOneStays() async throws {
        let logs = NSTemporaryDirectory() + "skiff-gc-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let runtime = InMemoryRuntime()
        let pod = try await makePod(runtime, uid: "u1", logs: logs, attempts: 4, running: true)
        try await gc(runtime, logs: logs, gone: []).collect(allSourcesReady: true)

        let left = try await runtime.listContainers().map(\.id)
        #expect(left == [pod.containers[2], pod.containers[3]])
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(logs)/default_p-u1_u1/app").sorted()
        #expect(files == ["2.log", "2.log.20261126-150000.gz", "3.log", "3.log.20261126-150000.gz"])
        #expect(try await runtime.listPodSandboxes().map(\.id) == [pod.sandbox])
    }

    @Test func aGonePodLosesItsDeadContainersSandboxAndLogDirectory() async throws {
        let logs = NSTemporaryDirectory() + "skiff-gc-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let runtime = InMemoryRuntime()
        let gonePod = try await makePod(runtime, uid: "gone", logs: logs, attempts: 2, running: false)
        try await runtime.stopPodSandbox(gonePod.sandbox)
        let livePod = try await makePod(runtime, uid: "live", logs: logs, attempts: 1, running: false)

        // Before the pod sources have listed, a gone pod is treated as any other.
        try await gc(runtime, logs: logs, gone: ["gone"]).collect(allSourcesReady: false)
        #expect(try await runtime.listContainers().count == 2)
        #expect(FileManager.default.fileExists(atPath: "\(logs)/default_p-gone_gone"))

        try await gc(runtime, logs: logs, gone: ["gone"]).collect(allSourcesReady: true)
        #expect(try await runtime.listContainers().map(\.id) == livePod.containers)
        #expect(try await runtime.listPodSandboxes().map(\.id) == [livePod.sandbox])
        #expect(try FileManager.default.contentsOfDirectory(atPath: logs) == ["default_p-live_live"])
    }
}
