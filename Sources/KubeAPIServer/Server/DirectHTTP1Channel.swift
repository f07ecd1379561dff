import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Answers one request that arrived on a channel; errors are responses.
public typealias DirectResponder = @Sendable (Request, any Channel) async -> Response

/// An HTTP/1 child channel that serves its requests with `DirectHTTP1Handler`, placed right
/// after `base`'s request decoder; `base` serves only what that handler hands on (a first request
/// that upgrades to WebSocket), and its connection task otherwise waits for the connection to
/// close.
public struct DirectHTTP1Channel<Base: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Base.Value
    let base: Base
    let respond: DirectResponder

    /// Serves `base`'s connections with `respond`.
    public init(base: Base, respond: @escaping DirectResponder) {
        self.base = base
        self.respond = respond
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { [respond] value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(DirectHTTP1Handler(respond: respond, maxBody: APIRequest.maxBodySize), position: .after(decoder))
            return value
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// Plain HTTP/1 served by `DirectHTTP1Handler` with `respond` (Hummingbird's responder is
    /// not called).
    public static func http1Direct(_ respond: @escaping DirectResponder) -> HTTPServerBuilder {
        .init { responder in DirectHTTP1Channel(base: HTTP1Channel(responder: responder), respond: respond) }
    }
}
