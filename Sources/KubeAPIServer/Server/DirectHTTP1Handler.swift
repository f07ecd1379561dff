import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// Answers a connection's HTTP/1 requests itself, from the request decoder's parts, and writes
/// each response as HTTP/1.1 bytes of its own (`DirectResponseWriter`): a task per request calls
/// `respond`, with no per-connection task, async channel or second set of HTTP types in between
/// (Hummingbird's path costs a request about as much again as a small handler does).
///
/// A connection whose first request asks for a WebSocket upgrade is handed, that request
/// included, to the handlers after this one (Hummingbird's upgrade path), and this handler leaves
/// the pipeline. Otherwise it serves every request of the connection, one at a time in order
/// (parts of a pipelined request wait until the response before them is written):
/// - the body is read whole, up to `maxBody` bytes (the request is then given one byte more, for
///   the responder's own limit to answer 413);
/// - a response of known length goes out in one flush; one of unknown length (a watch, a
///   followed log) goes out chunked, each write waiting until the connection has taken it;
/// - when the connection closes, the task of the request in progress is cancelled (a watch ends);
/// - at a graceful stop (`ChannelShouldQuiesceEvent`) an idle connection closes at once, a busy
///   one after its response;
/// - `Connection: close`, or HTTP/1.0, closes it after the response.
final class DirectHTTP1Handler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private enum State {
        /// Waiting for a request head.
        case idle
        /// Reading the body of the request whose head came last.
        case reading
        /// A request's task is running; parts that arrive wait in `queued`.
        case responding
        /// The channel closed.
        case closed
    }

    private let respond: DirectResponder
    private let maxBody: Int
    private var state = State.idle
    /// The request being read, and its body so far (at most `maxBody` + 1 bytes).
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var queued: CircularBuffer<HTTPServerRequestPart> = []
    private var firstRequest = true
    private var closeAfterResponse = false
    private var task: Task<Void, Never>?
    /// The response encoder's context: responses written through it go past the encoder (into
    /// TLS, or the socket); nil without an encoder (responses then start at this handler).
    private var wire: ChannelHandlerContext?

    /// Serves requests with `respond`, reading bodies of up to `maxBody` bytes.
    init(respond: @escaping DirectResponder, maxBody: Int) {
        self.respond = respond
        self.maxBody = maxBody
    }

    /// Finds the response encoder, whose context the responses are written through.
    func handlerAdded(context: ChannelHandlerContext) {
        wire = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        wire = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .responding = state {
            queued.append(part)
            return
        }
        take(part, context: context)
    }

    private func take(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch (part, state) {
        case (.head(let head), .idle):
            if firstRequest, Self.asksForWebSocket(head) {
                context.fireChannelRead(wrapInboundOut(part))
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
                return
            }
            firstRequest = false
            self.head = head
            state = .reading
        case (.body(var chunk), .reading):
            if body == nil {
                body = chunk
            } else if let held = body?.readableBytes, held <= maxBody {
                body?.writeBuffer(&chunk)
            }
        case (.end, .reading):
            guard let head else { return }
            let request = body ?? ByteBuffer()
            self.head = nil
            body = nil
            start(head, body: request, context: context)
        default:
            // A part out of order (the decoder sends none): nothing sensible to answer.
            context.close(promise: nil)
        }
    }

    /// Runs the request's task; its response ends with `responseEnded` on the event loop.
    private func start(_ head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        state = .responding
        // HTTP/1.0 connections close after each response (a body of unknown length ends so).
        let closing = !head.isKeepAlive || head.version.minor == 0 || closeAfterResponse
        if closing { closeAfterResponse = true }
        let channel = context.channel
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let respond = self.respond
        let wire = NIOLoopBound(self.wire ?? context, eventLoop: loop)
        let writer = DirectResponseWriter(to: wire, loop: loop, version: head.version, bodyless: head.method == .HEAD)
        let request = Self.request(head).map { Request(head: $0, body: RequestBody(buffer: body)) }
        task = Task {
            let response = if let request { await respond(request, channel) } else { Response(status: .badRequest) }
            let complete = (try? await writer.send(response, closing: closing)) ?? false
            loop.execute { bound.value.handler.responseEnded(complete: complete, context: bound.value.context) }
        }
    }

    /// After a response (or its failure): closes the connection if it must, else takes the parts
    /// that waited.
    private func responseEnded(complete: Bool, context: ChannelHandlerContext) {
        task = nil
        guard case .responding = state else { return }
        state = .idle
        guard complete, !closeAfterResponse else {
            context.close(promise: nil)
            return
        }
        while let part = queued.popFirst() {
            take(part, context: context)
            if case .responding = state { return }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        queued.removeAll()
        task?.cancel()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if case .responding = state {
            closeAfterResponse = true
        } else {
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .responding = state {
            // Mid-response: the protocol error handler's 400 cannot be placed; close instead.
            context.close(promise: nil)
        } else {
            context.fireErrorCaught(error)
        }
    }

    /// Whether `head` asks to upgrade to WebSocket.
    static func asksForWebSocket(_ head: HTTPRequestHead) -> Bool {
        head.headers[canonicalForm: "upgrade"].contains { $0.lowercased().hasPrefix("websocket") }
    }

    /// `head` in HTTP types: method, path and every header with a valid name; nil for a method
    /// HTTP types refuses (answered 400).
    static func request(_ head: HTTPRequestHead) -> HTTPRequest? {
        guard let method = HTTPRequest.Method(head.method.rawValue) else { return nil }
        var fields = HTTPFields()
        fields.reserveCapacity(head.headers.count)
        for (name, value) in head.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return HTTPRequest(method: method, scheme: nil, authority: nil, path: head.uri, headerFields: fields)
    }
}
