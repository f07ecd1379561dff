import Foundation
import X509

/// The certificates of a cluster on disk, laid out as k3s lays them out under its data dir:
/// `<data-dir>/server/tls/server-ca.crt|key` (signs serving certificates),
/// `client-ca.crt|key` (signs client certificates), and one `<name>.crt|key` per leaf.
/// CAs are made on first start and reused after; leaves are reissued when missing, when within
/// 90 days of expiry, or when what they must say changed (e.g. a new `--tls-san`).
public struct ClusterPKI: Sendable {
    /// The folder holding the files, `<data-dir>/server/tls`.
    public let directory: String
    /// Signs the API server's and kubelets' serving certificates; clients trust it.
    public let serverCA: CertificateAuthority
    /// Signs client certificates; the API server and kubelets authenticate clients with it.
    public let clientCA: CertificateAuthority

    /// Loads the two CAs under `<dataDir>/server/tls`, generating (and saving) any that is missing.
    public static func loadOrCreate(dataDir: String, now: Date) throws(PKIError) -> ClusterPKI {
        let directory = "\(dataDir)/server/tls"
        let stamp = Int(now.timeIntervalSince1970)
        func authority(_ name: String) throws(PKIError) -> CertificateAuthority {
            if let pair = try PEMFile.readPair("\(directory)/\(name)") { return CertificateAuthority(identity: pair) }
            let made = try CertificateAuthority.generate(commonName: "skiff-\(name)@\(stamp)", now: now)
            try PEMFile.writePair(made.identity, to: "\(directory)/\(name)")
            return made
        }
        return ClusterPKI(directory: directory, serverCA: try authority("server-ca"), clientCA: try authority("client-ca"))
    }

    /// The path of `<name>.crt` (`.key` beside it).
    public func certificatePath(_ name: String) -> String { "\(directory)/\(name).crt" }

    /// The path of `<name>.key`.
    public func keyPath(_ name: String) -> String { "\(directory)/\(name).key" }

    /// The leaf `<name>`: the saved one when it still says what `profile` says and is not
    /// within 90 days of expiry at `now`; else a new one issued by the CA `profile.usage` calls
    /// for (server CA for serving certificates, client CA for client certificates) and saved.
    public func leaf(_ name: String, _ profile: CertificateProfile, now: Date) throws(PKIError) -> CertifiedKey {
        let base = "\(directory)/\(name)"
        let authority = profile.usage == .server ? serverCA : clientCA
        if let existing = try? PEMFile.readPair(base), !existing.needsRenewal(now: now),
            Self.matches(existing, profile, authority: authority)
        {
            return existing
        }
        let issued = try authority.issue(profile, now: now)
        try PEMFile.writePair(issued, to: base)
        return issued
    }

    /// True when `pair` was issued by `authority` and carries the subject and at least the
    /// names `profile` asks for.
    static func matches(_ pair: CertifiedKey, _ profile: CertificateProfile, authority: CertificateAuthority) -> Bool {
        let certificate = pair.certificate
        guard certificate.issuer == authority.certificate.subject,
            authority.certificate.publicKey.isValidSignature(certificate.signature, for: certificate),
            pair.commonName == profile.commonName,
            certificate.subject.organizations == profile.organizations
        else { return false }
        let names: [GeneralName] = (try? certificate.extensions.subjectAlternativeNames).map { Array($0) } ?? []
        var dns = Set<String>()
        var ips = Set<String>()
        for name in names {
            switch name {
            case .dnsName(let value): dns.insert(value)
            case .ipAddress(let octets):
                if let text = IPAddressBytes.format(Array(octets.bytes)) { ips.insert(text) }
            default: break
            }
        }
        let wantedIPs = profile.ipAddresses.compactMap { IPAddressBytes.parse($0).flatMap(IPAddressBytes.format) }
        return Set(profile.dnsNames).isSubset(of: dns) && Set(wantedIPs).isSubset(of: ips)
    }
}
