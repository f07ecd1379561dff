import Foundation
import KubeAPI
import KubePKI
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing

@testable import Kubelet

/// httpGet probes with `scheme: HTTPS`, against a real TLS server on 127.0.0.1 whose certificate
/// comes from a CA the prober has never seen (the kubelet does not verify probe certificates).
@Suite struct ProberHTTPSTests {
    let prober = Prober(runtime: ScriptedExecRuntime())

    func run(_ probe: Probe) async -> ProbeOutcome {
        await prober.run(.liveness, probe, container: container(), containerID: "c1", podIP: "127.0.0.1")
    }

    @Test func httpsGetPassesOn2xxWithAnUntrustedCertificate() async throws {
        let server = try await TLSLoopbackServer { _ in LoopbackServer.response("200 OK", body: "ok") }
        let get = HTTPGetAction(
            path: "/healthz", port: .int(Int64(server.port)), scheme: "HTTPS", httpHeaders: [HTTPHeader(name: "X-Probe", value: "tls")])
        let outcome = await run(Probe(httpGet: get))
        try await server.stop()
        #expect(outcome == ProbeOutcome(result: .success))
        let head = try #require(server.received.first)
        #expect(head.hasPrefix("GET /healthz HTTP/1.1\r\n"))
        #expect(head.contains("Host: 127.0.0.1:\(server.port)\r\n"))
        #expect(head.contains("User-Agent: kube-probe/1.37\r\n"))
        #expect(head.contains("X-Probe: tls\r\n"))
    }

    @Test func httpsGetFailsOnAServerErrorInKubernetesWords() async throws {
        let server = try await TLSLoopbackServer { _ in LoopbackServer.response("503 Service Unavailable", body: "down") }
        let outcome = await run(Probe(httpGet: HTTPGetAction(path: "/", port: .int(Int64(server.port)), scheme: "HTTPS")))
        try await server.stop()
        #expect(outcome == ProbeOutcome(result: .failure, message: "Liveness probe failed: HTTP probe failed with statuscode: 503"))
    }

    @Test func httpsGetToAPlainHTTPServerFails() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response("200 OK", body: "plain") }
        defer { server.stop() }
        let outcome = await run(Probe(httpGet: HTTPGetAction(path: "/", port: .int(Int64(server.port)), scheme: "HTTPS")))
        #expect(outcome.result == .failure)
        #expect(outcome.message.hasPrefix("Liveness probe failed: Get \"https://127.0.0.1:\(server.port)/\": "))
    }

    @Test func aSameHostRedirectFromHTTPToHTTPSIsFollowed() async throws {
        let secure = try await TLSLoopbackServer { _ in LoopbackServer.response("200 OK") }
        let plain = try LoopbackServer { _ in
            LoopbackServer.response("302 Found", headers: ["Location: https://127.0.0.1:\(secure.port)/secure"])
        }
        defer { plain.stop() }
        let outcome = await run(Probe(httpGet: HTTPGetAction(path: "/", port: .int(Int64(plain.port)))))
        try await secure.stop()
        #expect(outcome == ProbeOutcome(result: .success))
        #expect(secure.received.first?.hasPrefix("GET /secure HTTP/1.1\r\n") == true)
    }
}

/// A TLS server on 127.0.0.1 (ephemeral port) with a certificate for 127.0.0.1 from a fresh CA;
/// answers each request with what `respond` returns for its head, then closes the connection.
final class TLSLoopbackServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let requests = HeadLog()

    init(_ respond: @escaping @Sendable (String) -> String) async throws {
        let ca = try CertificateAuthority.generate(commonName: "probe-test-ca", now: Date())
        let leaf = try ca.issue(.server("probe-test", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"]), now: Date())
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(leaf.certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(leaf.keyPEM.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let requests = self.requests
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try child.pipeline.syncOperations.addHandler(
                        HeadResponder { head in
                            requests.heads.withLock { $0.append(head) }
                            return respond(head)
                        })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// The request heads received so far.
    var received: [String] { requests.heads.withLock { $0 } }

    func stop() async throws {
        try await channel.close()
    }
}

/// The request heads a server received.
final class HeadLog: Sendable {
    let heads = Mutex<[String]>([])
}

/// Reads one request head and writes the response, then closes.
private final class HeadResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let respond: @Sendable (String) -> String
    private let head = Mutex<[UInt8]>([])

    init(_ respond: @escaping @Sendable (String) -> String) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        let text = head.withLock { state -> String? in
            state += bytes
            let text = String(decoding: state, as: UTF8.self)
            return text.contains("\r\n\r\n") ? text : nil
        }
        guard let text else { return }
        let response = respond(text)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
