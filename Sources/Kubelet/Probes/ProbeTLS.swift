import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import NIOCore
import NIOEmbedded
import NIOSSL

/// A connection an httpGet probe talks HTTP over: plain TCP, or TLS on top of it.
protocol ProbeConnection: AnyObject {
    /// Sends all of `bytes` before `deadline`.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ProbeIOError)
    /// What arrives next, waiting until `deadline`; empty once the peer closed.
    func read(deadline: ContinuousClock.Instant) throws(ProbeIOError) -> [UInt8]
}

extension ProbeSocket: ProbeConnection {
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ProbeIOError) {
        try send(bytes, deadline: deadline)
    }

    func read(deadline: ContinuousClock.Instant) throws(ProbeIOError) -> [UInt8] {
        try receive(deadline: deadline, maximum: 4096)
    }
}

/// TLS over a blocking `ProbeSocket`, as the kubelet's HTTPS probes do it: no certificate
/// verification (Go's `InsecureSkipVerify`), SNI only for a host name. SwiftNIO's TLS handler
/// runs in an `EmbeddedChannel`; this class moves its ciphertext to and from the socket.
final class ProbeTLSConnection: ProbeConnection {
    private let socket: ProbeSocket
    private let channel: EmbeddedChannel

    /// Shared client context: TLS 1.2+, no verification.
    private static let context: Result<NIOSSLContext, ProbeIOError> = {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        do {
            return .success(try NIOSSLContext(configuration: configuration))
        } catch {
            return .failure(ProbeIOError(description: "tls: \(error)"))
        }
    }()

    /// Starts a TLS session with `host` over `socket` (the handshake completes with the first
    /// exchange).
    init(socket: ProbeSocket, host: String) throws(ProbeIOError) {
        self.socket = socket
        let context = try Self.context.get()
        let isAddress = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        let handler: NIOSSLClientHandler
        do {
            handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
        } catch {
            throw ProbeIOError(description: "tls: \(error)")
        }
        channel = EmbeddedChannel(handler: handler)
        // Becoming active makes the handler start the handshake (its ClientHello is outbound).
        channel.connect(to: Self.unusedAddress, promise: nil)
    }

    /// The embedded channel's made-up peer (the real one is the socket's).
    private static let unusedAddress: SocketAddress = {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        return SocketAddress(address, host: "probe")
    }()

    // Closing starts the TLS shutdown (close_notify); nothing waits for the peer's answer, the
    // socket closes with this object.
    deinit { channel.close(promise: nil) }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ProbeIOError) {
        // Not `writeOutbound`: it waits for the write, which the handler holds until the
        // handshake is done; that needs the socket pumped below.
        channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
        try flushCiphertext(deadline: deadline)
    }

    func read(deadline: ContinuousClock.Instant) throws(ProbeIOError) -> [UInt8] {
        while true {
            let plain = try readPlaintext()
            if !plain.isEmpty { return plain }
            if !channel.isActive { return [] }
            try flushCiphertext(deadline: deadline)
            let cipher = try socket.receive(deadline: deadline, maximum: 16 * 1024)
            if cipher.isEmpty {
                // The peer closed the TCP connection (with or without close_notify): EOF.
                channel.pipeline.fireChannelInactive()
                return (try? readPlaintext()) ?? []
            }
            do {
                try channel.writeInbound(ByteBuffer(bytes: cipher))
            } catch {
                throw ProbeIOError(description: Self.words(error))
            }
            try flushCiphertext(deadline: deadline)
        }
    }

    /// Decrypted bytes the handler has passed on, if any.
    private func readPlaintext() throws(ProbeIOError) -> [UInt8] {
        try drain { try channel.readInbound(as: ByteBuffer.self) }
    }

    /// Sends the ciphertext the handler produced (handshake records, requests, alerts).
    private func flushCiphertext(deadline: ContinuousClock.Instant) throws(ProbeIOError) {
        let pending = try drain { try channel.readOutbound(as: ByteBuffer.self) }
        if !pending.isEmpty { try socket.send(pending, deadline: deadline) }
    }

    /// The bytes of every buffer `next` hands out until it has none.
    private func drain(_ next: () throws -> ByteBuffer?) throws(ProbeIOError) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            while var buffer = try next() { bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        } catch {
            throw ProbeIOError(description: Self.words(error))
        }
        return bytes
    }

    /// A TLS failure in words close to Go's (`remote error: tls: ...` for alerts).
    static func words(_ error: any Error) -> String {
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .uncleanShutdown: return "unexpected EOF"
            case .handshakeFailed(let inner): return "tls: handshake failure: \(inner)"
            default: return "tls: \(ssl)"
            }
        }
        return "tls: \(error)"
    }
}
