import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// The HTTP/1 child channel of the API server's TLS port: `HTTP1WebSocketUpgradeChannel`, which
/// sees only a connection whose first request upgrades to WebSocket (`DirectHTTP1Channel` around
/// it answers every other request, those that ask to upgrade to another protocol included).
///
/// kubectl asks for `Upgrade: SPDY/3.1` when its WebSocket attempt at exec, attach or
/// port-forward is refused. NIO's typed upgrade handler drops the head of an upgrade request that
/// no upgrader serves, so the connection would close with no answer; the direct handler answers it
/// instead (a 403 `Status` for a refused user), which kubectl prints.
public struct WebSocketOnlyUpgradeChannel: ServerChildChannel {
    public typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let upgrading: HTTP1WebSocketUpgradeChannel

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        upgrading.setup(channel: channel, logger: logger)
    }

    /// Serves the connection as `upgrading` does. A connection that never upgraded (closed
    /// before its first request, or served by the direct handler) is not logged as an error.
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

/// Passes every record to `base` except HummingbirdWebSocket's error for a connection that
/// closed without reaching it (before its first request, or after the direct handler served
/// it), which it reports as a failed upgrade.
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
