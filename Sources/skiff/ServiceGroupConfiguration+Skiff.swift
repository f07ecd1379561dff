import Logging
import ServiceLifecycle

extension ServiceGroupConfiguration {
    /// How every skiff command runs its services: SIGTERM and SIGINT stop them gracefully, in
    /// reverse order; what still runs a minute later is cancelled, so that a stop that waits on a
    /// client (an open exec session, a watch) ends all the same.
    static func stoppingOnSignals(_ services: [ServiceConfiguration], logger: Logger) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(60)
        return configuration
    }
}
