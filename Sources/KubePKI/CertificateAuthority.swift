import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority of the cluster (the server CA or the client CA): a self-signed
/// ECDSA P-256 certificate and its key, which issues leaf certificates and verifies them.
public struct CertificateAuthority: Sendable {
    /// The CA certificate and its key.
    public var identity: CertifiedKey

    /// How long a generated CA is valid (ten years, as k3s' CAs).
    public static let validity: TimeInterval = 10 * 365 * 24 * 3600

    public init(identity: CertifiedKey) {
        self.identity = identity
    }

    /// The CA certificate.
    public var certificate: Certificate { identity.certificate }

    /// A new self-signed CA named `commonName` (e.g. `skiff-server-ca@1764144000`), valid from
    /// `now` for ten years.
    public static func generate(commonName: String, now: Date) throws(PKIError) -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let signingKey = Certificate.PrivateKey(key)
        do {
            let name = try DistinguishedName { CommonName(commonName) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: signingKey.publicKey)
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: signingKey.publicKey, notValidBefore: now,
                notValidAfter: now.addingTimeInterval(validity), issuer: name, subject: name,
                signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: signingKey)
            return CertificateAuthority(identity: CertifiedKey(certificate: certificate, privateKey: key))
        } catch {
            throw PKIError("cannot create the CA \(commonName)", cause: error)
        }
    }

    /// A new key and a certificate for it as `profile` says, signed by this CA, valid from `now`.
    public func issue(_ profile: CertificateProfile, now: Date) throws(PKIError) -> CertifiedKey {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PrivateKey(key).publicKey
        let names = try profile.alternativeNames()
        do {
            let subject = try profile.subject()
            let caKeyIdentifier = (try? certificate.extensions.subjectKeyIdentifier)?.keyIdentifier
                ?? SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([profile.usage == .server ? .serverAuth : .clientAuth])
                AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier)
                if !names.isEmpty { SubjectAlternativeNames(names) }
            }
            let notAfter = min(now.addingTimeInterval(profile.validity), certificate.notValidAfter)
            let leaf = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: publicKey, notValidBefore: now,
                notValidAfter: notAfter, issuer: certificate.subject, subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
                issuerPrivateKey: identity.privateKey)
            return CertifiedKey(certificate: leaf, privateKey: key)
        } catch {
            throw PKIError("cannot issue a certificate for \(profile.commonName)", cause: error)
        }
    }

    /// Why a certificate fails verification against a CA.
    public enum Rejection: Error, Sendable, Equatable {
        /// The bytes are not a certificate.
        case malformed
        /// Another CA issued it, or its signature does not verify with this CA's key.
        case unknownAuthority
        /// `now` is before its notBefore.
        case notYetValid
        /// `now` is after its notAfter.
        case expired
        /// It may not be used for what it is presented for (e.g. a serving cert as a client).
        case wrongUsage
    }

    /// Verifies that this CA issued the DER certificate `der`, that it is valid at `now`, and,
    /// when `usage` is given, that its extended key usage allows it; returns the certificate.
    public func verify(der: [UInt8], at now: Date, usage: CertificateProfile.Usage? = nil) throws(Rejection) -> Certificate {
        let leaf: Certificate
        do { leaf = try Certificate(derEncoded: der) } catch { throw .malformed }
        guard leaf.issuer == certificate.subject, certificate.publicKey.isValidSignature(leaf.signature, for: leaf) else {
            throw .unknownAuthority
        }
        guard now >= leaf.notValidBefore else { throw .notYetValid }
        guard now <= leaf.notValidAfter else { throw .expired }
        if let usage, let eku = try? leaf.extensions.extendedKeyUsage {
            let wanted: ExtendedKeyUsage.Usage = usage == .server ? .serverAuth : .clientAuth
            guard eku.contains(wanted) || eku.contains(.any) else { throw .wrongUsage }
        }
        return leaf
    }
}

/// Who a client certificate names: the user (CN) and the groups (O values).
public struct ClientIdentity: Sendable, Hashable {
    /// The subject's first CN.
    public var user: String
    /// The subject's O values, in order.
    public var groups: [String]
}

extension CertificateAuthority {
    /// Verifies the DER client certificate `der` as `verify(der:at:usage:)` does for client
    /// use, and returns who it names; `.malformed` when it names no user.
    public func verifyClient(der: [UInt8], at now: Date) throws(Rejection) -> ClientIdentity {
        try Self.clientIdentity(of: try verify(der: der, at: now, usage: .client))
    }

    /// The user (first CN) and groups (O values) a verified client certificate names.
    static func clientIdentity(of certificate: Certificate) throws(Rejection) -> ClientIdentity {
        guard let user = certificate.subject.commonNames.first, !user.isEmpty else { throw .malformed }
        return ClientIdentity(user: user, groups: certificate.subject.organizations)
    }
}
