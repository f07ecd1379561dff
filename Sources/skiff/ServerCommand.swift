import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import class KubeAPI.ReadySignal
import KubeAPIServer
import KubeClient
import KubeControllers
import KubePKI
import KubeScheduler
import KubeStorage
import Logging
import ServiceLifecycle

/// `skiff server`: the control plane on this machine (flag names follow k3s where the concept
/// is the same).
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: "Run the Skiff control plane.")

    @Option(name: .customLong("data-dir"), help: "Folder holding the cluster state.")
    var dataDir = "/var/lib/skiff"

    @Option(name: .customLong("write-kubeconfig"), help: "Where to write the admin kubeconfig.")
    var writeKubeconfig = "/etc/skiff/skiff.yaml"

    @Option(name: .customLong("https-listen-port"), help: "Port of the API server.")
    var port = 6443

    @Option(name: .customLong("bind-address"), help: "Address the API server listens on.")
    var bindAddress = "0.0.0.0"

    @Option(name: .customLong("tls-san"), help: "An extra host name or IP address in the serving certificate (repeatable).")
    var tlsSANs: [String] = []

    @Option(name: .customLong("token-auth-file"), help: "Static bearer tokens: CSV lines token,user,uid,\"group1,group2\".")
    var tokenAuthFile: String?

    @Option(
        name: .customLong("kubelet-preferred-address-types"),
        help: "Node address types tried in order to reach a kubelet (comma-separated; k3s' default order).")
    var kubeletPreferredAddressTypes = "InternalIP,ExternalIP,Hostname"

    @OptionGroup var datastore: DatastoreFlags

    @Option(
        name: .customLong("etcd-compaction-interval"),
        help: "How often the store's history is compacted (kube-apiserver's flag; e.g. 5m, 0 for never).")
    var compactionInterval = "5m"

    @Option(name: .customLong("service-cidr"), help: "Range of Service cluster IPs.")
    var serviceCIDR = "10.43.0.0/16"

    @Option(name: .customLong("cluster-cidr"), help: "Range of pod IPs.")
    var clusterCIDR = "10.42.0.0/16"

    @Option(
        name: .customLong("default-not-ready-toleration-seconds"),
        help: "tolerationSeconds of the not-ready:NoExecute toleration added to every pod that has none.")
    var defaultNotReadyTolerationSeconds: Int64 = 300

    @Option(
        name: .customLong("default-unreachable-toleration-seconds"),
        help: "tolerationSeconds of the unreachable:NoExecute toleration added to every pod that has none.")
    var defaultUnreachableTolerationSeconds: Int64 = 300

    @Flag(name: .customLong("secrets-encryption"), help: "Encrypt Secrets at rest (AES-GCM); once on, it stays on for this data dir.")
    var secretsEncryption = false

    @Option(name: .customLong("encryption-provider-config"), help: "An EncryptionConfiguration file to use instead of the data dir's.")
    var encryptionProviderConfig: String?

    @Option(name: .customLong("audit-log-path"), help: "Append an audit event (JSON line) per request to this file.")
    var auditLogPath: String?

    @Option(name: .customLong("audit-policy-file"), help: "An audit Policy (audit.k8s.io/v1); default: Metadata for every request.")
    var auditPolicyFile: String?

    @Flag(name: .customLong("disable-agent"), help: "Run no kubelet on this machine.")
    var disableAgent = false

    @Flag(name: .customLong("disable-controller-manager"), help: "Run no controllers in this process.")
    var disableControllerManager = false

    @Flag(name: .customLong("disable-scheduler"), help: "Run no scheduler in this process.")
    var disableScheduler = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @OptionGroup var controllerFlags: ControllerFlags

    @OptionGroup var agentFlags: AgentFlags

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--https-listen-port must be 1-65535") }
        guard defaultNotReadyTolerationSeconds >= 0, defaultUnreachableTolerationSeconds >= 0 else {
            throw ValidationError("--default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds must not be negative")
        }
        guard compactionInterval == "0" || AgentFlags.duration(compactionInterval).map({ $0 > .zero }) == true else {
            throw ValidationError("invalid --etcd-compaction-interval \(compactionInterval): use e.g. 5m, or 0 for never")
        }
        let known: Set = ["Hostname", "InternalDNS", "InternalIP", "ExternalDNS", "ExternalIP"]
        for type in kubeletPreferredAddressTypes.split(separator: ",") where !known.contains(type.trimmingCharacters(in: .whitespaces)) {
            throw ValidationError("--kubelet-preferred-address-types: unknown type \(type): use Hostname, InternalDNS, InternalIP, ExternalDNS, ExternalIP")
        }
    }

    func run() async throws {
        var logger = Logger(label: "skiff")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let started = ContinuousClock.now
        try await ListenCheck.ensureAvailable(host: bindAddress, port: port, flag: "--bind-address, --https-listen-port")
        if !disableAgent { try await agentFlags.ensureKubeletAddressAvailable() }
        var store = try await datastore.open(dataDir: dataDir, logger: logger)
        if let encryption = try SecretsEncryption.configuration(
            dataDir: dataDir, enable: secretsEncryption, explicitPath: encryptionProviderConfig)
        {
            store = try await SecretsEncryption.wrap(store, encryption, logger: logger)
        }
        let credentials = try ServerCredentials.prepare(
            dataDir: dataDir, serviceCIDR: serviceCIDR, bindAddress: bindAddress, extraNames: tlsSANs, now: Date())
        var config = APIServerConfiguration()
        config.serviceCIDR = serviceCIDR
        config.advertiseAddress = ["localhost", "0.0.0.0", "::"].contains(bindAddress) ? "127.0.0.1" : bindAddress
        var authenticators: [any Authenticator] = [X509Authenticator(clientCA: credentials.pki.clientCA)]
        if let tokenAuthFile { authenticators.append(try StaticTokenAuthenticator(path: tokenAuthFile)) }
        let loopback = try LoopbackTransport(dataDir: dataDir, identities: [.controllerManager, .scheduler])
        if let loopback { authenticators.append(loopback.authenticator) }
        config.authenticator = AuthenticatorChain(authenticators)
        // Service account tokens, signed with the cluster's service account key (kept as k3s keeps it).
        config.serviceAccountTokens = ServiceAccountTokens(
            key: try ServiceAccountTokens.loadOrCreateKey(path: "\(dataDir)/server/tls/service.key"))
        let serverCA = credentials.pki.serverCA.identity.certificatePEM
        config.nodeJoin = NodeJoinConfiguration(
            serverCA: serverCA, clientCA: credentials.pki.clientCA.identity.certificatePEM,
            tokens: [try ServerJoinToken.loadOrCreate(dataDir: dataDir, caBundle: serverCA)])
        config.kubeletTLS = try TLSSettings.client(trusting: credentials.pki.serverCA, presenting: credentials.apiServerKubeletClient.live)
        // Kubelets are reached at their nodes' addresses; the one in this process on loopback.
        config.kubeletAddress = nil
        config.kubeletLoopbackNode = disableAgent ? nil : agentFlags.resolvedNodeName
        config.kubeletPreferredAddressTypes = kubeletPreferredAddressTypes.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        config.advertisePort = port
        config.defaultNotReadyTolerationSeconds = defaultNotReadyTolerationSeconds
        config.defaultUnreachableTolerationSeconds = defaultUnreachableTolerationSeconds
        if let auditLogPath {
            let policy = try auditPolicyFile.map { (path) throws in try AuditPolicy.load(path: path) } ?? .metadataForAll
            config.audit = try AuditLog(path: auditLogPath, policy: policy)
        }
        // system:masters first, as kube-apiserver does; the Node authorizer goes before these.
        config.authorizer = AuthorizerChain([PrivilegedGroupsAuthorizer(), RBACAuthorizer()])
        config.nodeAuthorization = true
        let server = try await APIServer.start(store: store, configuration: config, logger: logger)
        let host = config.advertiseAddress
        let url = "https://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        try credentials.writeKubeconfigs(server: url, adminPath: writeKubeconfig, dataDir: dataDir)
        let readyLogger = logger
        let kubeconfigPath = writeKubeconfig
        let tls = TLSChannelConfiguration(
            tlsConfiguration: try TLSSettings.server(renewing: credentials.serving),
            // Client certificates are requested, not required; the x509 authenticator verifies
            // them against the client CA (401 when it did not issue them or they expired).
            customVerificationCallback: { _, promise in promise.succeed(.certificateVerified) })
        // The components in this process (controller manager, scheduler) make their first
        // request once the listener they use accepts connections, rather than fail it and wait
        // a retry period (2 s for a Lease).
        let componentsCanConnect = ReadySignal()
        let app = Application(
            responder: server.responder,
            server: try .tls(
                .http1WebSocketOnlyUpgrade(
                    configuration: .init(ws: .init(maxFrameSize: 1 << 20)), direct: { await server.respond($0, channel: $1) }
                ) { request, channel, _ in
                    await server.webSocketUpgrade(request, channel: channel)
                }, configuration: tls),
            configuration: .init(address: .hostname(bindAddress, port: port), serverName: "skiff"),
            onServerRunning: { [viaLoopback = loopback != nil] _ in
                readyLogger.info("skiff API server ready at \(url) in \(ContinuousClock.now - started); kubeconfig \(kubeconfigPath)")
                if !viaLoopback { componentsCanConnect.fire() }
            },
            logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: app), .init(service: APIServerService(server: server)), .init(service: MemoryTrimService()),
        ]
        if let loopback {
            services.append(.init(service: loopback.application(server: server, listening: componentsCanConnect, logger: logger)))
        }
        if let interval = AgentFlags.duration(compactionInterval), interval > .zero {
            services.append(.init(service: StoreCompactionService(compactor: StoreCompactor(store: store), interval: interval, logger: logger)))
        }
        var renewing = credentials.renewing
        if !disableControllerManager {
            services.append(
                .init(
                    service: ControllerService(
                        client: try loopback?.clientConfig(identity: .controllerManager, userAgent: "skiff-controller-manager")
                            ?? credentials.clientConfig(server: url, identity: credentials.controller, userAgent: "skiff-controller-manager"),
                        leaderElect: sharesDatastore, rejoin: true,
                        options: controllerFlags.options(
                            clusterCIDR: clusterCIDR, rootCA: credentials.pki.serverCA.identity.certificatePEM,
                            signing: ClusterSigningKeys(clientCA: credentials.pki.clientCA, serverCA: credentials.pki.serverCA)),
                        registrations: try controllerFlags.registrations(), startAfter: componentsCanConnect, logger: logger)))
        }
        if !disableAgent {
            let node = agentFlags.resolvedNodeName
            let kubeletClient = try credentials.kubeletClient(node: node, now: Date())
            renewing.append(kubeletClient)
            let kubelet = try credentials.clientConfig(server: url, identity: kubeletClient, userAgent: "skiff-kubelet/\(node)")
            let kubeletServing = try credentials.kubeletServing(node: node, now: Date())
            renewing.append(kubeletServing)
            let serving = try TLSSettings.server(renewing: kubeletServing)
            services.append(
                .init(
                    service: try AgentService(
                        client: kubelet, dataDir: dataDir, flags: agentFlags, servingTLS: serving, clientCA: credentials.pki.clientCA,
                        logger: logger)))
        }
        if !disableScheduler {
            // One server, one scheduler: no election, so a restarted server schedules at once. On
            // etcd, which several servers may share, the schedulers (and controller managers) elect.
            let client = try loopback?.clientConfig(identity: .scheduler, userAgent: "skiff-scheduler")
                ?? credentials.clientConfig(server: url, identity: credentials.scheduler, userAgent: "skiff-scheduler")
            services.append(
                .init(
                    service: SchedulerService(
                        client: client, settings: .init(), leaderElect: sharesDatastore, rejoin: true, startAfter: componentsCanConnect,
                        logger: logger)))
        }
        services.append(.init(service: CertificateRenewalService(certificates: renewing, logger: logger)))
        let group = ServiceGroup(
            configuration: .stoppingOnSignals(services, logger: logger))
        try await group.run()
        await store.close()
    }
}

/// Runs the controllers as clients of the API server at `server`, until shutdown, behind leader
/// election when asked (losing leadership ends the process with an error, as in Kubernetes).
struct ControllerService: Service {
    let client: ClientConfig
    let leaderElect: Bool
    /// Campaign again after losing leadership instead of ending (inside `skiff server`).
    var rejoin = false
    let options: ControllerOptions
    let registrations: [ControllerRegistration]
    /// What to wait for before the first request (the in-process listener), if anything.
    var startAfter: ReadySignal?
    let logger: Logger

    func run() async throws {
        let client = KubeClient(config: self.client, maxConnections: 64)
        let (options, registrations, logger) = (self.options, self.registrations, self.logger)
        try await runLeading(
            client, lease: "kube-controller-manager", leaderElect: leaderElect, rejoin: rejoin, startAfter: startAfter, logger: logger
        ) {
            let manager = ControllerManager(
                context: ControllerContext(client: client, options: options), registrations: registrations, logger: logger)
            await manager.run()
        }
    }
}

/// Keeps the API server's caches following the store for the life of the service group.
struct APIServerService: Service {
    let server: APIServer

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await server.run()
        }
    }
}

/// Compacts the store's history every `interval` (`StoreCompactor`), for the life of the
/// service group.
struct StoreCompactionService: Service {
    let compactor: StoreCompactor
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await compactor.run(every: interval) { outcome in
                switch outcome {
                case .success(let revision): logger.info("compacted the store's history up to revision \(revision)")
                case .failure(let error): logger.warning("store compaction failed: \(error)")
                }
            }
        }
    }
}
