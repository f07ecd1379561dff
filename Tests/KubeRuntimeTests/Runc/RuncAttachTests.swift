import Foundation
import Testing

@testable import KubeRuntime

/// Attach and port-forward on real runc (as root): a container's stdin FIFO held by the shim,
/// and connections made inside a sandbox's network namespace.
@Suite(.serialized)
struct RuncAttachTests {
    /// Writes `text` to the container's stdin through a fresh attach, then closes that attach.
    static func attachWrite(_ f: RuncFixture, _ id: String, _ text: String) async throws {
        let handle = FileHandle(fileDescriptor: try await f.runtime.attachStdin(id), closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func stdinStaysOpenAcrossAttachesUntilClosedForGood() async throws {
        try await RuncFixture.withPod("stdin") { f, pod, sandbox in
            var config = f.containerConfig("cat", sandbox: pod, ["cat"])
            config.stdin = true
            config.stdinOnce = true
            let id = try await f.run(config, in: sandbox)
            try await Self.attachWrite(f, id, "one\n")
            try await f.waitUntil("first line echoed") { (try? f.stdout(config)) == ["one"] }
            // The first writer has gone, but the shim holds the FIFO: cat still runs.
            #expect(try await f.runtime.containerStatus(id).state == .running)
            try await Self.attachWrite(f, id, "two\n")
            try await f.runtime.closeStdin(id)
            let status = try await f.waitExited(id)
            #expect(status.exitCode == 0)
            #expect(try f.stdout(config) == ["one", "two"])
        }
    }

    @Test func stdinIsRefusedForAContainerWithoutIt() async throws {
        try await RuncFixture.withPod("nostdin") { f, pod, sandbox in
            let id = try await f.run(f.containerConfig("c", sandbox: pod, ["sleep", "1000"]), in: sandbox)
            await #expect(throws: RuntimeError.self) { _ = try await f.runtime.attachStdin(id) }
        }
    }

    @Test func portForwardConnectsToThePodsOwnLoopback() async throws {
        try await RuncFixture.withPod("forward") { f, pod, sandbox in
            let config = f.containerConfig(
                "web", sandbox: pod, ["sh", "-c", "mkdir /tmp/www && echo inside > /tmp/www/index.html && httpd -f -p 127.0.0.1:8080 -h /tmp/www"])
            _ = try await f.run(config, in: sandbox)
            var fd: Int32 = -1
            try await f.waitUntil("httpd listening") {
                guard let connected = try? await f.runtime.portForward(sandboxID: sandbox, port: 8080) else { return false }
                fd = connected
                return true
            }
            let socket = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            try socket.write(contentsOf: Data("GET / HTTP/1.0\r\n\r\n".utf8))
            let reply = String(decoding: try socket.readToEnd() ?? Data(), as: UTF8.self)
            #expect(reply.hasPrefix("HTTP/1.") && reply.hasSuffix("inside\n"), "\(reply)")
            // Nothing listens on 8081 in the pod (whatever the host has there).
            await #expect {
                _ = try await f.runtime.portForward(sandboxID: sandbox, port: 8081)
            } throws: { error in
                (error as? RuntimeError)?.message
                    == "failed to connect to localhost:8081 inside namespace \"\(sandbox)\", IPv4: dial tcp4 127.0.0.1:8081: connect: connection refused"
            }
        }
    }
}
