import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate and the private key of its public key: a CA, a serving identity or a
/// client identity.
public struct CertifiedKey: Sendable {
    /// The certificate.
    public var certificate: Certificate
    /// The ECDSA P-256 private key matching `certificate.publicKey`.
    public let privateKey: Certificate.PrivateKey
    /// The private key in PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public let keyPEM: String

    /// Leaf certificates within this long of their expiry are renewed (90 days, as k3s does).
    public static let renewalWindow: TimeInterval = 90 * 24 * 3600

    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = Certificate.PrivateKey(privateKey)
        keyPEM = privateKey.pemRepresentation
    }

    /// Reads a certificate and key from PEM text; throws when either does not parse or the key
    /// does not match the certificate.
    public init(certificatePEM: String, keyPEM: String) throws(PKIError) {
        let key: P256.Signing.PrivateKey
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
            key = try P256.Signing.PrivateKey(pemRepresentation: keyPEM)
        } catch {
            throw PKIError("cannot parse certificate or key", cause: error)
        }
        privateKey = Certificate.PrivateKey(key)
        self.keyPEM = key.pemRepresentation
        guard privateKey.publicKey == certificate.publicKey else {
            throw PKIError("the private key does not match the certificate of \(commonName)")
        }
    }

    /// The certificate in PEM (`-----BEGIN CERTIFICATE-----`).
    public var certificatePEM: String {
        // Serializing a certificate this module built or parsed cannot fail.
        (try? certificate.serializeAsPEM().pemString) ?? ""
    }

    /// The certificate's DER bytes.
    public var certificateDER: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// The subject's common name (the user name of a client certificate).
    public var commonName: String { certificate.subject.commonNames.first ?? "" }

    /// True when the certificate expires within `renewalWindow` of `now` (or already has).
    public func needsRenewal(now: Date) -> Bool {
        certificate.notValidAfter.timeIntervalSince(now) <= Self.renewalWindow
    }
}

extension DistinguishedName {
    /// The values of every CN attribute, in order.
    public var commonNames: [String] { values(of: .RDNAttributeType.commonName) }

    /// The values of every O attribute, in order (the groups of a client certificate).
    public var organizations: [String] { values(of: .RDNAttributeType.organizationName) }

    private func values(of type: ASN1ObjectIdentifier) -> [String] {
        flatMap { rdn in rdn.filter { $0.type == type }.compactMap { String($0.value) } }
    }
}

extension CertifiedKey {
    /// A CA certificate read from PEM without its key (a trust anchor that verifies but never
    /// issues: `issue` with it produces certificates no one trusts).
    public init(certificatePEMOnly: String) throws(PKIError) {
        do {
            certificate = try Certificate(pemEncoded: certificatePEMOnly)
        } catch {
            throw PKIError("cannot parse certificate", cause: error)
        }
        let key = P256.Signing.PrivateKey()
        privateKey = Certificate.PrivateKey(key)
        keyPEM = key.pemRepresentation
    }
}
