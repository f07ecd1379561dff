import NIOSSL
import X509

/// The TLS settings of the cluster's listeners and clients: TLS 1.2 or 1.3, ECDSA P-256
/// identities issued by the cluster CAs.
public enum TLSSettings {
    /// A server configuration presenting `identity`. With `clientCA`, client certificates
    /// issued by it are required and verified in the handshake (the kubelet API); without it, they
    /// are requested but optional, and verified by whoever reads them (the API server's x509
    /// authenticator, as Kubernetes' `RequestClientCert`).
    public static func server(identity: CertifiedKey, requireClientsOf clientCA: CertificateAuthority? = nil) throws(PKIError) -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate(bytes: identity.certificateDER, format: .der)
            let key = try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(chain)], privateKey: .privateKey(key))
            configuration.minimumTLSVersion = .tlsv12
            if let clientCA {
                configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: clientCA.identity.certificateDER, format: .der)])
                configuration.certificateVerification = .noHostnameVerification
            } else {
                configuration.certificateVerification = .optionalVerification
            }
            return configuration
        } catch {
            throw PKIError("cannot build the TLS server configuration for \(identity.commonName)", cause: error)
        }
    }

    /// A client configuration trusting `serverCA` only and presenting `identity` when given.
    public static func client(trusting serverCA: CertificateAuthority, identity: CertifiedKey? = nil) throws(PKIError) -> TLSConfiguration {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: serverCA.identity.certificateDER, format: .der)])
            if let identity {
                configuration.certificateChain = [.certificate(try NIOSSLCertificate(bytes: identity.certificateDER, format: .der))]
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem))
            }
            return configuration
        } catch {
            throw PKIError("cannot build the TLS client configuration", cause: error)
        }
    }
}
