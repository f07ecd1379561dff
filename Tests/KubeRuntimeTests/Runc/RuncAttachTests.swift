import Foundation
import Synchronization
import Testing

@testable import KubeRuntime

/// Attach and port-forward on real runc (as root): a container's stdin FIFO held by the shim,
/// and connections made inside a sandbox's network namespace.
@Suite(.serialized)
struct RuncAttachTests {
    /// Writes `text` to the container's stdin through a fresh attach, then ends that attach.
    static func attachWrite(_ f: RuncFixture, _ id: String, _ text: String) async throws {
        let session = try await f.runtime.attach(id, stdin: true)
        try await session.write(Array(text.utf8))
        await session.cancel()
    }

    @Test func stdinStaysOpenAcrossAttaches() async throws {
        try await RuncFixture.withPod("stdin") { f, pod, sandbox in
            var config = f.containerConfig("cat", sandbox: pod, ["cat"])
            config.stdin = true
            let id = try await f.run(config, in: sandbox)
            try await Self.attachWrite(f, id, "one\n")
            try await f.waitUntil("first line echoed") { (try? f.stdout(config)) == ["one"] }
            // The first attach has gone, but the shim holds the FIFO: cat still runs.
            #expect(try await f.runtime.containerStatus(id).state == .running)
            try await Self.attachWrite(f, id, "two\n")
            try await f.waitUntil("second line echoed") { (try? f.stdout(config)) == ["one", "two"] }
            #expect(try await f.runtime.containerStatus(id).state == .running)
        }
    }

    @Test func stdinOnceClosesWhenTheFirstAttachClosesIt() async throws {
        try await RuncFixture.withPod("stdinonce") { f, pod, sandbox in
            var config = f.containerConfig("cat", sandbox: pod, ["cat"])
            config.stdin = true
            config.stdinOnce = true
            let id = try await f.run(config, in: sandbox)
            let session = try await f.runtime.attach(id, stdin: true)
            try await session.write(Array("only\n".utf8))
            await session.closeStdin()
            let status = try await f.waitExited(id)
            #expect(status.exitCode == 0)
            #expect(try f.stdout(config) == ["only"])
        }
    }

    @Test func stdinIsRefusedForAContainerWithoutIt() async throws {
        try await RuncFixture.withPod("nostdin") { f, pod, sandbox in
            let id = try await f.run(f.containerConfig("c", sandbox: pod, ["sleep", "1000"]), in: sandbox)
            await #expect(throws: RuntimeError.self) { _ = try await f.runtime.attach(id, stdin: true) }
        }
    }

    /// The output an attach has received so far, collected from its stream.
    final class Received: Sendable {
        private final class Chunks: Sendable { let all = Mutex<[ExecOutput]>([]) }
        private let chunks = Chunks()
        let done: Task<Void, Never>
        init(_ session: any ExecSession) {
            let chunks = chunks
            done = Task { for await chunk in session.output { chunks.all.withLock { $0.append(chunk) } } }
        }
        /// Everything on one stream, as text.
        func text(stderr: Bool = false) -> String {
            let bytes = chunks.all.withLock { all in
                all.flatMap { chunk -> [UInt8] in
                    switch chunk {
                    case .stdout(let b): return stderr ? [] : b
                    case .stderr(let b): return stderr ? b : []
                    }
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func attachSeesOutputAsItComesOnItsStreamsAndEndsWithTheContainer() async throws {
        try await RuncFixture.withPod("attachout") { f, pod, sandbox in
            var config = f.containerConfig(
                "prompt", sandbox: pod, ["sh", "-c", "read go; printf 'name? '; read name; echo \"hello $name\" >&2"])
            config.stdin = true
            let id = try await f.run(config, in: sandbox)
            let session = try await f.runtime.attach(id, stdin: true)
            let received = Received(session)
            try await session.write(Array("go\n".utf8))
            // A prompt without a newline: no log line has it yet, the attach has.
            try await f.waitUntil("the prompt") { received.text() == "name? " }
            #expect(try f.stdout(config).isEmpty)
            try await session.write(Array("skiff\n".utf8))
            await received.done.value
            #expect(received.text(stderr: true) == "hello skiff\n")
            #expect(await session.wait() == 0)
            #expect(try await f.waitExited(id).exitCode == 0)
        }
    }

    @Test func aTtyContainerHasATerminalThatAttachesResizeAndTypeInto() async throws {
        try await RuncFixture.withPod("tty") { f, pod, sandbox in
            var config = f.containerConfig(
                "shell", sandbox: pod, ["sh", "-c", "read go; tty; stty size; echo err >&2; read line; echo \"line=$line\""])
            config.stdin = true
            config.tty = true
            let id = try await f.run(config, in: sandbox)
            let session = try await f.runtime.attach(id, stdin: true)
            let received = Received(session)
            await session.resize(width: 101, height: 33)
            try await session.write(Array("go\n".utf8))
            try await f.waitUntil("tty and size") { received.text().contains("33 101") }
            let text = received.text()
            #expect(text.contains("/dev/pts/0"), "\(text)")
            // One stream: stderr comes through the terminal too.
            try await f.waitUntil("stderr on the terminal") { received.text().contains("err") }
            try await session.write(Array("typed\n".utf8))
            await received.done.value
            #expect(received.text().contains("line=typed"), "\(received.text())")
            #expect(received.text(stderr: true).isEmpty)
            #expect(try await f.waitExited(id).exitCode == 0)
            // The log has it all as stdout.
            #expect(try f.logLines(config).allSatisfy { $0.stream == "stdout" })
            #expect(try f.stdout(config).contains { $0.contains("line=typed") })
        }
    }

    @Test func closingATerminalsStdinForGoodTypesEndOfFile() async throws {
        try await RuncFixture.withPod("ttyeof") { f, pod, sandbox in
            var config = f.containerConfig("cat", sandbox: pod, ["cat"])
            config.stdin = true
            config.stdinOnce = true
            config.tty = true
            let id = try await f.run(config, in: sandbox)
            let session = try await f.runtime.attach(id, stdin: true)
            let received = Received(session)
            try await session.write(Array("hi\n".utf8))
            try await f.waitUntil("cat echoes") { received.text().filter { $0 == "h" }.count >= 2 }
            await session.closeStdin()
            #expect(try await f.waitExited(id).exitCode == 0)
            await received.done.value
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
