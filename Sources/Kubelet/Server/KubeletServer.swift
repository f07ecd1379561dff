import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import KubeAPI
import KubeRuntime
import Logging

/// The kubelet's HTTP API (port 10250): `/healthz`, `/containerLogs/{namespace}/{pod}/{container}`
/// and `/exec/{namespace}/{pod}/{container}` (the API server proxies `pods/log` and `pods/exec` here).
/// Served over TLS requiring a client certificate of the cluster's client CA when given TLS
/// settings (authorization of callers through SubjectAccessReview is not there yet).
public struct KubeletServer: Sendable {
    let runtime: any RuntimeService
    let podLogsDirectory: String
    let logger: Logger

    /// A server reading containers from `runtime` and log files under `podLogsDirectory`.
    public init(runtime: any RuntimeService, podLogsDirectory: String, logger: Logger) {
        self.runtime = runtime
        self.podLogsDirectory = podLogsDirectory
        self.logger = logger
    }

    /// The routes, for an `Application` (or a test client) to serve.
    public func router() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.get("/healthz") { _, _ in "ok" }
        router.get("/containerLogs/:namespace/:pod/:container") { request, context in
            try await containerLogs(request, context)
        }
        addExecRoute(router)
        return router
    }

    /// Serves the API on `address:port` until cancelled: over TLS with `tls` (see
    /// `TLSSettings.server(identity:requireClientsOf:)`), else plain HTTP.
    public func run(address: String, port: Int, tls: TLSConfiguration? = nil) async throws {
        let routes = router()
        let webSocket = WebSocketServerConfiguration(maxFrameSize: 1 << 20)
        let app = Application(
            router: routes,
            server: try tls.map { try .tls(.http1WebSocketUpgrade(webSocketRouter: routes, configuration: .init(ws: webSocket)), tlsConfiguration: $0) }
                ?? .http1WebSocketUpgrade(webSocketRouter: routes, configuration: .init(ws: webSocket)),
            configuration: .init(address: .hostname(address, port: port), serverName: "skiff-kubelet"),
            logger: logger)
        try await app.runService()
    }

    func containerLogs(_ request: Request, _ context: BasicWebSocketRequestContext) async throws -> Response {
        let namespace = context.parameters.get("namespace") ?? ""
        let pod = context.parameters.get("pod") ?? ""
        let container = context.parameters.get("container") ?? ""
        let query = FormQuery(request.uri.query ?? "").dictionary
        let stream: ContainerLogStream
        do {
            let options = try LogOptions(query: query)
            let locator = ContainerLogLocator(runtime: runtime, podLogsDirectory: podLogsDirectory)
            let target = try await locator.locate(namespace: namespace, pod: pod, container: container, previous: options.previous)
            stream = ContainerLogStream(target: target, options: options, runtime: runtime)
        } catch let error as LogRequestError {
            return Self.plain(error.code, error.message)
        }
        let logger = self.logger
        return Response(
            status: .ok, headers: [.contentType: "text/plain"],
            body: ResponseBody { writer in
                do {
                    try await stream.run { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                } catch let error as LogRequestError {
                    logger.debug("containerLogs \(namespace)/\(pod)/\(container): \(error.message)")
                }
                try await writer.finish(nil)
            })
    }

    static func plain(_ code: Int, _ text: String) -> Response {
        Response(
            status: .init(code: code), headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
