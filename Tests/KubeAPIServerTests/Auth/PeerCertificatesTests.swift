import NIOCore
import NIOEmbedded
import Testing

@testable import KubeAPIServer

@Suite struct PeerCertificatesTests {
    @Test func aConnectionsCertificatesAreKeptUntilItCloses() async throws {
        let channel = EmbeddedChannel()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        #expect(!PeerCertificates.isKept(channel))
        // Plain HTTP: no TLS handler, so no certificate; read once, then kept.
        #expect(await PeerCertificates.of(channel).isEmpty)
        #expect(PeerCertificates.isKept(channel))
        #expect(await PeerCertificates.of(channel).isEmpty)
        try await channel.close().get()
        channel.embeddedEventLoop.run()  // the close callbacks run on the connection's event loop
        #expect(!PeerCertificates.isKept(channel), "forgotten when the connection closed")
    }

    @Test func aConnectionClosedBeforeItsFirstRequestIsNotKept() async throws {
        let channel = EmbeddedChannel()
        try await channel.close().get()
        #expect(await PeerCertificates.of(channel).isEmpty)
        channel.embeddedEventLoop.run()
        #expect(!PeerCertificates.isKept(channel))
    }
}
