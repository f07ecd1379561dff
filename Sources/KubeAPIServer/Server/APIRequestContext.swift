import Hummingbird
import NIOCore
import NIOSSL

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

/// The client certificate a TLS connection presented.
enum PeerCertificates {
    /// The DER bytes of the certificate the client presented in the handshake on `channel`
    /// (leaf only: the cluster's CAs sign client certificates directly); empty on plain HTTP
    /// or when the client presented none.
    static func of(_ channel: any Channel) async -> [[UInt8]] {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else { return [] }
        guard let der = try? certificate.toDERBytes() else { return [] }
        return [der]
    }
}
