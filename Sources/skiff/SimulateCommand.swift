import ArgumentParser
import KubeAPI
import KubeClient
import KubeSimulator
import Logging
import ServiceLifecycle

/// `skiff simulate`: hollow nodes that register, heartbeat and "run" the pods bound to them
/// without containers, for scale tests and capacity what-ifs.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Run hollow nodes (no containers) against an API server.")

    @Option(help: "Kubeconfig naming the API server.")
    var kubeconfig: String

    @Option(help: "How many nodes.")
    var nodes = 3

    @Option(help: "Allocatable CPU per node.")
    var cpu = "32"

    @Option(help: "Allocatable memory per node.")
    var memory = "256Gi"

    @Option(help: "Pods per node.")
    var pods = 110

    @Option(name: .customLong("name-prefix"), help: "Node names are PREFIX0, PREFIX1, ...")
    var namePrefix = "hollow-node-"

    @Option(help: "Labels on every node: key=value[,key=value...].")
    var labels = ""

    @Option(help: "Spread nodes over this many zones (label topology.kubernetes.io/zone); 0 for none.")
    var zones = 0

    @Option(help: "Taints on every node: key[=value]:Effect[,...].")
    var taints = ""

    @Option(name: .customLong("pod-cidr"), help: "Range the nodes' /24 pod ranges are cut from.")
    var podCIDR = "10.128.0.0/9"

    @Option(name: .customLong("lease-interval"), help: "Seconds between Lease renewals of each node.")
    var leaseInterval = 10.0

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard nodes > 0 else { throw ValidationError("--nodes must be positive") }
        _ = try parsedLabels()
        _ = try parsedTaints()
        for (flag, text) in [("--cpu", cpu), ("--memory", memory)] {
            do { _ = try Quantity(parsing: text) } catch { throw ValidationError("\(flag): \(error.message)") }
        }
    }

    func run() async throws {
        var logger = Logger(label: "skiff.simulate")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let clientConfig = try ClientConfig.fromKubeconfig(path: kubeconfig, userAgent: "skiff-simulate")
        let client = KubeClient(config: clientConfig, maxConnections: 64)
        var config = HollowNodeConfig(count: nodes)
        config.cpu = cpu
        config.memory = memory
        config.pods = pods
        config.namePrefix = namePrefix
        config.labels = try parsedLabels()
        config.taints = try parsedTaints()
        config.zones = zones
        config.podCIDR = podCIDR
        config.leaseInterval = .milliseconds(Int(leaseInterval * 1000))
        let fleet = try HollowFleet(client: client, config: config, logger: logger)
        try await fleet.register()
        let group = ServiceGroup(
            configuration: .stoppingOnSignals([.init(service: FleetService(fleet: fleet)), .init(service: MemoryTrimService())], logger: logger))
        try await group.run()
        await client.shutdown()
    }

    func parsedLabels() throws -> [String: String] {
        var out: [String: String] = [:]
        for item in labels.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, !kv[0].isEmpty else { throw ValidationError("--labels: expected key=value, got \(item)") }
            out[String(kv[0])] = String(kv[1])
        }
        return out
    }

    func parsedTaints() throws -> [Taint] {
        try taints.split(separator: ",").map { item in
            let parts = item.split(separator: ":")
            guard parts.count == 2, ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(String(parts[1])) else {
                throw ValidationError("--taints: expected key[=value]:NoSchedule|PreferNoSchedule|NoExecute, got \(item)")
            }
            let kv = parts[0].split(separator: "=", maxSplits: 1)
            guard let key = kv.first, !key.isEmpty else { throw ValidationError("--taints: empty key in \(item)") }
            return Taint(key: String(key), value: kv.count > 1 ? String(kv[1]) : nil, effect: String(parts[1]))
        }
    }
}

/// Runs a fleet until shutdown.
struct FleetService: ServiceLifecycle.Service {
    let fleet: HollowFleet
    func run() async throws { await cancelWhenGracefulShutdown { await fleet.run() } }
}
