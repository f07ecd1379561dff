import ArgumentParser
import Foundation
import KubeClient
import KubeNetwork
import KubeRuntime
import Kubelet
import KubePKI
import Logging
import NIOSSL
import ServiceLifecycle

/// The agent's flags, shared by `skiff server` (which runs an agent unless `--disable-agent`)
/// and `skiff kubelet`. Names follow k3s where the concept is the same.
struct AgentFlags: ParsableArguments {
    @Option(name: .customLong("node-name"), help: "Name of this node (default: the hostname).")
    var nodeName: String?

    @Option(name: .customLong("private-registry"), help: "Registry mirrors and credentials, in k3s' registries.yaml format.")
    var privateRegistry = "/etc/skiff/registries.yaml"

    @Option(name: .customLong("kubelet-port"), help: "Port of the kubelet API.")
    var kubeletPort = 10250

    @Option(name: .customLong("kubelet-address"), help: "Address the kubelet API listens on (the kubelet's --address).")
    var kubeletAddress = "0.0.0.0"

    @Option(
        name: .customLong("pod-logs-dir"),
        help: "Where container logs go, as <dir>/<namespace>_<pod>_<uid>/<container>/<restart>.log (the kubelet's podLogsDir). Two agents on one host need one each: each removes the pod folders it does not know.")
    var podLogsDir = "/var/log/pods"

    @OptionGroup var garbageCollection: KubeletGCFlags

    @Option(
        name: .customLong("authorization-webhook-cache-unauthorized-ttl"),
        help: "How long the kubelet API keeps a denial of its SubjectAccessReviews (e.g. 30s, 1m).")
    var authorizationWebhookCacheUnauthorizedTTL = "30s"

    /// The kubelet API's cache lifetimes, from the flags.
    func authCacheTTLs() throws -> APIServerKubeletAuth.CacheTTLs {
        var ttls = APIServerKubeletAuth.CacheTTLs()
        guard let denial = Self.duration(authorizationWebhookCacheUnauthorizedTTL) else {
            throw ValidationError("invalid --authorization-webhook-cache-unauthorized-ttl \(authorizationWebhookCacheUnauthorizedTTL): use e.g. 30s or 1m")
        }
        ttls.unauthorized = denial
        return ttls
    }

    /// A duration written as Go writes one of a single unit: `500ms`, `30s`, `2m`, `1h`.
    static func duration(_ text: String) -> Duration? {
        for (unit, scale) in [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)] where text.hasSuffix(unit) {
            guard let value = Double(text.dropLast(unit.count)), value >= 0 else { return nil }
            return .milliseconds(Int64(value * scale * 1000))
        }
        return nil
    }

    /// The node name: the flag, else the hostname in lower case.
    var resolvedNodeName: String {
        (nodeName ?? ProcessInfo.processInfo.hostName).lowercased()
    }

    func validate() throws {
        guard (1...65535).contains(kubeletPort) else { throw ValidationError("--kubelet-port must be 1-65535") }
        guard podLogsDir.hasPrefix("/") else { throw ValidationError("--pod-logs-dir must be an absolute path") }
    }
}

/// `skiff kubelet`: the node agent alone, as a client of an API server.
struct KubeletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kubelet", abstract: "Run the Skiff node agent against an API server.")

    @Option(help: "Kubeconfig naming the API server.")
    var kubeconfig: String

    @Option(name: .customLong("data-dir"), help: "Folder holding the agent's state (under agent/).")
    var dataDir = "/var/lib/skiff"

    @OptionGroup var agent: AgentFlags

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(name: .customLong("tls-cert-file"), help: "Serving certificate of the kubelet API (PEM); plain HTTP without.")
    var tlsCertFile: String?

    @Option(name: .customLong("tls-private-key-file"), help: "Key of --tls-cert-file (PEM).")
    var tlsPrivateKeyFile: String?

    @Option(name: .customLong("client-ca-file"), help: "CA whose client certificates the kubelet API accepts (PEM); bearer tokens are checked by TokenReview.")
    var clientCAFile: String?

    func validate() throws {
        let given = [tlsCertFile, tlsPrivateKeyFile, clientCAFile].filter { $0 != nil }.count
        guard given == 0 || given == 3 else {
            throw ValidationError("--tls-cert-file, --tls-private-key-file and --client-ca-file go together")
        }
    }

    func run() async throws {
        var logger = Logger(label: "skiff.kubelet")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let flags = agent
        try await flags.ensureKubeletAddressAvailable()
        let config = try ClientConfig.fromKubeconfig(path: kubeconfig, userAgent: "skiff-kubelet/\(flags.resolvedNodeName)")
        var serving: TLSConfiguration?
        var clientCA: CertificateAuthority?
        if let tlsCertFile, let tlsPrivateKeyFile, let clientCAFile {
            let identity = try CertifiedKey(
                certificatePEM: String(contentsOfFile: tlsCertFile, encoding: .utf8), keyPEM: String(contentsOfFile: tlsPrivateKeyFile, encoding: .utf8))
            let ca = try CertificateAuthority(identity: CertifiedKey(certificatePEMOnly: String(contentsOfFile: clientCAFile, encoding: .utf8)))
            serving = try TLSSettings.server(identity: identity)
            clientCA = ca
        } else {
            logger.warning("kubelet API on plain HTTP: no --tls-cert-file, --tls-private-key-file and --client-ca-file")
        }
        let service = try AgentService(
            client: config, dataDir: dataDir, flags: agent, servingTLS: serving, clientCA: clientCA, logger: logger)
        let group = ServiceGroup(
            configuration: .stoppingOnSignals([.init(service: service), .init(service: MemoryTrimService())], logger: logger))
        try await group.run()
    }
}

/// The agent of one node: the kubelet with the runc runtime, the image store, the bridge pod
/// network and the probes, and the kubelet API. Pods keep running when it stops; the next start
/// adopts them.
struct AgentService: Service {
    let client: ClientConfig
    /// TLS of the kubelet API; nil serves plain HTTP.
    let servingTLS: TLSConfiguration?
    /// The CA of the client certificates the kubelet API accepts; with it, callers are
    /// authenticated (certificates, tokens via TokenReview) and authorized (SubjectAccessReview).
    let clientCA: CertificateAuthority?
    /// How long the kubelet API keeps token reviews and access decisions.
    let authTTLs: APIServerKubeletAuth.CacheTTLs
    let configuration: KubeletConfiguration
    let runtime: RuncRuntime
    let images: ImageStore
    let network: BridgeNetwork
    let logger: Logger

    /// Builds the parts under `<dataDir>/agent`; fails when the registry file is malformed or a
    /// state directory cannot be made.
    init(
        client: ClientConfig, dataDir: String, flags: AgentFlags, servingTLS: TLSConfiguration?, clientCA: CertificateAuthority? = nil,
        logger: Logger
    ) throws {
        let root = "\(dataDir)/agent"
        self.client = client
        self.servingTLS = servingTLS
        self.clientCA = clientCA
        authTTLs = try flags.authCacheTTLs()
        self.logger = logger
        var configuration = KubeletConfiguration(nodeName: flags.resolvedNodeName, rootDirectory: "\(root)/kubelet")
        configuration.port = flags.kubeletPort
        configuration.address = flags.kubeletAddress
        configuration.podLogsDirectory = flags.podLogsDir
        try flags.garbageCollection.apply(to: &configuration)
        self.configuration = configuration
        runtime = try RuncRuntime(options: .agent("\(root)/runtime"))
        var registries = RegistryConfig()
        if FileManager.default.fileExists(atPath: flags.privateRegistry) {
            registries = try RegistryConfig(yaml: String(contentsOfFile: flags.privateRegistry, encoding: .utf8))
        }
        images = try ImageStore(root: "\(root)/images", registryConfig: registries, logger: logger)
        network = BridgeNetwork(stateDirectory: "\(root)/network")
    }

    func run() async throws {
        let client = KubeClient(config: self.client, maxConnections: 32)
        let probes = ProbeReadiness(manager: ProbeManager(prober: Prober(runtime: runtime)))
        let kubelet = Kubelet(
            client: client, configuration: configuration, runtime: runtime, images: images, network: network, logger: logger,
            readiness: probes)
        let recorder = EventRecorder(client: client, component: "kubelet")
        let auth = clientCA.map { ca in
            let verifier = ClientCertificateVerifier(authority: ca)
            return APIServerKubeletAuth(
                client: client,
                verifyClientCertificate: { der in
                    guard let identity = try? verifier.verifyClient(der: der, at: Date()) else { return nil }
                    return (identity.user, identity.groups)
                }, ttls: authTTLs)
        }
        let stats = SummaryProvider(
            runtime: runtime, nodeName: configuration.nodeName, rootDirectory: configuration.rootDirectory,
            imageDirectory: images.root)
        let api = KubeletServer(
            runtime: runtime, podLogsDirectory: configuration.podLogsDirectory, logger: logger, node: configuration.nodeName,
            auth: auth, pods: { await kubelet.pods() }, stats: stats)
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await kubelet.run() }
                group.addTask { [servingTLS] in try await api.run(address: configuration.address, port: configuration.port, tls: servingTLS) }
                group.addTask { await probes.run(kubelet: kubelet, recorder: recorder) }
                group.addTask { await recorder.run(logger: logger) }
                try await group.next()
                group.cancelAll()
            }
        }
        await images.shutdown()
        await client.shutdown()
    }
}
