import Foundation
import NIOCore
import NIOSSL
import Synchronization

/// The certificate and key a TLS endpoint presents, replaceable while connections are made:
/// every new handshake takes the current pair (through `TLSConfiguration.sslContextCallback`,
/// which BoringSSL calls on a server after the ClientHello and on a client when the server asks
/// for its certificate), so that a renewal takes effect without a restart.
public final class LiveIdentity: Sendable {
    private let state: Mutex<Current>

    private struct Current: Sendable {
        var identity: CertifiedKey
        var override: NIOSSLContextConfigurationOverride
    }

    /// Presents `identity` until replaced.
    public init(_ identity: CertifiedKey) throws(PKIError) {
        state = Mutex(Current(identity: identity, override: try Self.override(identity)))
    }

    /// The certificate and key handshakes use now.
    public var current: CertifiedKey { state.withLock { $0.identity } }

    /// Presents `identity` from the next handshake on.
    public func replace(with identity: CertifiedKey) throws(PKIError) {
        let override = try Self.override(identity)
        state.withLock { $0 = Current(identity: identity, override: override) }
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
    public static func server(presenting identity: LiveIdentity, requireClientsOf clientCA: CertificateAuthority? = nil) throws(PKIError) -> TLSConfiguration {
        var configuration = try server(identity: identity.current, requireClientsOf: clientCA)
        configuration.sslContextCallback = identity.contextCallback
        return configuration
    }

    /// `server(presenting:requireClientsOf:)` for a leaf of this machine's PKI.
    public static func server(renewing identity: RenewingIdentity, requireClientsOf clientCA: CertificateAuthority? = nil) throws(PKIError) -> TLSConfiguration {
        try server(presenting: identity.live, requireClientsOf: clientCA)
    }

    /// `client(trusting:identity:)` presenting whatever `identity` holds when a server asks for
    /// a client certificate, so that renewals apply to new connections at once.
    public static func client(trusting serverCA: CertificateAuthority, presenting identity: LiveIdentity) throws(PKIError) -> TLSConfiguration {
        var configuration = try client(trusting: serverCA, identity: identity.current)
        configuration.sslContextCallback = identity.contextCallback
        return configuration
    }
}
