import Foundation
import KubeRuntime
import Testing

@testable import Kubelet

/// What `kubectl attach` shows: a running container's output from the moment of attaching, read
/// from its CRI log, each entry on its own stream, until the container stops.
@Suite struct ContainerOutputFollowerTests {
    @Test func followsNewOutputOnItsStreamsUntilTheContainerStops() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("follower-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = "\(dir)/0.log"
        let stamp = "2026-11-26T05:00:00.000000000Z"
        try Data("\(stamp) stdout F before attaching\n".utf8).write(to: URL(fileURLWithPath: log))

        let runtime = InMemoryRuntime()
        let pod = PodSandboxConfig(name: "p", namespace: "default", uid: "u", hostname: "p", logDirectory: dir)
        let sandbox = try await runtime.runPodSandbox(pod)
        let id = try await runtime.createContainer(
            sandboxID: sandbox,
            ContainerConfig(name: "c", image: "busybox", imageID: "sha256:x", layerPaths: [], argv: ["sleep", "1000"], logPath: log))
        try await runtime.startContainer(id)

        var follower = try ContainerOutputFollower(path: log, containerID: id, runtime: runtime)
        follower.pollInterval = .milliseconds(5)
        let (chunks, sink) = AsyncStream.makeStream(of: ExecOutput.self)
        let running = Task {
            try await follower.run { sink.yield($0) }
            sink.finish()
        }
        let appended = "\(stamp) stdout F hello\n\(stamp) stderr P par\n\(stamp) stderr F tial\n\(stamp) stdout F"
        let file = try #require(FileHandle(forWritingAtPath: log))
        _ = try file.seekToEnd()
        try file.write(contentsOf: Data(appended.utf8))
        var seen: [ExecOutput] = []
        for await chunk in chunks {
            seen.append(chunk)
            if seen.count == 3 {
                // The unterminated last entry is not output until its newline arrives.
                try file.write(contentsOf: Data(" bye\n".utf8))
            }
            if seen.count == 4 { try await runtime.stopContainer(id, gracePeriod: .zero) }
        }
        try file.close()
        try await running.value
        #expect(
            seen == [
                .stdout(Array("hello\n".utf8)), .stderr(Array("par".utf8)), .stderr(Array("tial\n".utf8)), .stdout(Array("bye\n".utf8)),
            ])
    }
}
