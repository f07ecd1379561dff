import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Where an API server listens, read from its URL: `https://host:port`, `http://host:port`, or
/// `http+unix://<percent-encoded socket path>`.
public struct ServerAddress: Sendable {
    public enum Endpoint: Sendable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var endpoint: Endpoint
    public var https: Bool
    /// The URL's path, which every request's path follows (`https://proxy/clusters/c1`); empty
    /// for most servers.
    public var pathPrefix: String

    public init(url: String) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host else {
            throw ClientError(code: 0, message: "cannot read the server URL \(url)")
        }
        switch scheme {
        case "https", "http":
            https = scheme == "https"
            endpoint = .tcp(host: host, port: parsed.port ?? (https ? 443 : 80))
            pathPrefix = parsed.path.hasSuffix("/") ? String(parsed.path.dropLast()) : parsed.path
        case "http+unix":
            // `host` is already percent-decoded: the socket's path.
            https = false
            endpoint = .unix(path: host)
            pathPrefix = ""
        default:
            throw ClientError(code: 0, message: "the server URL \(url) is neither http, https nor http+unix")
        }
    }

    /// The `Host` header's value.
    public var hostHeader: String {
        switch endpoint {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix: "localhost"
        }
    }

    /// The name sent for SNI and checked against the certificate: none for an IP address (TLS
    /// allows no address there; the address is checked instead).
    public var serverName: String? {
        guard case .tcp(let host, _) = endpoint else { return nil }
        let isIPv4 = host.utf8.allSatisfy { $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) }
        return isIPv4 || host.contains(":") ? nil : host
    }

    /// Opens a connection on `loop` whose pipeline is TLS (for https, with `tls`, followed by a
    /// `WriteCoalescingHandler`), then `handlers`.
    public func connect(
        on loop: EventLoop, tls: NIOSSLContext?, timeout: TimeAmount,
        handlers: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
    ) -> EventLoopFuture<Channel> {
        let serverName = serverName
        let bootstrap = ClientBootstrap(group: loop).connectTimeout(timeout).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let pipeline = channel.pipeline.syncOperations
                if let tls {
                    try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    try pipeline.addHandler(WriteCoalescingHandler())
                }
                try handlers(pipeline)
            }
        }
        switch endpoint {
        case .tcp(let host, let port): return bootstrap.connect(host: host, port: port)
        case .unix(let path): return bootstrap.connect(unixDomainSocketPath: path)
        }
    }
}

/// `KubeClient`'s connections for the requests whose answer it reads whole (every `request`;
/// watches stream through AsyncHTTPClient): up to `limit` persistent HTTP/1.1 connections, kept
/// open between requests and shared by the client's tasks.
///
/// A request is written in one flush and its answer gathered on the connection's event loop
/// (`UnaryExchangeHandler`): one TLS record (`WriteCoalescingHandler`) and one write each way,
/// where AsyncHTTPClient flushes
/// the head, the body and the end of a request apart and runs a task, a body stream and its pool's
/// state machine for each. For the clients that send a request per pod (the scheduler's bindings,
/// a node's status writes) that halved their CPU per request (docs/benchmarks.md).
///
/// A request that finds all connections busy waits for one; a cancelled task's request is not
/// sent, or, when already sent, fails at once and its connection closes. A GET whose reused connection closed before any answer (the
/// server dropped it while idle) is sent once more on a new connection; other requests fail, as
/// the server may have acted on them.
final class UnaryConnections: Sendable {
    struct Connection: Sendable {
        let channel: Channel
        let handler: NIOLoopBound<UnaryExchangeHandler>
    }

    private enum Handoff {
        case use(Connection)
        case connect
    }

    private struct State {
        var idle: [Connection] = []
        var open = 0
        var waiters: [CheckedContinuation<Handoff, Error>] = []
        var closed = false
    }

    private let address: ServerAddress
    private let tls: NIOSSLContext?
    private let limit: Int
    private let maxBody: Int
    private let state = Mutex(State())

    init(address: ServerAddress, tls: TLSConfiguration?, limit: Int, maxBody: Int) throws {
        self.address = address
        self.tls = address.https ? try NIOSSLContext(configuration: tls ?? .makeClientConfiguration()) : nil
        self.limit = max(1, limit)
        self.maxBody = maxBody
    }

    /// The `Host` header's value.
    var hostHeader: String { address.hostHeader }
    /// The server URL's path, before each request's.
    var pathPrefix: String { address.pathPrefix }

    deinit {
        for connection in state.withLock({ $0.idle }) { connection.channel.close(promise: nil) }
    }

    /// Sends one request and returns its answer, whatever its status.
    func exchange(_ head: HTTPRequestHead, body: [UInt8]?, timeout: TimeAmount) async throws -> UnaryAnswer {
        let buffer = body.map { ByteBuffer(bytes: $0) }
        var attempts = 0
        while true {
            let (connection, reused) = try await acquire(timeout: timeout)
            if Task.isCancelled {
                release(connection)
                throw CancellationError()
            }
            let loop = connection.channel.eventLoop
            let promise = loop.makePromise(of: UnaryAnswer.self)
            if loop.inEventLoop {
                connection.handler.value.send(head, body: buffer, timeout: timeout, promise: promise)
            } else {
                loop.execute { connection.handler.value.send(head, body: buffer, timeout: timeout, promise: promise) }
            }
            do {
                let answer = try await withTaskCancellationHandler {
                    try await promise.futureResult.get()
                } onCancel: {
                    loop.execute { connection.handler.value.cancel(promise) }
                }
                if !answer.keepAlive { connection.channel.close(promise: nil) }
                release(answer.keepAlive ? connection : nil)
                return answer
            } catch {
                release(nil)
                connection.channel.close(promise: nil)
                // A request not sent goes again; a GET also when its reused connection closed
                // before any answer (the server dropped it while idle). At most three sends.
                let failure = error as? UnaryExchangeError
                let again = failure == .notSent || (failure == .closedBeforeAnswer && reused && head.method == .GET)
                if again && attempts < 2 {
                    attempts += 1
                    continue
                }
                throw error
            }
        }
    }

    /// Closes the idle connections and refuses new requests.
    func shutdown() {
        let (idle, waiters) = state.withLock { s -> ([Connection], [CheckedContinuation<Handoff, Error>]) in
            s.closed = true
            defer { s.idle = []; s.waiters = [] }
            return (s.idle, s.waiters)
        }
        for connection in idle { connection.channel.close(promise: nil) }
        for waiter in waiters { waiter.resume(throwing: ClientError(code: 0, message: "the client is shut down")) }
    }

    /// An idle open connection, a new one when fewer than `limit` are open, else the next one
    /// released.
    private func acquire(timeout: TimeAmount) async throws -> (Connection, reused: Bool) {
        let handoff = try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Handoff, Error>) in
            let now = state.withLock { s -> Result<Handoff, Error>? in
                if s.closed { return .failure(ClientError(code: 0, message: "the client is shut down")) }
                while let connection = s.idle.popLast() {
                    if connection.channel.isActive { return .success(.use(connection)) }
                    s.open -= 1
                }
                if s.open < limit {
                    s.open += 1
                    return .success(.connect)
                }
                s.waiters.append(waiter)
                return nil
            }
            if let now { waiter.resume(with: now) }
        }
        switch handoff {
        case .use(let connection):
            return (connection, true)
        case .connect:
            do {
                return (try await connect(timeout: timeout), false)
            } catch {
                release(nil)
                throw error
            }
        }
    }

    /// Puts `connection` back for the next request, or, with nil, gives up its place (a waiter
    /// then opens a new one).
    private func release(_ connection: Connection?) {
        enum Next {
            case none
            case close(Connection)
            case hand(CheckedContinuation<Handoff, Error>, Handoff)
        }
        let next = state.withLock { s -> Next in
            if let connection {
                if s.closed { return .close(connection) }
                if !s.waiters.isEmpty { return .hand(s.waiters.removeFirst(), .use(connection)) }
                s.idle.append(connection)
                return .none
            }
            if !s.waiters.isEmpty { return .hand(s.waiters.removeFirst(), .connect) }
            s.open -= 1
            return .none
        }
        switch next {
        case .none: break
        case .close(let connection): connection.channel.close(promise: nil)
        case .hand(let waiter, let handoff): waiter.resume(returning: handoff)
        }
    }

    private func connect(timeout: TimeAmount) async throws -> Connection {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let maxBody = maxBody
        let handler = try await loop.submit { NIOLoopBound(UnaryExchangeHandler(maxBody: maxBody), eventLoop: loop) }.get()
        let channel = try await address.connect(on: loop, tls: tls, timeout: min(timeout, .seconds(10))) { pipeline in
            try pipeline.addHTTPClientHandlers()
            try pipeline.addHandler(handler.value)
        }.get()
        return Connection(channel: channel, handler: handler)
    }
}
