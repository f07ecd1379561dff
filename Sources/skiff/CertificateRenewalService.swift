import Foundation
import KubePKI
import Logging
import ServiceLifecycle

/// A certificate this process presents that it can renew while it runs.
protocol RenewableCertificate: Sendable {
    /// The certificate's file name, e.g. `serving-kube-apiserver`.
    var name: String { get }
    /// When the certificate presented now expires.
    var notValidAfter: Date { get }
    /// Renews the certificate when it is within 90 days of expiry at `now`; true when it did.
    func renewIfNeeded(now: Date) async throws -> Bool
}

extension RenewingIdentity: RenewableCertificate {
    var notValidAfter: Date { current.certificate.notValidAfter }
}

/// A joined agent's kubelet certificate (client or serving), renewed through a new
/// CertificateSigningRequest made as the node, which the controller manager approves
/// (`selfnodeclient`, or a serving request naming the node) and signs.
struct NodeCertificate: RenewableCertificate {
    let name: String
    /// What TLS presents; replaced once the new certificate is issued.
    let live: LiveIdentity
    /// Asks for a new certificate on a new key and writes both to disk.
    let request: @Sendable () async throws -> CertifiedKey

    var notValidAfter: Date { live.current.certificate.notValidAfter }

    func renewIfNeeded(now: Date) async throws -> Bool {
        guard live.current.needsRenewal(now: now) else { return false }
        try live.replace(with: try await request())
        return true
    }
}

/// Renews certificates within 90 days of expiry while the process runs: checks at start and
/// every hour, and a renewed certificate is presented from the next TLS handshake on (no
/// restart), by servers and clients alike.
struct CertificateRenewalService: Service {
    let certificates: [any RenewableCertificate]
    let logger: Logger
    /// How often to check.
    var interval: Duration = .seconds(3600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await renewDue(now: Date())
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Renews every certificate due at `now`, logging what it did and what failed.
    func renewDue(now: Date) async {
        for certificate in certificates {
            do {
                if try await certificate.renewIfNeeded(now: now) {
                    logger.notice("renewed certificate \(certificate.name), valid until \(certificate.notValidAfter)")
                }
            } catch {
                logger.error("cannot renew certificate \(certificate.name): \(error)")
            }
        }
    }
}
