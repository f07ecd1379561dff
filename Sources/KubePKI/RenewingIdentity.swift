import Foundation
import NIOCore
import NIOSSL
import Synchronization

/// A serving identity that renews itself: holds the current leaf `<name>` of a `ClusterPKI`,
/// reissues it when within 90 days of expiry, and hands the current certificate and key to
/// every new TLS handshake (through `TLSConfiguration.sslContextCallback`), so that a renewal
/// takes effect without restarting the listener.
public final class RenewingIdentity: Sendable {
    /// The file name of the leaf under the PKI folder, e.g. `serving-kube-apiserver`.
    public let name: String
    /// What the leaf must say.
    public let profile: CertificateProfile
    private let pki: ClusterPKI
    private let state: Mutex<Current>

    private struct Current: Sendable {
        var identity: CertifiedKey
        var override: NIOSSLContextConfigurationOverride
    }

    /// Loads (or issues) the leaf at `now`.
    public init(pki: ClusterPKI, name: String, profile: CertificateProfile, now: Date) throws(PKIError) {
        self.pki = pki
        self.name = name
        self.profile = profile
        let identity = try pki.leaf(name, profile, now: now)
        state = Mutex(Current(identity: identity, override: try Self.override(identity)))
    }

    /// The certificate and key handshakes use now.
    public var current: CertifiedKey { state.withLock { $0.identity } }

    /// Reissues the leaf when it is within 90 days of expiry at `now`; true when it did.
    @discardableResult
    public func renewIfNeeded(now: Date) throws(PKIError) -> Bool {
        guard current.needsRenewal(now: now) else { return false }
        let renewed = try pki.leaf(name, profile, now: now)
        let override = try Self.override(renewed)
        state.withLock { $0 = Current(identity: renewed, override: override) }
        return true
    }

    /// The callback giving each handshake the current certificate and key.
    var contextCallback: NIOSSLContextCallback {
        { [self] _, promise in promise.succeed(self.state.withLock { $0.override }) }
    }

    private static func override(_ identity: CertifiedKey) throws(PKIError) -> NIOSSLContextConfigurationOverride {
        var override = NIOSSLContextConfigurationOverride()
        do {
            override.certificateChain = [.certificate(try NIOSSLCertificate(bytes: identity.certificateDER, format: .der))]
            override.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem))
        } catch {
            throw PKIError("cannot load \(identity.commonName)'s certificate for TLS", cause: error)
        }
        return override
    }
}

extension TLSSettings {
    /// `server(identity:requireClientsOf:)` presenting whatever `identity` holds at each
    /// handshake, so that renewals apply to new connections at once.
    public static func server(renewing identity: RenewingIdentity, requireClientsOf clientCA: CertificateAuthority? = nil) throws(PKIError) -> TLSConfiguration {
        var configuration = try server(identity: identity.current, requireClientsOf: clientCA)
        configuration.sslContextCallback = identity.contextCallback
        return configuration
    }
}
