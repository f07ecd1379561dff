import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing

@testable import KubeClient

/// A plain HTTP/1.1 server on a loopback port that answers each request as `answer` says.
private final class ScriptedServer: Sendable {
    enum Answer: Sendable {
        /// `200 ok` with keep-alive, then the connection is closed by the server.
        case okThenClose
        /// Nothing, ever.
        case silence
        /// `200` with a body of `n` bytes, connection kept.
        case body(Int)
    }

    /// What the server has seen.
    final class Counts: Sendable {
        let requests = Atomic<Int>(0)
        let connections = Atomic<Int>(0)
    }

    let channel: Channel
    let counts = Counts()
    var requests: Int { counts.requests.load(ordering: .relaxed) }
    var connections: Int { counts.connections.load(ordering: .relaxed) }

    init(_ answer: Answer) async throws {
        let counts = counts
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                counts.connections.wrappingAdd(1, ordering: .relaxed)
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(Responder(answer: answer, counts: counts))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    var url: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }

    func stop() async { try? await channel.close() }

    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let answer: Answer
        let counts: Counts

        init(answer: Answer, counts: Counts) {
            self.answer = answer
            self.counts = counts
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            counts.requests.wrappingAdd(1, ordering: .relaxed)
            let length: Int
            switch answer {
            case .silence: return
            case .okThenClose: length = 2
            case .body(let n): length = n
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: String(length))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(repeating: UInt8(ascii: "k"), count: length)))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if case .okThenClose = answer {
                let channel = context.channel
                done.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

@Suite struct UnaryConnectionsTests {
    private func get(_ connections: UnaryConnections, timeout: TimeAmount = .seconds(5)) async throws -> UnaryAnswer {
        try await connections.exchange(
            HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Host": connections.hostHeader]), body: nil,
            timeout: timeout)
    }

    @Test func requestsBeyondTheLimitWaitForAConnectionAndAllAreAnswered() async throws {
        let server = try await ScriptedServer(.body(1000))
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 2, maxBody: 1 << 20)
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { try await get(connections).body.readableBytes } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes == Array(repeating: 1000, count: 40))
        #expect(server.requests == 40)
        #expect(server.connections <= 2, "never more connections than the limit")
        connections.shutdown()
        await server.stop()
    }

    @Test func aGetWhoseConnectionTheServerClosedGoesOnANewOne() async throws {
        let server = try await ScriptedServer(.okThenClose)
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 1, maxBody: 1 << 20)
        for _ in 0..<20 {
            let answer = try await get(connections)
            #expect(answer.status == 200 && answer.body.readableBytes == 2)
        }
        #expect(server.connections == 20, "each answer's connection was closed, so each GET opened one")
        connections.shutdown()
        await server.stop()
    }

    @Test func noAnswerFailsAtTheDeadline() async throws {
        let server = try await ScriptedServer(.silence)
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 1, maxBody: 1 << 20)
        let start = ContinuousClock.now
        await #expect(throws: UnaryExchangeError.deadlineExceeded) { try await get(connections, timeout: .milliseconds(300)) }
        let waited = ContinuousClock.now - start
        // Bounded loosely: a loaded machine may be late, but never waits for ever.
        #expect(waited >= .milliseconds(300) && waited < .seconds(20))
        // The connection was closed with the failure; the next request opens another.
        await #expect(throws: UnaryExchangeError.deadlineExceeded) { try await get(connections, timeout: .milliseconds(100)) }
        #expect(server.connections == 2)
        connections.shutdown()
        await server.stop()
    }

    @Test func aCancelledTasksRequestFailsAtOnce() async throws {
        let server = try await ScriptedServer(.silence)
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 1, maxBody: 1 << 20)
        let start = ContinuousClock.now
        let waiting = Task { try await get(connections, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(200))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ContinuousClock.now - start < .seconds(20), "the request did not wait for its 30 s deadline")
        connections.shutdown()
        await server.stop()
    }

    @Test func anAlreadyCancelledTasksRequestIsNotSent() async throws {
        let server = try await ScriptedServer(.body(10))
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 1, maxBody: 1 << 20)
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await get(connections)
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(try await get(connections).status == 200, "the connection went back to the pool")
        #expect(server.requests == 1, "only the second request reached the server")
        connections.shutdown()
        await server.stop()
    }

    @Test func anAnswerLargerThanTheLimitFails() async throws {
        let server = try await ScriptedServer(.body(4096))
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 1, maxBody: 1000)
        await #expect(throws: UnaryExchangeError.bodyTooLarge(1000)) { try await get(connections) }
        connections.shutdown()
        await server.stop()
    }

    @Test func aShutDownClientRefusesRequests() async throws {
        let server = try await ScriptedServer(.body(10))
        let connections = try UnaryConnections(address: ServerAddress(url: server.url), tls: nil, limit: 1, maxBody: 1 << 20)
        #expect(try await get(connections).status == 200)
        connections.shutdown()
        await #expect(throws: ClientError.self) { try await get(connections) }
        await server.stop()
    }

    @Test func serverAddressesReadTheirURL() throws {
        let tls = try ServerAddress(url: "https://api.example:6443")
        #expect(tls.https && tls.hostHeader == "api.example:6443" && tls.serverName == "api.example")
        let ip = try ServerAddress(url: "https://127.0.0.1:6443")
        #expect(ip.serverName == nil, "no SNI for an address")
        #expect(tls.pathPrefix.isEmpty)
        let proxied = try ServerAddress(url: "https://proxy:8443/k8s/clusters/c1/")
        #expect(proxied.pathPrefix == "/k8s/clusters/c1", "requests go below the URL's path")
        let socket = try ServerAddress(url: "http+unix://%2Fvar%2Frun%2Fapi%2525.sock")
        guard case .unix(let path) = socket.endpoint else {
            Issue.record("expected a Unix socket")
            return
        }
        #expect(path == "/var/run/api%25.sock" && !socket.https, "the path is decoded once")
        #expect(throws: ClientError.self) { try ServerAddress(url: "ftp://host") }
    }
}
