import Foundation
import NIOCore
import NIOHTTP1

/// The answer to one request, read whole.
struct UnaryAnswer: Sendable {
    var status: Int
    var body: ByteBuffer
    /// Whether the connection may carry another request.
    var keepAlive: Bool
}

/// Why an exchange failed.
enum UnaryExchangeError: Error, Equatable, CustomStringConvertible {
    /// The connection was closed when the request was to be written: it was not sent.
    case notSent
    /// The connection closed before any of the answer came: nothing says the server read the request.
    case closedBeforeAnswer
    /// The connection closed in the middle of the answer.
    case closedDuringAnswer
    case deadlineExceeded
    case bodyTooLarge(Int)

    var description: String {
        switch self {
        case .notSent: "the connection was closed before the request was sent"
        case .closedBeforeAnswer: "the connection closed before the answer"
        case .closedDuringAnswer: "the connection closed in the middle of the answer"
        case .deadlineExceeded: "no answer before the deadline"
        case .bodyTooLarge(let limit): "the answer is larger than \(limit) bytes"
        }
    }
}

/// One HTTP/1.1 connection's exchanges, one at a time: `send` writes a request in one flush (one
/// TLS record when it fits, with the `WriteCoalescingHandler` after TLS), and the answer's parts are gathered until its end completes the
/// exchange's promise. Runs on the connection's event loop only.
final class UnaryExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let maxBody: Int
    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<UnaryAnswer>?
    private var deadline: Scheduled<Void>?
    private var status = 0
    private var keepAlive = true
    private var answered = false
    private var body = ByteBuffer()

    init(maxBody: Int) {
        self.maxBody = maxBody
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Sends one request; `promise` gets its answer, or the failure, within `timeout`.
    func send(_ head: HTTPRequestHead, body: ByteBuffer?, timeout: TimeAmount, promise: EventLoopPromise<UnaryAnswer>) {
        guard let context, context.channel.isActive, pending == nil else {
            promise.fail(UnaryExchangeError.notSent)
            return
        }
        pending = promise
        status = 0
        answered = false
        keepAlive = head.isKeepAlive
        self.body.clear()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            guard let self, self.pending?.futureResult === promise.futureResult else { return }
            self.fail(UnaryExchangeError.deadlineExceeded)
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            answered = true
            status = Int(head.status.code)
            keepAlive = keepAlive && head.isKeepAlive
        case .body(var part):
            guard body.readableBytes + part.readableBytes <= maxBody else {
                return fail(UnaryExchangeError.bodyTooLarge(maxBody))
            }
            if body.readableBytes == 0 {
                body = part
            } else {
                body.writeBuffer(&part)
            }
        case .end:
            guard let promise = pending else { return }
            finish()
            let answer = UnaryAnswer(status: status, body: body, keepAlive: keepAlive)
            body = ByteBuffer()
            promise.succeed(answer)
        }
    }

    /// Fails the exchange of `promise` for a cancelled task, if it is still in flight (the
    /// connection may since carry another task's exchange, which is left alone).
    func cancel(_ promise: EventLoopPromise<UnaryAnswer>) {
        guard pending?.futureResult === promise.futureResult else { return }
        fail(CancellationError())
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A reset before any answer is the server closing the connection: as `channelInactive`.
        if !answered, let io = error as? IOError, io.errnoCode == ECONNRESET || io.errnoCode == EPIPE {
            return fail(UnaryExchangeError.closedBeforeAnswer)
        }
        fail(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(answered ? UnaryExchangeError.closedDuringAnswer : UnaryExchangeError.closedBeforeAnswer)
        context.fireChannelInactive()
    }

    /// Fails the exchange in flight, if any, and closes the connection: its state is unknown.
    private func fail(_ error: Error) {
        if let promise = pending {
            finish()
            promise.fail(error)
        }
        context?.close(promise: nil)
    }

    private func finish() {
        pending = nil
        deadline?.cancel()
        deadline = nil
    }
}
