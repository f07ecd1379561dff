import Foundation
import KubeClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One request a load generator sends.
struct LoadRequest {
    var method: HTTPMethod
    /// The path, with its query if any.
    var path: String
    var body: [UInt8]?
    /// The body's media type.
    var contentType = "application/json"
}

/// The load generator's connections to the API server.
///
/// Each connection is one persistent HTTP/1.1 connection (TLS when the server is https, with the
/// client's certificate or token), and sends its share of the requests one after the other from
/// its event loop as each answer ends, with no Swift task or deadline per request. The benchmarks
/// share the machine's cores with what they measure, so their own cost per request is kept to the
/// HTTP and TLS work a client cannot avoid (docs/benchmarks.md).
enum RequestLoops {
    /// Sends the requests `0..<count`, made by `request`, over `connections` connections
    /// (connection k sends k, k + connections, ...); returns how many were not answered with a
    /// 2xx status. Throws when a connection fails.
    static func run(
        config: ClientConfig, count: Int, connections: Int, request: @escaping @Sendable (Int) -> LoadRequest
    ) async throws -> Int {
        let address = try ServerAddress(url: config.server)
        let tls = try address.https ? NIOSSLContext(configuration: config.tls ?? .makeClientConfiguration()) : nil
        let baseHeaders = config.requestHeaders(host: address.hostHeader)
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for first in 0..<min(connections, count) {
                group.addTask {
                    let loop = MultiThreadedEventLoopGroup.singleton.next()
                    let done = loop.makePromise(of: Int.self)
                    let connected = address.connect(on: loop, tls: tls, timeout: .seconds(10)) { pipeline in
                        try pipeline.addHTTPClientHandlers()
                        try pipeline.addHandler(
                            RequestLoopHandler(
                                first: first, stride: connections, count: count, prefix: address.pathPrefix, headers: baseHeaders,
                                request: request, done: done))
                    }
                    do {
                        _ = try await connected.get()
                    } catch {
                        done.fail(error)
                    }
                    return try await done.futureResult.get()
                }
            }
            return try await group.reduce(0, +)
        }
    }
}

/// Sends one connection's requests in turn: the next when the previous answer has ended.
private final class RequestLoopHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private var next: Int
    private let stride: Int
    private let count: Int
    private let prefix: String
    private let headers: HTTPHeaders
    private let request: (Int) -> LoadRequest
    private let done: EventLoopPromise<Int>
    private var status: UInt = 0
    private var failures = 0
    private var finished = false

    init(
        first: Int, stride: Int, count: Int, prefix: String, headers: HTTPHeaders,
        request: @escaping (Int) -> LoadRequest, done: EventLoopPromise<Int>
    ) {
        next = first
        self.stride = stride
        self.count = count
        self.prefix = prefix
        self.headers = headers
        self.request = request
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        send(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = head.status.code
        case .body:
            break
        case .end:
            if !(200..<300).contains(status) { failures += 1 }
            next += stride
            send(context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        finish(context, .failure(error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(context, .failure(ChannelError.eof))
        context.fireChannelInactive()
    }

    private func send(_ context: ChannelHandlerContext) {
        guard next < count else { return finish(context, .success(failures)) }
        let r = request(next)
        var headers = headers
        if let body = r.body {
            headers.add(name: "Content-Type", value: r.contentType)
            headers.add(name: "Content-Length", value: String(body.count))
        }
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: r.method, uri: prefix + r.path, headers: headers))), promise: nil)
        if let body = r.body {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func finish(_ context: ChannelHandlerContext, _ result: Result<Int, Error>) {
        guard !finished else { return }
        finished = true
        done.completeWith(result)
        context.close(promise: nil)
    }
}
