import ArgumentParser
import Foundation
import KubeClient
import KubePKI
import Logging
import ServiceLifecycle

/// `skiff agent --server URL --token T`: joins this machine to a cluster as k3s' agent does,
/// obtaining its kubelet credentials with the join token (`NodeBootstrap`), then runs the
/// node agent with them.
struct JoinAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Join a cluster with a join token and run the Skiff node agent.")

    @Option(help: "URL of the API server to join, e.g. https://10.0.0.1:6443.")
    var server: String

    @Option(help: "The join token: the contents of the server's <data-dir>/server/token.")
    var token: String?

    @Option(name: .customLong("token-file"), help: "A file holding the join token.")
    var tokenFile: String?

    @Option(name: .customLong("data-dir"), help: "Folder holding the agent's state (under agent/).")
    var dataDir = "/var/lib/skiff"

    @OptionGroup var agent: AgentFlags

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard server.lowercased().hasPrefix("https://") else { throw ValidationError("--server must be an https:// URL") }
        guard (token == nil) != (tokenFile == nil) else { throw ValidationError("give exactly one of --token and --token-file") }
    }

    func run() async throws {
        var logger = Logger(label: "skiff.agent")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let text = try token ?? String(contentsOfFile: tokenFile ?? "", encoding: .utf8)
        let node = agent.resolvedNodeName
        try await agent.ensureKubeletAddressAvailable()
        let bootstrap = NodeBootstrap(
            server: server, token: try JoinToken(parsing: text), nodeName: node, directory: "\(dataDir)/agent", logger: logger)
        let credentials: NodeBootstrap.Credentials
        do {
            credentials = try await bootstrap.run()
        } catch let error as PKIError {
            throw PKIError("cannot join \(server)", cause: error)
        }
        let clientIdentity = try LiveIdentity(credentials.client)
        let servingIdentity = try LiveIdentity(credentials.serving)
        let client = ClientConfig(
            server: server, userAgent: "skiff-kubelet/\(node)",
            tls: try TLSSettings.client(trusting: credentials.serverCA, presenting: clientIdentity))
        let serving = try TLSSettings.server(presenting: servingIdentity, requireClientsOf: credentials.clientCA)
        let service = try AgentService(client: client, dataDir: dataDir, flags: agent, servingTLS: serving, logger: logger)
        // Renewals ask as the node itself, with whatever client certificate it presents now.
        let renewals = KubeClient(config: client, maxConnections: 2)
        let rotation = CertificateRenewalService(
            certificates: [
                NodeCertificate(name: "client-kubelet", live: clientIdentity) { try await bootstrap.requestClientCertificate(renewals) },
                NodeCertificate(name: "serving-kubelet", live: servingIdentity) { try await bootstrap.requestServingCertificate(renewals) },
            ], logger: logger)
        let group = ServiceGroup(
            configuration: .stoppingOnSignals([.init(service: service), .init(service: rotation), .init(service: MemoryTrimService())], logger: logger))
        try await group.run()
        await renewals.shutdown()
    }
}
