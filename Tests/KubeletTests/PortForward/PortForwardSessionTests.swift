import Foundation
import KubeAPI
import KubeRuntime
import NIOCore
import NIOPosix
import Testing

@testable import Kubelet

/// A TCP echo server on 127.0.0.1 (the in-memory runtime forwards to the host's loopback).
struct EchoServer {
    let channel: any Channel
    var port: UInt16 { UInt16(channel.localAddress?.port ?? 0) }

    static func start() async throws -> EchoServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Echo()) } }
            .bind(host: "127.0.0.1", port: 0).get()
        return EchoServer(channel: channel)
    }

    /// A port nothing listens on (bound once, then released).
    static func closedPort() async throws -> UInt16 {
        let server = try await start()
        let port = server.port
        try await server.channel.close()
        return port
    }

    final class Echo: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.writeAndFlush(data, promise: nil)
        }
    }
}

/// The kubelet's port-forward sessions against a real TCP listener.
@Suite struct PortForwardSessionTests {
    /// A ready sandbox of the in-memory runtime.
    static func target() async throws -> PortForwardTarget {
        let runtime = InMemoryRuntime()
        let sandbox = try await runtime.runPodSandbox(
            PodSandboxConfig(name: "web", namespace: "default", uid: "u1", hostname: "web", logDirectory: ""))
        return PortForwardTarget(runtime: runtime, sandboxID: sandbox)
    }

    /// Runs a session and returns a way to feed it and the messages it writes.
    struct Harness {
        let input: AsyncThrowingStream<[UInt8], any Error>.Continuation
        let output: AsyncStream<[UInt8]>
        let done: Task<Void, any Error>
    }

    static func harness(_ run: @escaping @Sendable (AsyncThrowingStream<[UInt8], any Error>, @escaping @Sendable ([UInt8]) async throws -> Void) async throws -> Void) -> Harness {
        let (input, feed) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        let (output, sink) = AsyncStream.makeStream(of: [UInt8].self)
        let done = Task {
            try await run(input) { sink.yield($0) }
            sink.finish()
        }
        return Harness(input: feed, output: output, done: done)
    }

    @Test func spdyRequestIsAnsweredRelayedAndClosedOnBothStreams() async throws {
        let echo = try await EchoServer.start()
        defer { echo.channel.close(promise: nil) }
        let target = try await Self.target()
        let h = Self.harness { input, output in try await PortForwardSPDYSession(target: target).run(input: input, output: output) }
        let client = try SPDYFrameEncoder()
        let port = String(echo.port)
        h.input.yield(try client.encode(.synStream(streamID: 1, flags: 0, headers: SPDYHeaderBlock(["streamtype": "error", "port": port, "requestid": "0"]))))
        h.input.yield(try client.encode(.data(streamID: 1, flags: SPDYFrame.fin, payload: [])))
        h.input.yield(try client.encode(.synStream(streamID: 3, flags: 0, headers: SPDYHeaderBlock(["streamtype": "data", "port": port, "requestid": "0"]))))
        h.input.yield(try client.encode(.ping(id: 1)))
        h.input.yield(try client.encode(.data(streamID: 3, flags: 0, payload: Array("hello over spdy".utf8))))

        var decoder = try SPDYFrameDecoder()
        var replies: [UInt32] = []
        var echoed: [UInt8] = []
        var finished: Set<UInt32> = []
        var pinged = false
        var errorText: [UInt8] = []
        reading: for await message in h.output {
            decoder.append(message)
            while let frame = try decoder.next() {
                switch frame {
                case .synReply(let id, _, _): replies.append(id)
                case .ping(let id): pinged = id == 1
                case .data(3, let flags, let payload):
                    echoed += payload
                    if flags & SPDYFrame.fin != 0 { finished.insert(3) }
                    // Everything came back: half-close, so the echo server closes its end.
                    if echoed.count == 15 && !finished.contains(3) { h.input.yield(try client.encode(.data(streamID: 3, flags: SPDYFrame.fin, payload: []))) }
                case .data(1, let flags, let payload):
                    errorText += payload
                    if flags & SPDYFrame.fin != 0 { finished.insert(1) }
                default: break
                }
                if finished == [1, 3] { break reading }
            }
        }
        #expect(replies == [1, 3])
        #expect(pinged)
        #expect(String(decoding: echoed, as: UTF8.self) == "hello over spdy")
        #expect(errorText.isEmpty)
        h.input.finish()
        try await h.done.value
    }

    @Test func spdyConnectionRefusedIsReportedOnTheErrorStream() async throws {
        let port = try await EchoServer.closedPort()
        let target = try await Self.target()
        let h = Self.harness { input, output in try await PortForwardSPDYSession(target: target).run(input: input, output: output) }
        let client = try SPDYFrameEncoder()
        h.input.yield(try client.encode(.synStream(streamID: 1, flags: SPDYFrame.fin, headers: SPDYHeaderBlock(["streamtype": "error", "port": "\(port)", "requestid": "7"]))))
        h.input.yield(try client.encode(.synStream(streamID: 3, flags: 0, headers: SPDYHeaderBlock(["streamtype": "data", "port": "\(port)", "requestid": "7"]))))
        var decoder = try SPDYFrameDecoder()
        var errorText: [UInt8] = []
        var finished: Set<UInt32> = []
        reading: for await message in h.output {
            decoder.append(message)
            while let frame = try decoder.next() {
                if case .data(let id, let flags, let payload) = frame {
                    if id == 1 { errorText += payload }
                    if flags & SPDYFrame.fin != 0 { finished.insert(id) }
                }
                if finished == [1, 3] { break reading }
            }
        }
        let text = String(decoding: errorText, as: UTF8.self)
        #expect(text == "error forwarding port \(port) to pod \(target.sandboxID), uid : failed to connect to localhost:\(port) inside namespace \"\(target.sandboxID)\", IPv4: dial tcp4 127.0.0.1:\(port): connect: connection refused")
        h.input.finish()
        try await h.done.value
    }

    @Test func channelProtocolAnnouncesPortsThenRelaysAndReportsErrors() async throws {
        let echo = try await EchoServer.start()
        defer { echo.channel.close(promise: nil) }
        let refused = try await EchoServer.closedPort()
        let target = try await Self.target()
        let ports = [echo.port, refused]
        let h = Self.harness { input, output in
            try await PortForwardChannelSession(target: target, ports: ports).run(input: input, output: output)
        }
        var iterator = h.output.makeAsyncIterator()
        var first: [[UInt8]] = []
        for _ in 0..<4 { first.append(await iterator.next() ?? []) }
        let le = { (p: UInt16) in [UInt8(p & 0xff), UInt8(p >> 8)] }
        #expect(first == [[0] + le(echo.port), [1] + le(echo.port), [2] + le(refused), [3] + le(refused)])
        h.input.yield([0] + Array("ping".utf8))
        var data: [UInt8] = []
        var refusal = ""
        while data.count < 4 || refusal.isEmpty, let message = await iterator.next() {
            if message.first == 0 { data += message.dropFirst() }
            if message.first == 3 { refusal += String(decoding: message.dropFirst(), as: UTF8.self) }
        }
        #expect(String(decoding: data, as: UTF8.self) == "ping")
        #expect(refusal.hasPrefix("error forwarding port \(refused) to pod \(target.sandboxID), uid : failed to connect to localhost:\(refused)"))
        h.input.finish()
        try await h.done.value
    }

    @Test func portsComeFromPortAndPortsParameters() throws {
        #expect(try PortForwardChannelSession.requestedPorts(from: FormQuery("ports=80,8080&port=9090")) == [9090, 80, 8080])
        #expect(throws: LogRequestError(400, "query parameter \"port\" is required")) { try PortForwardChannelSession.requestedPorts(from: FormQuery("")) }
        #expect(throws: LogRequestError(400, "port \"0\" must be > 0")) { try PortForwardChannelSession.requestedPorts(from: FormQuery("ports=0")) }
        #expect(throws: LogRequestError.self) { try PortForwardChannelSession.requestedPorts(from: FormQuery("ports=http")) }
    }

    /// Most bytes either direction may have in flight when the other end does not read: the
    /// kubelet's queues (256 KiB each) and NIO's watermarks, plus loopback's socket buffers
    /// (several MiB). Without backpressure all 64 MiB would go.
    static let boundInFlight = 32 << 20

    @Test func aPodThatDoesNotReadSlowsTheClientDown() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(ChannelOptions.autoRead, value: false)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let target = try await Self.target()
        let port = UInt16(server.localAddress?.port ?? 0)
        let input = ByteQueue(limit: 64 * 1024)
        let session = Task {
            try await PortForwardChannelSession(target: target, ports: [port]).run(input: input) { _ in }
        }
        let progress = ByteQueueTests.Progress()
        let producer = Task {
            let chunk = [UInt8](repeating: 0, count: 64 * 1024 + 1)
            for _ in 0..<1024 {
                await input.send(chunk)
                progress.sent.withLock { $0 += chunk.count - 1 }
            }
        }
        let sent = try await ByteQueueTests.settled(progress)
        #expect(sent > 0 && sent < Self.boundInFlight, "\(sent) bytes went to a pod that reads nothing")
        producer.cancel()
        input.finish()
        session.cancel()
        _ = await session.result
    }

    /// Writes as much as the connection takes (up to 64 MiB), counting it.
    final class Flood: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let progress = ByteQueueTests.Progress()
        func channelActive(context: ChannelHandlerContext) { fill(context) }
        func channelWritabilityChanged(context: ChannelHandlerContext) { fill(context) }
        private func fill(_ context: ChannelHandlerContext) {
            let chunk = ByteBuffer(repeating: 1, count: 64 * 1024)
            while context.channel.isWritable && progress.value < 64 << 20 {
                context.write(wrapOutboundOut(chunk), promise: nil)
                progress.sent.withLock { $0 += chunk.readableBytes }
                context.flush()
            }
        }
    }

    @Test func aClientThatDoesNotReadSlowsThePodDown() async throws {
        let flood = Flood()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(flood) } }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let target = try await Self.target()
        let port = UInt16(server.localAddress?.port ?? 0)
        let input = ByteQueue()
        let session = Task {
            // The client takes the port announcements, then reads nothing more.
            try await PortForwardChannelSession(target: target, ports: [port]).run(input: input) { message in
                if message.count > 3 { try await Task.sleep(for: .seconds(3600)) }
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let written = try await ByteQueueTests.settled(flood.progress)
        #expect(written > 0 && written < Self.boundInFlight, "\(written) bytes came from the pod for a client that reads nothing")
        input.finish()
        session.cancel()
        _ = await session.result
    }
}
