import Foundation
import KubeRuntime
import Logging
import Synchronization
import Testing

@testable import Kubelet

/// Container log rotation as Kubernetes' log manager does it, over an in-memory runtime (whose
/// reopen creates the new file) with an injected clock; and `logs -f` across a rotation.
@Suite struct ContainerLogRotatorTests {
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }

        /// Text a stream delivered.
        final class Text: Sendable {
            let value = Mutex("")
        }
    }

    /// A running container logging to `<dir>/app/0.log`; returns its status.
    func runningContainer(_ runtime: InMemoryRuntime, dir: String) async throws -> KubeRuntime.ContainerStatus {
        try FileManager.default.createDirectory(atPath: "\(dir)/app", withIntermediateDirectories: true)
        let sandbox = try await runtime.runPodSandbox(PodSandboxConfig(name: "p", namespace: "default", uid: "u1", hostname: "p", logDirectory: dir))
        let id = try await runtime.createContainer(
            sandboxID: sandbox,
            ContainerConfig(name: "app", image: "busybox", imageID: "sha256:b", layerPaths: [], argv: ["httpd", "-f"], logPath: "\(dir)/app/0.log",
                labels: ["io.kubernetes.pod.namespace": "default", "io.kubernetes.pod.name": "p", "io.kubernetes.container.name": "app"]))
        try await runtime.startContainer(id)
        return try await runtime.containerStatus(id)
    }

    /// Runs `body` with a running container's status and a rotator over it, in a fresh directory.
    func withRotator(
        maxSize: Int64, maxFiles: Int, clock: Clock = Clock(),
        _ body: (InMemoryRuntime, KubeRuntime.ContainerStatus, ContainerLogRotator, String) async throws -> Void
    ) async throws {
        let dir = NSTemporaryDirectory() + "skiff-rotate-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runtime = InMemoryRuntime()
        let container = try await runningContainer(runtime, dir: dir)
        var logger = Logger(label: "test.rotate")
        logger.logLevel = .critical
        let rotator = ContainerLogRotator(
            runtime: runtime, maxSize: maxSize, maxFiles: maxFiles, now: { clock.time.withLock { $0 } }, logger: logger)
        try await body(runtime, container, rotator, dir)
    }

    static func line(_ text: String) -> String { "2026-11-26T15:00:00.000000000Z stdout F \(text)\n" }

    func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    @Test func rotatesAtMaxSizeCompressesOlderFilesAndKeepsMaxFiles() async throws {
        let clock = Clock()
        try await withRotator(maxSize: 100, maxFiles: 3, clock: clock) { runtime, container, rotator, dir in
            let log = container.config.logPath
            let stamp = { ContainerLogRotator.timestamp(clock.time.withLock { $0 }) }

            try append(Self.line("small"), to: log)
            try await rotator.rotateLogs()
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/app") == ["0.log"])  // under 100 bytes

            var stamps: [String] = []
            for round in 1...3 {
                try append(String(repeating: Self.line("round \(round)"), count: 3), to: log)
                stamps.append(stamp())
                try await rotator.rotateLogs()
                clock.advance(60)
            }
            // Three files at most: the current one, the newest rotated one as it is, one older gzipped.
            let files = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/app").sorted()
            #expect(files == ["0.log", "0.log.\(stamps[1]).gz", "0.log.\(stamps[2])"])
            #expect(try String(contentsOfFile: log, encoding: .utf8).isEmpty)
            #expect(try String(contentsOfFile: "\(log).\(stamps[2])", encoding: .utf8) == String(repeating: Self.line("round 3"), count: 3))
            let unzipped = Process()
            unzipped.executableURL = URL(fileURLWithPath: "/bin/gzip")
            unzipped.arguments = ["-dc", "\(log).\(stamps[1]).gz"]
            let pipe = Pipe()
            unzipped.standardOutput = pipe
            try unzipped.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            unzipped.waitUntilExit()
            #expect(String(decoding: data, as: UTF8.self) == String(repeating: Self.line("round 2"), count: 3))

            // kubectl logs reads the current file only.
            let target = try await ContainerLogLocator(runtime: runtime, podLogsDirectory: dir).locate(namespace: "default", pod: "p", container: "app", previous: false)
            #expect(target.path == log)
        }
    }

    @Test func aMissingLogIsReopenedAndAFailedReopenUndoesTheRename() async throws {
        try await withRotator(maxSize: 10, maxFiles: 5) { runtime, container, rotator, dir in
            try await rotator.rotateLogs()
            #expect(FileManager.default.fileExists(atPath: container.config.logPath))

            try append(Self.line("kept"), to: container.config.logPath)
            try await runtime.stopContainer(container.id, gracePeriod: .zero)
            await #expect(throws: KubeletError.self) { try await rotator.rotate(containerID: container.id, log: container.config.logPath) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/app") == ["0.log"])
            #expect(try String(contentsOfFile: container.config.logPath, encoding: .utf8) == Self.line("kept"))
        }
    }

    @Test func followingGoesOnInTheNewFileAfterARotation() async throws {
        try await withRotator(maxSize: 1, maxFiles: 5) { runtime, container, rotator, _ in
            let log = container.config.logPath
            try append(Self.line("one"), to: log)
            let stream = ContainerLogStream(
                target: ContainerLogLocator.Target(path: log, containerID: container.id), options: try LogOptions(query: ["follow": "true"]),
                runtime: runtime, pollInterval: .milliseconds(5))
            let received = Clock.Text()
            let reader = Task { try await stream.run { bytes in received.value.withLock { $0 += String(decoding: bytes, as: UTF8.self) } } }

            func waitFor(_ text: String) async throws {
                for _ in 0..<2000 where !received.value.withLock({ $0.hasSuffix(text) }) { try await Task.sleep(for: .milliseconds(5)) }
                #expect(received.value.withLock { $0.hasSuffix(text) }, "the stream did not deliver \(text)")
            }
            try await waitFor("one\n")
            try await rotator.rotateLogs()  // 0.log renamed, a new one opened
            try append(Self.line("two"), to: log)
            try await waitFor("two\n")
            try await runtime.stopContainer(container.id, gracePeriod: .zero)
            try await reader.value
            #expect(received.value.withLock { $0 } == "one\ntwo\n")
        }
    }
}
