import Foundation
import SwiftASN1
import X509

/// What a leaf certificate says: its subject, its names and what it may be used for.
public struct CertificateProfile: Sendable, Hashable {
    /// What a certificate's key may be used for (its extended key usage).
    public enum Usage: Sendable, Hashable {
        /// A TLS server (serverAuth).
        case server
        /// A TLS client (clientAuth).
        case client
    }

    /// The subject's CN: the user name of a client certificate.
    public var commonName: String
    /// The subject's O values: the groups of a client certificate.
    public var organizations: [String]
    /// DNS subject alternative names.
    public var dnsNames: [String]
    /// IP subject alternative names, as text (`127.0.0.1`, `::1`).
    public var ipAddresses: [String]
    /// What the key may be used for.
    public var usage: Usage
    /// How long the certificate is valid from issue (one year by default).
    public var validity: TimeInterval

    /// One year, the validity of every leaf certificate the cluster issues.
    public static let oneYear: TimeInterval = 365 * 24 * 3600

    public init(
        commonName: String, organizations: [String] = [], dnsNames: [String] = [], ipAddresses: [String] = [],
        usage: Usage, validity: TimeInterval = CertificateProfile.oneYear
    ) {
        self.commonName = commonName
        self.organizations = organizations
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.usage = usage
        self.validity = validity
    }

    /// A client identity: CN = user, O = groups.
    public static func client(_ user: String, groups: [String] = []) -> CertificateProfile {
        CertificateProfile(commonName: user, organizations: groups, usage: .client)
    }

    /// A serving identity for `dnsNames` and `ipAddresses`.
    public static func server(_ commonName: String, dnsNames: [String], ipAddresses: [String]) -> CertificateProfile {
        CertificateProfile(commonName: commonName, dnsNames: dnsNames, ipAddresses: ipAddresses, usage: .server)
    }

    /// The subject distinguished name (O values first, then CN, as Kubernetes' tools write it).
    func subject() throws -> DistinguishedName {
        var rdns: [RelativeDistinguishedName] = organizations.map {
            RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationName, utf8String: $0))
        }
        rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: commonName)))
        return DistinguishedName(rdns)
    }

    /// The subject alternative names; throws for an IP address that does not parse.
    func alternativeNames() throws(PKIError) -> [GeneralName] {
        var names = dnsNames.map { GeneralName.dnsName($0) }
        for address in ipAddresses {
            guard let bytes = IPAddressBytes.parse(address) else { throw PKIError("invalid IP address \(address)") }
            names.append(.ipAddress(ASN1OctetString(contentBytes: bytes[...])))
        }
        return names
    }
}

/// IP addresses as the bytes an IP subject alternative name holds.
public enum IPAddressBytes {
    /// The 4 or 16 bytes of an IPv4 or IPv6 address; nil when `text` is neither.
    public static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// The text form of 4 or 16 address bytes; nil for any other length.
    public static func format(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        return ok ? String(cString: buffer) : nil
    }
}
