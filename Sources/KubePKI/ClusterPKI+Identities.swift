import Foundation

/// The identities of a cluster's components, named as Kubernetes and k3s name them.
extension CertificateProfile {
    /// The admin: `system:admin` in `system:masters` (the admin kubeconfig).
    public static let admin = CertificateProfile.client("system:admin", groups: ["system:masters"])
    /// The controller manager's client identity.
    public static let controllerManager = CertificateProfile.client("system:kube-controller-manager")
    /// The scheduler's client identity.
    public static let scheduler = CertificateProfile.client("system:kube-scheduler")
    /// The API server's client identity toward kubelets (`system:apiserver` in `system:masters`,
    /// as k3s' `client-kube-apiserver.crt`).
    public static let apiServerKubeletClient = CertificateProfile.client("system:apiserver", groups: ["system:masters"])

    /// A kubelet's client identity: `system:node:<node>` in `system:nodes`.
    public static func kubeletClient(node: String) -> CertificateProfile {
        .client("system:node:\(node)", groups: ["system:nodes"])
    }

    /// A kubelet's serving certificate: named for the node, valid for its name, `localhost` and
    /// its addresses.
    public static func kubeletServing(node: String, addresses: [String]) -> CertificateProfile {
        .server(node, dnsNames: unique([node, "localhost"]), ipAddresses: unique(["127.0.0.1", "::1"] + addresses))
    }

    /// The API server's serving certificate: `localhost`, `hostname`, `kubernetes`,
    /// `kubernetes.default`, `kubernetes.default.svc`, `kubernetes.default.svc.cluster.local`,
    /// 127.0.0.1, ::1, the first service IP, `addresses`, and each extra name (`--tls-san`: an IP
    /// address or a DNS name).
    public static func apiServerServing(
        hostname: String, serviceIP: String, addresses: [String], extraNames: [String] = []
    ) -> CertificateProfile {
        var dns = ["localhost", hostname, "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                   "kubernetes.default.svc.cluster.local"]
        var ips = ["127.0.0.1", "::1", serviceIP] + addresses
        for name in extraNames where !name.isEmpty {
            if IPAddressBytes.parse(name) != nil { ips.append(name) } else { dns.append(name) }
        }
        return .server("kube-apiserver", dnsNames: unique(dns.filter { !$0.isEmpty }), ipAddresses: unique(ips))
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

/// Facts about this host and the service network that serving certificates name.
public enum HostAddresses {
    /// The first address of an IPv4 CIDR (`10.43.0.0/16` → `10.43.0.1`), the `kubernetes`
    /// Service's cluster IP; nil when `cidr` is not an IPv4 CIDR.
    public static func firstServiceIP(cidr: String) -> String? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (0...30).contains(prefix),
            let bytes = IPAddressBytes.parse(String(parts[0])), bytes.count == 4
        else { return nil }
        let value = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
        let first = (value & mask) + 1
        return IPAddressBytes.format([24, 16, 8, 0].map { UInt8(truncatingIfNeeded: first >> $0) })
    }

    /// The IPv4 and IPv6 addresses of this host's interfaces that are up, loopback and
    /// link-local excluded.
    public static func interfaceAddresses() -> [String] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { return [] }
        defer { freeifaddrs(head) }
        var result: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int32(entry.pointee.ifa_flags)
            guard flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0, let address = entry.pointee.ifa_addr else { continue }
            var bytes: [UInt8] = []
            if Int32(address.pointee.sa_family) == AF_INET {
                var sin = sockaddr_in()
                memcpy(&sin, address, MemoryLayout<sockaddr_in>.size)
                bytes = withUnsafeBytes(of: &sin.sin_addr) { Array($0) }
            } else if Int32(address.pointee.sa_family) == AF_INET6 {
                var sin6 = sockaddr_in6()
                memcpy(&sin6, address, MemoryLayout<sockaddr_in6>.size)
                bytes = withUnsafeBytes(of: &sin6.sin6_addr) { Array($0) }
                if bytes[0] == 0xfe, bytes[1] & 0xc0 == 0x80 { continue }
            }
            if let text = IPAddressBytes.format(bytes), !result.contains(text) { result.append(text) }
        }
        return result
    }
}
