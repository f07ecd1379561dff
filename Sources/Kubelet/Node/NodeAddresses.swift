import Foundation
import KubeAPI

#if canImport(Glibc)
    import Glibc
#endif

/// Finds the node's InternalIP as the kubelet does without a cloud provider: the address the
/// host would send from to reach the API server, unless that is loopback.
enum NodeAddresses {
    /// The InternalIP for a kubelet talking to `apiServer` (a URL such as `https://10.0.0.1:6443`).
    static func internalIP(apiServer: String) -> String {
        if let host = URL(string: apiServer)?.host, let source = sourceAddress(toward: host), !source.hasPrefix("127.") {
            return source
        }
        return firstNonLoopbackIPv4() ?? "127.0.0.1"
    }

    /// The local IPv4 address a UDP socket connected to `host` is bound to (no packet is sent).
    static func sourceAddress(toward host: String) -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "53", &hints, &result) == 0, let info = result else { return nil }
        defer { freeaddrinfo(result) }
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else { return nil }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard ok == 0 else { return nil }
        return format(local.sin_addr)
    }

    /// The first IPv4 address of an interface that is up and not loopback.
    static func firstNonLoopbackIPv4() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var cursor = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int32(entry.pointee.ifa_flags)
            guard let addr = entry.pointee.ifa_addr, addr.pointee.sa_family == sa_family_t(AF_INET),
                flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0
            else { continue }
            let v4 = addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            return format(v4)
        }
        return nil
    }

    static func format(_ address: in_addr) -> String {
        var copy = address
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        guard inet_ntop(AF_INET, &copy, &buffer, socklen_t(buffer.count)) != nil else { return "" }
        return String(cBuffer: buffer)
    }
}
