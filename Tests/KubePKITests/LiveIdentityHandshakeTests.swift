import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTLS
import KubePKI
import NIOCore
import NIOSSL
import Synchronization
import Testing
import X509

/// Real TLS handshakes (a Hummingbird HTTPS server, an AsyncHTTPClient client) with identities
/// replaced between connections.
@Suite("Live identities in real handshakes")
struct LiveIdentityHandshakeTests {
    /// An HTTPS server on a free loopback port presenting `serving`, calling `recorded` with the
    /// common name of every client certificate presented to it; returns its port and its task.
    static func startServer(serving: LiveIdentity, recorded: @escaping @Sendable (String) -> Void) async throws -> (Int, Task<Void, any Error>) {
        let router = Router()
        router.get("/") { _, _ in "ok" }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let tls = TLSChannelConfiguration(
            tlsConfiguration: try TLSSettings.server(presenting: serving),
            customVerificationCallback: { certificates, promise in
                if let leaf = certificates.first, let der = try? leaf.toDERBytes(), let parsed = try? Certificate(derEncoded: der) {
                    recorded(parsed.subject.commonNames.first ?? "")
                }
                promise.succeed(.certificateVerified)
            })
        let app = Application(
            router: router, server: try .tls(.http1(), configuration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw PKIError("the test server did not start") }
        return (port, task)
    }

    /// One request on a connection of its own (`Connection: close`).
    static func get(_ client: HTTPClient, port: Int) async throws -> Int {
        var request = HTTPClientRequest(url: "https://127.0.0.1:\(port)/")
        request.headers.add(name: "connection", value: "close")
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1024)
        return Int(response.status.code)
    }

    @Test("a client presents the certificate its live identity holds at each new connection")
    func clientIdentityIsReplacedWithoutANewClient() async throws {
        let (now, _, pki) = try FreshPKI.make()
        let serving = try LiveIdentity(
            try pki.leaf("serving-test", .apiServerServing(hostname: "h", serviceIP: "10.43.0.1", addresses: []), now: now))
        let seen = Mutex<[String]>([])
        let (port, server) = try await Self.startServer(serving: serving) { name in seen.withLock { $0.append(name) } }
        defer { server.cancel() }
        let identity = try LiveIdentity(try pki.leaf("client-controller", .controllerManager, now: now))
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = try TLSSettings.client(trusting: pki.serverCA, presenting: identity)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            #expect(try await Self.get(client, port: port) == 200)
            try identity.replace(with: try pki.leaf("client-scheduler", .scheduler, now: now))
            #expect(try await Self.get(client, port: port) == 200)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        #expect(seen.withLock { $0 } == ["system:kube-controller-manager", "system:kube-scheduler"])
    }
}
