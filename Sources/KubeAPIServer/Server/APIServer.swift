import Foundation
import Hummingbird
import HummingbirdWebSocket
import HTTPTypes
import KubeAPI
import KubeStorage
import Logging
import NIOCore
import NIOSSL

/// How the API server is set up.
public struct APIServerConfiguration: Sendable {
    /// The range Service cluster IPs come from.
    public var serviceCIDR = "10.43.0.0/16"
    /// The address clients reach this server at (for `/api` and the `kubernetes` Endpoints).
    public var advertiseAddress = "127.0.0.1"
    /// The port clients reach this server at.
    public var advertisePort = 6443
    /// `--default-not-ready-toleration-seconds`: the `tolerationSeconds` of the not-ready
    /// toleration every new pod gets unless it has one.
    public var defaultNotReadyTolerationSeconds: Int64 = 300
    /// `--default-unreachable-toleration-seconds`: the same for the unreachable taint.
    public var defaultUnreachableTolerationSeconds: Int64 = 300
    /// Where to reach every kubelet (for `pods/log`, `exec`, ...) instead of the node's own
    /// addresses (in-process tests, whose kubelets listen on loopback); nil uses the node's
    /// addresses.
    public var kubeletAddress: String? = "127.0.0.1"
    /// The node whose kubelet runs in this process, reached on 127.0.0.1 whatever its addresses.
    public var kubeletLoopbackNode: String?
    /// The node address types tried in order to reach a kubelet
    /// (`--kubelet-preferred-address-types`; Kubernetes' default order).
    public var kubeletPreferredAddressTypes = KubeletConnector.kubernetesAddressTypes
    /// How to reach kubelets over TLS (trusting the server CA, presenting the API server's
    /// kubelet client certificate); nil reaches them over plain HTTP (in-process tests).
    public var kubeletTLS: TLSConfiguration?
    /// Who requests come from. nil (the default, for in-process use on plain HTTP) serves
    /// every request as `UserInfo.unsecured`; `skiff server` always sets one.
    public var authenticator: (any Authenticator)?
    /// What each user may do; everything by default.
    public var authorizer: any Authorizer = AlwaysAllowAuthorizer()
    /// Where every request is recorded (`--audit-log-path`), if anywhere.
    public var audit: AuditLog?
    /// Whether node identities (`system:node:<name>`) are held to their own Node, Lease, pods
    /// and the Secrets and ConfigMaps those pods use (the Node authorizer), ahead of `authorizer`.
    public var nodeAuthorization = false
    /// Issues service account tokens (`serviceaccounts/token`) and authenticates them, when set.
    public var serviceAccountTokens: ServiceAccountTokens?
    /// Node joining (bootstrap tokens, `/cacerts`, the client CA for nodes), when set.
    public var nodeJoin: NodeJoinConfiguration?

    public init() {}
}

/// The Kubernetes API server: validates, defaults and persists every object in a
/// `KeyValueStore`, and streams changes to watchers from its watch caches.
///
/// Create it with `start`, serve `responder` over any HTTP transport, and keep `run` going for
/// as long as it serves (it follows the store and sends bookmarks).
public final class APIServer: Sendable {
    let handler: APIHandler
    let registry: Registry
    let endpointReconciler: EndpointReconciler
    let logger: Logger

    private init(handler: APIHandler, registry: Registry, endpointReconciler: EndpointReconciler, logger: Logger) {
        self.handler = handler
        self.registry = registry
        self.endpointReconciler = endpointReconciler
        self.logger = logger
    }

    /// Loads the caches from `store`, makes the system namespaces and PriorityClasses and the
    /// `kubernetes` Service, and returns a server ready to answer.
    public static func start(
        store: any KeyValueStore, configuration: APIServerConfiguration = APIServerConfiguration(),
        logger: Logger = Logger(label: "skiff.apiserver"), now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> APIServer {
        let caches = try await CacheSet(store: store, resources: ResourceCatalog.all)
        let rbac = RBACPolicy(caches: caches)
        if let rbac { RBACAuthorizer.attach(rbac, to: configuration.authorizer) }
        let allocator = try ServiceAllocator(cidr: configuration.serviceCIDR, store: store, now: now)
        let registry = Registry(
            store: store, caches: caches, schema: .standard, allocator: allocator, now: now,
            defaultTolerations: DefaultTolerationSeconds(
                notReady: configuration.defaultNotReadyTolerationSeconds,
                unreachable: configuration.defaultUnreachableTolerationSeconds),
            mountsServiceAccountTokens: configuration.serviceAccountTokens != nil,
            escalation: rbac.map { RBACEscalationCheck(policy: $0, authorizer: configuration.authorizer) })
        let repaired = try await allocator.repair()
        logRepair(repaired, logger: logger)
        let discovery = DiscoveryDocuments(
            resources: ResourceCatalog.all, schema: .standard,
            serverAddress: "\(configuration.advertiseAddress):\(configuration.advertisePort)")
        let metrics = APIMetrics { [caches] in
            (caches.all.reduce(0) { $0 + $1.watcherCount }, caches.revision)
        }
        let kubelets = KubeletConnector(
            tls: configuration.kubeletTLS, fixedAddress: configuration.kubeletAddress, loopbackNode: configuration.kubeletLoopbackNode,
            preferredAddressTypes: configuration.kubeletPreferredAddressTypes)
        var authenticator = configuration.authenticator
        if configuration.nodeJoin != nil, let rest = authenticator {
            authenticator = PrependedAuthenticator(first: BootstrapTokenAuthenticator(registry: registry, now: now), rest: rest)
        }
        let handler = APIHandler(
            registry: registry, discovery: discovery, metrics: metrics, kubelets: kubelets,
            authenticator: authenticator,
            authorizer: configuration.nodeAuthorization
                ? AuthorizerChain([NodeAuthorizer(registry: registry), configuration.authorizer]) : configuration.authorizer,
            rbac: rbac, audit: configuration.audit, serviceAccountTokens: configuration.serviceAccountTokens,
            nodeJoin: configuration.nodeJoin, logger: logger)
        let reconciler = EndpointReconciler(
            registry: registry, address: configuration.advertiseAddress, port: configuration.advertisePort, now: now)
        let server = APIServer(handler: handler, registry: registry, endpointReconciler: reconciler, logger: logger)
        try await server.bootstrap(configuration)
        try await server.bootstrapRBAC()
        try await server.ensureBootstrapTokens(configuration.nodeJoin?.tokens ?? [])
        return server
    }

    /// Follows the store into the caches and sends watch bookmarks, until cancelled (which ends
    /// it without an error).
    /// At the end this server's address leaves the `kubernetes` Endpoints and its connections to
    /// kubelets close.
    public func run() async throws {
        do {
            try await follow()
        } catch is CancellationError {
        } catch where Task.isCancelled {
        } catch {
            await leave()
            throw error
        }
        await leave()
    }

    /// Takes this server out of the `kubernetes` Endpoints (in a task of its own, which the
    /// cancellation that ends `run` does not reach) and closes the kubelet connections.
    private func leave() async {
        let reconciler = endpointReconciler
        await Task { await reconciler.remove() }.value
        await handler.kubelets.shutdown()
    }

    private func follow() async throws {
        defer { for cache in registry.caches.all { cache.finishAllWatches() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.registry.caches.run(logger: self.logger) }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(30))
                    for cache in self.registry.caches.all { cache.sendBookmarks() }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: EndpointReconciler.interval)
                    do {
                        try await self.endpointReconciler.reconcile()
                    } catch {
                        self.logger.warning("kubernetes endpoints reconcile failed: \(error)")
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: ServiceAllocator.repairInterval)
                    do {
                        Self.logRepair(try await self.registry.allocator.repair(), logger: self.logger)
                    } catch {
                        self.logger.warning("service allocation repair failed: \(error)")
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The HTTP responder serving the Kubernetes API. Over TLS, the client certificate of each
    /// request's connection goes to the authenticator (read only when there is one).
    public var responder: some HTTPResponder<APIRequestContext> {
        let handler = self.handler
        return CallbackResponder { (request: Request, context: APIRequestContext) in
            let certificates = handler.authenticator == nil ? [] : await PeerCertificates.of(context.channel)
            return await handler.respond(request, peerCertificates: certificates)
        }
    }

    /// Answers `request`, which arrived on `channel`, for `DirectHTTP1Handler` (which cancels
    /// the call when the connection closes); as `responder` does otherwise.
    public func respond(_ request: Request, channel: any Channel) async -> Response {
        let certificates = handler.authenticator == nil ? [] : await PeerCertificates.of(channel)
        return await handler.respond(request, peerCertificates: certificates, channelBody: false)
    }

    /// The WebSocket upgrade for `pods/exec`, for an HTTP/1 server that upgrades
    /// (`HTTPServerBuilder.http1WebSocketUpgrade(shouldUpgrade:)`); other requests are not upgraded.
    /// `peerCertificates` is the client certificate chain the connection presented, leaf first.
    public func webSocketUpgrade(
        _ request: HTTPRequest, peerCertificates: [[UInt8]] = []
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        await handler.webSocketUpgrade(request, peerCertificates: peerCertificates)
    }

    /// The WebSocket upgrade for `pods/exec` on `channel`, passing the client certificate the
    /// connection presented (over TLS) to authentication.
    public func webSocketUpgrade(
        _ request: HTTPRequest, channel: any Channel
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let certificates = handler.authenticator == nil ? [] : await PeerCertificates.of(channel)
        return await handler.webSocketUpgrade(request, peerCertificates: certificates)
    }

    /// Reports what an allocation repair changed.
    static func logRepair(_ repair: AllocationRepair, logger: Logger) {
        if !repair.recorded.isEmpty { logger.info("recorded service allocations \(repair.recorded)") }
        if !repair.freed.isEmpty { logger.info("freed leaked service allocations \(repair.freed)") }
        if !repair.duplicates.isEmpty { logger.warning("service IPs or node ports held by more than one Service: \(repair.duplicates)") }
    }

    /// The revision every watch cache has caught up to.
    public var cacheRevision: Int64 { registry.caches.revision }
}
