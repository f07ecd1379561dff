import Hummingbird
import NIOCore
import NIOSSL
import Synchronization

/// The request context of the API server's responder: Hummingbird's core context plus the
/// connection the request came on, from which the TLS client certificate is read.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

/// The client certificate a TLS connection presented, read from the TLS handler once per
/// connection (the handshake is over before the first request) and kept until it closes.
enum PeerCertificates {
    /// The DER bytes of the certificate the client presented in the handshake on `channel`
    /// (leaf only: the cluster's CAs sign client certificates directly); empty on plain HTTP
    /// or when the client presented none.
    static func of(_ channel: any Channel) async -> [[UInt8]] {
        let key = ObjectIdentifier(channel)
        if let known = byConnection.withLock({ $0[key] }) { return known }
        let certificates = await read(channel)
        // Forgotten when the connection closes, before the channel (and its identifier) can go.
        guard byConnection.withLock({ $0.updateValue(certificates, forKey: key) }) == nil else { return certificates }
        channel.closeFuture.whenComplete { _ in _ = byConnection.withLock { $0.removeValue(forKey: key) } }
        return certificates
    }

    /// The certificates of each open connection that has sent a request.
    private static let byConnection = Mutex<[ObjectIdentifier: [[UInt8]]]>([:])

    /// Whether the certificates of `channel` are kept (for tests).
    static func isKept(_ channel: any Channel) -> Bool {
        byConnection.withLock { $0[ObjectIdentifier(channel)] != nil }
    }

    private static func read(_ channel: any Channel) async -> [[UInt8]] {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else { return [] }
        guard let der = try? certificate.toDERBytes() else { return [] }
        return [der]
    }
}
