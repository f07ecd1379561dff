import ArgumentParser
import class KubeAPI.ReadySignal
import KubeClient
import KubeScheduler
import Logging
import ServiceLifecycle

/// `skiff scheduler`: the scheduler alone, as a client of an API server. Several may run; they
/// elect one leader through the `kube-system/kube-scheduler` Lease.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler", abstract: "Run the Skiff scheduler against an API server.")

    @Option(help: "Kubeconfig naming the API server.")
    var kubeconfig: String

    @Flag(name: .customLong("leader-elect"), inversion: .prefixedNo, help: "Elect one active scheduler through a Lease.")
    var leaderElect = true

    @Option(name: .customLong("scheduler-name"), help: "Schedule pods whose spec.schedulerName is this.")
    var schedulerName = "default-scheduler"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func run() async throws {
        var logger = Logger(label: "skiff.scheduler")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let config = try ClientConfig.fromKubeconfig(path: kubeconfig, userAgent: "skiff-scheduler")
        var settings = Scheduler.Configuration()
        settings.schedulerName = schedulerName
        let service = SchedulerService(client: config, settings: settings, leaderElect: leaderElect, logger: logger)
        let group = ServiceGroup(
            configuration: .stoppingOnSignals([.init(service: service), .init(service: MemoryTrimService())], logger: logger))
        try await group.run()
    }
}

/// Runs the scheduler as a client of the API server at `server` until shutdown, behind leader
/// election when asked. Losing leadership ends the process with an error, as in Kubernetes, so
/// that a supervisor restarts it as a fresh candidate.
struct SchedulerService: Service {
    let client: ClientConfig
    let settings: Scheduler.Configuration
    let leaderElect: Bool
    /// Campaign again after losing leadership instead of ending (inside `skiff server`).
    var rejoin = false
    /// What to wait for before the first request (the in-process listener), if anything.
    var startAfter: ReadySignal?
    let logger: Logger

    func run() async throws {
        let client = KubeClient(config: self.client, maxConnections: 64)
        let (settings, logger) = (self.settings, self.logger)
        try await runLeading(
            client, lease: "kube-scheduler", leaderElect: leaderElect, rejoin: rejoin, startAfter: startAfter, logger: logger
        ) {
            await Scheduler(client: client, configuration: settings, logger: logger).run()
        }
    }
}
