import Crypto
import Foundation
import SwiftASN1
import X509

/// A PKCS#10 certificate signing request (the `spec.request` of a certificates.k8s.io/v1
/// CertificateSigningRequest): parsed from PEM with its self-signature verified, or made for a
/// local key (what `skiff agent` sends).
public struct CertificateRequest: Sendable {
    /// The parsed request.
    public let request: CertificateSigningRequest

    /// Parses one `CERTIFICATE REQUEST` PEM block and verifies that the key it names signed it;
    /// throws for anything else (Kubernetes' "PEM block type must be CERTIFICATE REQUEST").
    public init(pem: String) throws(PKIError) {
        let parsed: CertificateSigningRequest
        do {
            let document = try PEMDocument(pemString: pem)
            guard document.discriminator == "CERTIFICATE REQUEST" else {
                throw PKIError("PEM block type must be CERTIFICATE REQUEST")
            }
            parsed = try CertificateSigningRequest(derEncoded: document.derBytes)
        } catch let error as PKIError {
            throw error
        } catch {
            throw PKIError("the request is not a PEM certificate request", cause: error)
        }
        guard parsed.publicKey.isValidSignature(parsed.signature, for: parsed) else {
            throw PKIError("the request's signature does not verify with its public key")
        }
        request = parsed
    }

    /// A new request for `key` (a fresh one when not given), naming `commonName` and `organizations`, asking for the DNS
    /// and IP subject alternative names given; returns its PEM text.
    public static func make(
        commonName: String, organizations: [String] = [], dnsNames: [String] = [], ipAddresses: [String] = [],
        key: P256.Signing.PrivateKey = P256.Signing.PrivateKey()
    ) throws(PKIError) -> String {
        let profile = CertificateProfile(
            commonName: commonName, organizations: organizations, dnsNames: dnsNames, ipAddresses: ipAddresses,
            usage: .client)
        let names = try profile.alternativeNames()
        do {
            var attributes = CertificateSigningRequest.Attributes()
            if !names.isEmpty {
                let extensions = try Certificate.Extensions { SubjectAlternativeNames(names) }
                attributes.insert(try .init(ExtensionRequest(extensions: extensions)))
            }
            let csr = try CertificateSigningRequest(
                version: .v1, subject: try profile.subject(), privateKey: Certificate.PrivateKey(key), attributes: attributes,
                signatureAlgorithm: .ecdsaWithSHA256)
            return try csr.serializeAsPEM().pemString
        } catch {
            throw PKIError("cannot make a certificate request for \(commonName)", cause: error)
        }
    }

    /// The subject's first CN, or "".
    public var commonName: String { request.subject.commonNames.first ?? "" }
    /// The subject's O values, in order.
    public var organizations: [String] { request.subject.organizations }

    /// The requested subject alternative names, by kind.
    public var alternativeNames: (dns: [String], ips: [String], emails: [String], uris: [String]) {
        var dns: [String] = [], ips: [String] = [], emails: [String] = [], uris: [String] = []
        let requested = (try? request.attributes.extensionRequest)?.extensions
        let names: [GeneralName] = requested.flatMap { try? $0.subjectAlternativeNames }.map { Array($0) } ?? []
        for name in names {
            switch name {
            case .dnsName(let value): dns.append(value)
            case .ipAddress(let octets): ips.append(IPAddressBytes.format(Array(octets.bytes)) ?? "")
            case .rfc822Name(let value): emails.append(value)
            case .uniformResourceIdentifier(let value): uris.append(value)
            default: break
            }
        }
        return (dns, ips, emails, uris)
    }
}

extension CertificateAuthority {
    /// Signs `request` as Kubernetes' signers do: the request's subject, public key and
    /// subject alternative names; key usages and extended key usages from the CSR's `usages`
    /// (`digital signature`, `key encipherment`, `client auth`, `server auth`, ...); valid from
    /// five minutes before `now` (clock skew) for `validity`, never past this CA's own expiry.
    /// Returns the certificate as PEM.
    public func sign(_ request: CertificateRequest, usages: [String], validity: TimeInterval, now: Date) throws(PKIError) -> String {
        do {
            let requested = (try? request.request.attributes.extensionRequest)?.extensions
            let alternativeNames = requested.flatMap { try? $0.subjectAlternativeNames }
            let caKeyIdentifier = (try? certificate.extensions.subjectKeyIdentifier)?.keyIdentifier
                ?? SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
            let keyUsage = KeyUsage(
                digitalSignature: usages.contains("digital signature") || usages.contains("signing"),
                nonRepudiation: usages.contains("content commitment"),
                keyEncipherment: usages.contains("key encipherment"),
                dataEncipherment: usages.contains("data encipherment"), keyAgreement: usages.contains("key agreement"),
                keyCertSign: false, cRLSign: false, encipherOnly: usages.contains("encipher only"),
                decipherOnly: usages.contains("decipher only"))
            var extended: [ExtendedKeyUsage.Usage] = []
            if usages.contains("server auth") { extended.append(.serverAuth) }
            if usages.contains("client auth") { extended.append(.clientAuth) }
            if usages.contains("code signing") { extended.append(.codeSigning) }
            if usages.contains("email protection") { extended.append(.emailProtection) }
            if usages.contains("timestamping") { extended.append(.timeStamping) }
            if usages.contains("ocsp signing") { extended.append(.ocspSigning) }
            if usages.contains("any") { extended.append(.any) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                // No key usage asked: no extension (as Go's x509 writes it; an empty one is invalid).
                if keyUsage != KeyUsage() { Critical(keyUsage) }
                if !extended.isEmpty { try ExtendedKeyUsage(extended) }
                AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier)
                if let alternativeNames, !alternativeNames.isEmpty { alternativeNames }
            }
            let leaf = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: request.request.publicKey,
                notValidBefore: now.addingTimeInterval(-5 * 60),
                notValidAfter: min(now.addingTimeInterval(validity), certificate.notValidAfter),
                issuer: certificate.subject, subject: request.request.subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions, issuerPrivateKey: identity.privateKey)
            return try leaf.serializeAsPEM().pemString
        } catch {
            throw PKIError("cannot sign the certificate request of \(request.commonName)", cause: error)
        }
    }
}
