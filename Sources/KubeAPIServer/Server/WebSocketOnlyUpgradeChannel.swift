import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// An HTTP/1 child channel that upgrades WebSocket requests as `HTTP1WebSocketUpgradeChannel`
/// does and answers every other `Upgrade` request as an ordinary request.
///
/// kubectl asks for `Upgrade: SPDY/3.1` when its WebSocket attempt at exec, attach or
/// port-forward is refused. NIO's typed upgrade handler drops the head of an upgrade request that
/// no upgrader serves, so the connection would close with no answer; here the server answers it
/// instead (a 403 `Status` for a refused user), which kubectl prints.
public struct WebSocketOnlyUpgradeChannel: ServerChildChannel {
    public typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let upgrading: HTTP1WebSocketUpgradeChannel

    /// Sets up `upgrading`'s pipeline, then places the filter right after its request decoder.
    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        upgrading.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(NonWebSocketUpgradeFilter(), position: .after(decoder))
            return value
        }
    }

    /// Serves the connection as `upgrading` does. A connection closed before its first request
    /// (a client's idle pooled connection, a TCP health check) is not logged as an error.
    public func handle(value: Value, logger: Logger) async {
        let base = logger.handler
        var filtered = Logger(label: logger.label) { _ in ClosedConnectionLogFilter(base: base) }
        filtered.logLevel = logger.logLevel
        await upgrading.handle(value: value, logger: filtered)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with WebSocket upgrades decided by `shouldUpgrade`; every other request is served
    /// by `DirectHTTP1Handler` with `direct` (see `DirectHTTP1Channel`), those that ask to upgrade
    /// to another protocol as plain requests.
    public static func http1WebSocketOnlyUpgrade(
        configuration: HTTP1WebSocketUpgradeChannel.Configuration,
        direct: @escaping DirectResponder,
        shouldUpgrade: @escaping @Sendable (HTTPRequest, any Channel, Logger) async throws -> ShouldUpgradeResult<
            WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
        >
    ) -> HTTPServerBuilder {
        .init { responder in
            DirectHTTP1Channel(
                base: WebSocketOnlyUpgradeChannel(
                    upgrading: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration, shouldUpgrade: shouldUpgrade)),
                respond: direct)
        }
    }
}

/// Removes `Upgrade` (and the `upgrade` token of `Connection`) from a connection's first request
/// when it asks for no WebSocket, then leaves the pipeline: only a connection's first request can
/// upgrade.
final class NonWebSocketUpgradeFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        if Self.stripsUpgrade(&head.headers) {
            context.fireChannelRead(wrapInboundOut(.head(head)))
        } else {
            context.fireChannelRead(data)
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// Takes the upgrade request out of `headers` unless it names `websocket`; true when it did.
    static func stripsUpgrade(_ headers: inout HTTPHeaders) -> Bool {
        let protocols = headers[canonicalForm: "upgrade"]
        guard !protocols.isEmpty, !protocols.contains(where: { $0.lowercased().hasPrefix("websocket") }) else { return false }
        headers.remove(name: "upgrade")
        let connection = headers[canonicalForm: "connection"].filter { $0.lowercased() != "upgrade" }
        headers.remove(name: "connection")
        if !connection.isEmpty { headers.add(name: "connection", value: connection.joined(separator: ", ")) }
        return true
    }
}

/// Passes every record to `base` except HummingbirdWebSocket's error for a connection that
/// closed before it sent a request, which it reports as a failed upgrade.
struct ClosedConnectionLogFilter: LogHandler {
    var base: any LogHandler

    /// How the connection's channel reports that it closed.
    static let closedChannel: Set<String> = Set(
        [ChannelError.inappropriateOperationForState, .ioOnClosedChannel, .alreadyClosed, .eof].map { "\($0)" })

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if event.message.description == "Error handling upgrade result",
            let type = event.metadata?["error.type"], Self.closedChannel.contains("\(type)")
        {
            return
        }
        base.log(event: event)
    }
}
