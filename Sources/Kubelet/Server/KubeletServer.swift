import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import KubeAPI
import KubeRuntime
import Logging

/// The kubelet's HTTP API (port 10250): `/healthz`, `/containerLogs/{namespace}/{pod}/{container}`,
/// `/exec/{namespace}/{pod}/{container}`, `/attach/{namespace}/{pod}/{container}` and
/// `/portForward/{namespace}/{pod}` (the API server proxies `pods/log`, `pods/exec`,
/// `pods/attach` and `pods/portforward` here), and the read-only `/pods`, `/stats/summary`,
/// `/metrics/resource` and `/metrics` (reached through the API server's `nodes/{name}/proxy`).
/// With a `KubeletAuth`, every request is authenticated (client certificate or bearer token) and
/// authorized (`nodes/<subresource>` of this node) first, as the kubelet's webhook modes do.
public struct KubeletServer: Sendable {
    let runtime: any RuntimeService
    let podLogsDirectory: String
    let logger: Logger
    /// The node whose API this is (the name authorization asks about).
    let node: String
    /// Authentication and authorization of callers; nil lets every request in (in-process tests).
    let auth: (any KubeletAuth)?
    /// The pods `/pods` lists (the kubelet's pod manager).
    let pods: @Sendable () async -> [JSONValue]
    /// What `/stats/summary` and `/metrics/resource` read.
    let stats: SummaryProvider
    /// What `/metrics` shows.
    let metrics: KubeletMetrics

    /// A server reading containers from `runtime` and log files under `podLogsDirectory`, for
    /// node `node`, checking callers with `auth` when given. `/pods` lists what `pods` returns
    /// (`Kubelet.pods()`; none by default); `stats` makes the summary (by default from
    /// `runtime`, the host's cgroups and /proc, with `podLogsDirectory`'s filesystem as the
    /// node's).
    public init(
        runtime: any RuntimeService, podLogsDirectory: String, logger: Logger, node: String = "", auth: (any KubeletAuth)? = nil,
        pods: @escaping @Sendable () async -> [JSONValue] = { [] }, stats: SummaryProvider? = nil
    ) {
        self.runtime = runtime
        self.podLogsDirectory = podLogsDirectory
        self.logger = logger
        self.node = node
        self.auth = auth
        self.pods = pods
        self.stats = stats ?? SummaryProvider(runtime: runtime, nodeName: node, rootDirectory: podLogsDirectory)
        metrics = KubeletMetrics(runtime: runtime, node: node)
    }

    /// The routes, for an `Application` (or a test client) to serve; behind the auth middleware
    /// when the server has a `KubeletAuth`.
    public func router() -> Router<KubeletRequestContext> {
        let router = Router(context: KubeletRequestContext.self)
        if let auth { router.add(middleware: KubeletAuthMiddleware(auth: auth, node: node)) }
        router.get("/healthz") { _, _ in "ok" }
        router.get("/containerLogs/:namespace/:pod/:container") { request, context in
            try await containerLogs(request, context)
        }
        addExecRoute(router)
        addRunRoute(router)
        addAttachRoute(router)
        addPortForwardRoute(router)
        addStatsRoutes(router)
        return router
    }

    /// Serves the API on `address:port` until cancelled: over TLS with `tls` (see
    /// `TLSSettings.server(identity:)`), else plain HTTP. With a `KubeletAuth`, client
    /// certificates are requested but not required in the handshake: the auth verifies them.
    public func run(address: String, port: Int, tls: TLSConfiguration? = nil) async throws {
        let routes = router()
        let webSocket = WebSocketServerConfiguration(maxFrameSize: 1 << 20)
        let base = HTTPServerBuilder.http1WebSocketUpgrade(webSocketRouter: routes, configuration: .init(ws: webSocket))
        let server: HTTPServerBuilder
        if let tls, auth != nil {
            server = try .tls(
                base,
                configuration: TLSChannelConfiguration(
                    tlsConfiguration: tls, customVerificationCallback: { _, promise in promise.succeed(.certificateVerified) }))
        } else if let tls {
            server = try .tls(base, tlsConfiguration: tls)
        } else {
            server = base
        }
        let app = Application(
            router: routes, server: server,
            configuration: .init(address: .hostname(address, port: port), serverName: "skiff-kubelet"),
            logger: logger)
        // Not `runService()`: that runs a service group of its own, which would catch SIGTERM
        // itself and end the kubelet API before the agent's service group stops it in order.
        try await app.run()
    }

    func containerLogs(_ request: Request, _ context: KubeletRequestContext) async throws -> Response {
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
