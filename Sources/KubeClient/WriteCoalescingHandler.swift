import NIOCore

/// Joins the buffers written between two flushes into one write, placed right after a TLS
/// handler: NIOSSL seals each buffer written as a TLS record of its own, and NIO's HTTP/1 encoder
/// writes a request's head, body and end as separate buffers, so a request with a body was two
/// records to seal here and to open at the server. A lone buffer passes on without a copy.
public final class WriteCoalescingHandler: ChannelOutboundHandler, RemovableChannelHandler {
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    /// What was written since the last flush, joined, and the promise of its first write (the
    /// others' follow it).
    private var pending: ByteBuffer?
    private var promise: EventLoopPromise<Void>?

    public init() {}

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        if pending == nil {
            pending = buffer
        } else {
            pending?.writeImmutableBuffer(buffer)
        }
        if let promise {
            if let first = self.promise {
                first.futureResult.cascade(to: promise)
            } else {
                self.promise = promise
            }
        }
    }

    public func flush(context: ChannelHandlerContext) {
        passPending(context: context)
        context.flush()
    }

    /// Unflushed writes go on ahead of a close, which fails them as it would have.
    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        passPending(context: context)
        context.close(mode: mode, promise: promise)
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        passPending(context: context)
    }

    private func passPending(context: ChannelHandlerContext) {
        guard let buffer = pending else { return }
        let promise = self.promise
        pending = nil
        self.promise = nil
        context.write(wrapOutboundOut(buffer), promise: promise)
    }
}
