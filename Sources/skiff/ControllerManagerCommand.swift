import ArgumentParser
import KubeControllers
import KubeClient
import Logging
import ServiceLifecycle

/// `skiff controller-manager`: the controllers alone, as clients of an API server. Several may
/// run; they elect one leader through the `kube-system/kube-controller-manager` Lease.
struct ControllerManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller-manager", abstract: "Run the Skiff controllers against an API server.")

    @Option(help: "Kubeconfig naming the API server.")
    var kubeconfig: String

    @Flag(name: .customLong("leader-elect"), inversion: .prefixedNo, help: "Elect one active controller manager through a Lease.")
    var leaderElect = true

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(name: .customLong("cluster-cidr"), help: "Range node pod CIDRs are allocated from (node IPAM is off without it).")
    var clusterCIDR: String?

    @OptionGroup var controllerFlags: ControllerFlags

    func run() async throws {
        var logger = Logger(label: "skiff.controller-manager")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let config = try ClientConfig.fromKubeconfig(path: kubeconfig, userAgent: "skiff-controller-manager")
        let group = ServiceGroup(
            configuration: .stoppingOnSignals([
                    .init(
                        service: ControllerService(
                            client: config, leaderElect: leaderElect, options: controllerFlags.options(clusterCIDR: clusterCIDR),
                            registrations: try controllerFlags.registrations(), logger: logger)),
                    .init(service: MemoryTrimService()),
                ], logger: logger))
        try await group.run()
    }
}
