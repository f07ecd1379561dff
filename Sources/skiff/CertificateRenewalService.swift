import Foundation
import KubePKI
import Logging
import ServiceLifecycle

/// Renews serving certificates within 90 days of expiry while the server runs: checks every
/// hour, and a renewed certificate is presented from the next TLS handshake on (no restart).
struct CertificateRenewalService: Service {
    let identities: [RenewingIdentity]
    let logger: Logger
    /// How often to check.
    var interval: Duration = .seconds(3600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for identity in identities {
                    do {
                        if try identity.renewIfNeeded(now: Date()) {
                            logger.notice("renewed certificate \(identity.name), valid until \(identity.current.certificate.notValidAfter)")
                        }
                    } catch {
                        logger.error("cannot renew certificate \(identity.name): \(error)")
                    }
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
