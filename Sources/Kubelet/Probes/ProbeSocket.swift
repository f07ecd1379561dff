import Foundation
import KubeAPI

#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue)
#elseif canImport(Darwin)
import Darwin
private let streamSocket = SOCK_STREAM
#endif

/// A failure in Go's words, as Kubernetes' probes report it (`dial tcp 10.42.0.5:8080: connect:
/// connection refused`, `i/o timeout`, `EOF`).
struct ProbeIOError: Error, CustomStringConvertible {
    var description: String
    /// Whether the deadline passed (rather than the peer refusing or closing).
    var timedOut = false
}

/// A blocking IPv4 TCP connection used by the HTTP and TCP probes. Every operation honours one
/// deadline, the probe's `timeoutSeconds`; the connection is closed when the object goes away.
final class ProbeSocket {
    private let fd: Int32
    /// The peer as `ip:port`.
    let peer: String

    private init(fd: Int32, peer: String) {
        self.fd = fd
        self.peer = peer
    }

    deinit { close(fd) }

    /// Connects to `host` (an IPv4 address or a name resolved to one) on `port` before `deadline`.
    static func connect(host: String, port: Int, deadline: ContinuousClock.Instant) throws(ProbeIOError) -> ProbeSocket {
        let address = try resolve(host)
        let peer = "\(address):\(port)"
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &sin.sin_addr) == 1 else {
            throw ProbeIOError(description: "dial tcp: address \(peer): invalid address")
        }
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw ProbeIOError(description: "dial tcp \(peer): socket: \(Self.goError(errno))") }
        let connection = ProbeSocket(fd: fd, peer: peer)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let started = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if started == 0 { return connection }
        guard errno == EINPROGRESS else {
            throw ProbeIOError(description: "dial tcp \(peer): connect: \(Self.goError(errno))")
        }
        guard try connection.wait(for: Int16(POLLOUT), until: deadline) else {
            throw ProbeIOError(description: "dial tcp \(peer): i/o timeout", timedOut: true)
        }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
        guard failure == 0 else { throw ProbeIOError(description: "dial tcp \(peer): connect: \(goError(failure))") }
        return connection
    }

    /// Sends all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ProbeIOError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                guard try wait(for: Int16(POLLOUT), until: deadline) else {
                    throw ProbeIOError(description: "write tcp \(peer): i/o timeout", timedOut: true)
                }
            } else if errno != EINTR {
                throw ProbeIOError(description: "write tcp \(peer): \(Self.goError(errno))")
            }
        }
    }

    /// Reads what is available, waiting until `deadline`; an empty array means the peer closed.
    func receive(deadline: ContinuousClock.Instant, maximum: Int = 4096) throws(ProbeIOError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(buffer[0..<count]) }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                guard try wait(for: Int16(POLLIN), until: deadline) else {
                    throw ProbeIOError(description: "read tcp \(peer): i/o timeout", timedOut: true)
                }
            } else if errno != EINTR {
                throw ProbeIOError(description: "read tcp \(peer): \(Self.goError(errno))")
            }
        }
    }

    /// Waits until the socket is ready for `events`; false when `deadline` passed first.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(ProbeIOError) -> Bool {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { throw ProbeIOError(description: "poll: \(Self.goError(errno))") }
        }
    }

    /// An IPv4 address for `host`: itself when it is one, else the first the resolver gives.
    private static func resolve(_ host: String) throws(ProbeIOError) -> String {
        var probe = in_addr()
        if inet_pton(AF_INET, host, &probe) == 1 { return host }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = streamSocket
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list, let address = first.pointee.ai_addr else {
            throw ProbeIOError(description: "dial tcp: lookup \(host): no such host")
        }
        defer { freeaddrinfo(list) }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        let found = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin -> Bool in
            var raw = sin.pointee.sin_addr
            return inet_ntop(AF_INET, &raw, &text, socklen_t(INET_ADDRSTRLEN)) != nil
        }
        guard found else { throw ProbeIOError(description: "dial tcp: lookup \(host): no such host") }
        return String(cBuffer: text)
    }

    /// An errno in Go's words: the C text with a lower-case first letter (`connection refused`).
    static func goError(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
