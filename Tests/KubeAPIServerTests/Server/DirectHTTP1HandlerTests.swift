import HTTPTypes
import Hummingbird
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Foundation
import Synchronization
import Testing

@testable import KubeAPIServer

/// `DirectHTTP1Handler` answers a connection's requests from the decoder's parts: whole
/// responses in one flush, streamed ones chunk by chunk, pipelined requests in order, bodies held
/// to a limit, upgrades handed on, and the request's task cancelled when the connection closes.
@Suite struct DirectHTTP1HandlerTests {
    /// A channel whose requests `respond` answers, as the decoder would hand them in.
    static func channel(maxBody: Int = 1024, _ respond: @escaping DirectResponder) async throws -> NIOAsyncTestingChannel {
        let channel = NIOAsyncTestingChannel()
        try await channel.pipeline.addHandler(DirectHTTP1Handler(respond: respond, maxBody: maxBody))
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 6443))
        return channel
    }

    static func head(_ method: HTTPMethod, _ uri: String, _ headers: HTTPHeaders = [:]) -> HTTPServerRequestPart {
        .head(HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers))
    }

    /// A response as read back from the bytes written: status, headers (names lowercased), the
    /// body (chunks joined), how many chunks, and how many writes it took.
    struct WireResponse {
        var status = 0
        var headers: [String: [String]] = [:]
        var body = ""
        var chunks = 0
        var writes = 0
    }

    /// Reads the next response from what the handler wrote to `channel`; bytes past it stay in
    /// `pending` for the next call.
    static func response(_ channel: NIOAsyncTestingChannel, pending: inout [UInt8]) async throws -> WireResponse {
        var response = WireResponse()
        func more() async throws {
            var buffer = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            response.writes += 1
        }
        func line() async throws -> String {
            while true {
                if let end = pending.indices.dropLast().first(where: { pending[$0] == 13 && pending[$0 + 1] == 10 }) {
                    let text = String(decoding: pending[..<end], as: UTF8.self)
                    pending.removeFirst(end + 2)
                    return text
                }
                try await more()
            }
        }
        func bytes(_ count: Int) async throws -> String {
            while pending.count < count { try await more() }
            let text = String(decoding: pending[..<count], as: UTF8.self)
            pending.removeFirst(count)
            return text
        }
        let status = try await line().split(separator: " ")
        guard status.count >= 2, status[0] == "HTTP/1.1", let code = Int(status[1]) else { throw TestFailure("status line \(status)") }
        response.status = code
        while case let header = try await line(), !header.isEmpty {
            guard let colon = header.firstIndex(of: ":") else { throw TestFailure("header \(header)") }
            let name = header[..<colon].lowercased()
            response.headers[name, default: []].append(header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if let length = response.headers["content-length"]?.first.flatMap({ Int($0) }) {
            response.body = try await bytes(length)
        } else if response.headers["transfer-encoding"] == ["chunked"] {
            while true {
                guard let size = Int(try await line(), radix: 16) else { throw TestFailure("chunk size") }
                if size == 0 {
                    while try await line() != "" {}
                    break
                }
                response.body += try await bytes(size)
                response.chunks += 1
                guard try await line() == "" else { throw TestFailure("chunk end") }
            }
        }
        return response
    }

    /// The next response on a channel with nothing else pending.
    static func response(_ channel: NIOAsyncTestingChannel) async throws -> WireResponse {
        var pending: [UInt8] = []
        let response = try await Self.response(channel, pending: &pending)
        guard pending.isEmpty else { throw TestFailure("\(pending.count) bytes past the response") }
        return response
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test func aRequestIsAnsweredWholeInOneResponseWithADate() async throws {
        let channel = try await Self.channel { request, _ in
            var request = request
            let body = (try? await request.collectBody(upTo: 100)) ?? ByteBuffer()
            let text = "\(request.method.rawValue) \(request.uri.path) \(request.uri.query ?? "") \(request.headers[.contentType] ?? "") \(String(buffer: body))"
            return Response(status: .created, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        try await channel.writeInbound(Self.head(.POST, "/api/v1/x?dryRun=All", ["content-type": "application/json"]))
        try await channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "{\"a\"")))
        try await channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: ":1}")))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        let response = try await Self.response(channel)
        #expect(response.status == 201)
        #expect(response.body == "POST /api/v1/x dryRun=All application/json {\"a\":1}")
        #expect(response.writes == 1, "head and body in one write")
        #expect(response.headers["content-length"] == ["\(response.body.utf8.count)"])
        #expect(response.headers["content-type"] == ["text/plain"])
        let date = try #require(response.headers["date"]?.first)
        #expect(date.hasSuffix(" GMT") && date.count == 29, "an IMF-fixdate: \(date)")
        #expect(response.headers["connection"] == nil)
        #expect(channel.isActive)
    }

    @Test func pipelinedRequestsAreAnsweredInTheirOrder() async throws {
        let channel = try await Self.channel { request, _ in
            if request.uri.path == "/slow" { try? await Task.sleep(for: .milliseconds(100)) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: request.uri.path)))
        }
        for path in ["/slow", "/fast", "/slow", "/fast"] {
            try await channel.writeInbound(Self.head(.GET, path))
            try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        }
        var answered: [String] = []
        var pending: [UInt8] = []
        for _ in 0..<4 { answered.append(try await Self.response(channel, pending: &pending).body) }
        #expect(answered == ["/slow", "/fast", "/slow", "/fast"])
    }

    @Test func aBodyPastTheLimitIsCutJustPastIt() async throws {
        let seen = Mutex<Int?>(nil)
        let channel = try await Self.channel(maxBody: 8) { request, _ in
            var request = request
            let body = try? await request.collectBody(upTo: .max)
            seen.withLock { $0 = body?.readableBytes }
            return Response(status: .contentTooLarge)
        }
        try await channel.writeInbound(Self.head(.PUT, "/big"))
        for _ in 0..<100 { try await channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "12345"))) }
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try await Self.response(channel).status == 413)
        let held = try #require(seen.withLock { $0 })
        #expect(held > 8 && held <= 8 + 5, "held \(held) bytes: past the limit by at most one chunk, not all 500")
    }

    @Test func aBodyOfUnknownLengthGoesOutChunkByChunk() async throws {
        let channel = try await Self.channel { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer())
                try await writer.write(ByteBuffer(string: "{\"type\":\"ADDED\"}\n"))
                try await writer.write(ByteBuffer(string: "{\"type\":\"DELETED\"}\n"))
                try await writer.finish(nil)
            })
        }
        try await channel.writeInbound(Self.head(.GET, "/watch"))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        let response = try await Self.response(channel)
        #expect(response.headers["content-length"] == nil)
        #expect(response.body == "{\"type\":\"ADDED\"}\n{\"type\":\"DELETED\"}\n")
        #expect(response.chunks == 2, "a chunk per write")
        #expect(response.writes == 3, "each chunk in a write of its own, with its framing, then the end")
    }

    @Test func closingTheConnectionCancelsTheRequestInProgress() async throws {
        let cancelled = Mutex(false)
        let started = Mutex(false)
        let channel = try await Self.channel { _, _ in
            started.withLock { $0 = true }
            try? await Task.sleep(for: .seconds(60))
            cancelled.withLock { $0 = Task.isCancelled }
            return Response(status: .ok)
        }
        try await channel.writeInbound(Self.head(.GET, "/watch"))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        for _ in 0..<200 where !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(started.withLock { $0 })
        try await channel.close()
        for _ in 0..<200 where !cancelled.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(cancelled.withLock { $0 }, "the request's task was cancelled when its connection closed")
    }

    @Test func aFirstRequestThatUpgradesToWebSocketIsHandedOn() async throws {
        let channel = try await Self.channel { _, _ in Response(status: .ok) }
        let upgrade = Self.head(.GET, "/exec", ["upgrade": "websocket", "connection": "Upgrade"])
        try await channel.writeInbound(upgrade)
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        guard case .head(let head) = try await channel.readInbound(as: HTTPServerRequestPart.self) else {
            throw TestFailure("the upgrade's head was not handed on")
        }
        #expect(head.uri == "/exec")
        guard case .end = try await channel.readInbound(as: HTTPServerRequestPart.self) else {
            throw TestFailure("the upgrade's end was not handed on")
        }
        await #expect(throws: ChannelPipelineError.self, "the handler left the pipeline") {
            try await channel.pipeline.handler(type: DirectHTTP1Handler.self).get()
        }
    }

    @Test func aLaterRequestThatAsksToUpgradeIsAnsweredAsAnyOther() async throws {
        let channel = try await Self.channel { request, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: request.uri.path))) }
        try await channel.writeInbound(Self.head(.GET, "/first"))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try await Self.response(channel).body == "/first")
        try await channel.writeInbound(Self.head(.GET, "/exec", ["upgrade": "websocket", "connection": "Upgrade"]))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try await Self.response(channel).body == "/exec")
        #expect(try await channel.readInbound(as: HTTPServerRequestPart.self) == nil)
    }

    @Test func connectionCloseClosesAfterTheResponse() async throws {
        let channel = try await Self.channel { _, _ in Response(status: .noContent) }
        try await channel.writeInbound(Self.head(.DELETE, "/x", ["connection": "close"]))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        let response = try await Self.response(channel)
        #expect(response.status == 204)
        #expect(response.headers["connection"] == ["close"])
        #expect(response.headers["content-length"] == nil, "a 204 has no body framing")
        try await channel.closeFuture.get()
    }

    @Test func aGracefulStopClosesAnIdleConnectionAtOnceAndABusyOneAfterItsResponse() async throws {
        let idle = try await Self.channel { _, _ in Response(status: .ok) }
        idle.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        try await idle.closeFuture.get()

        let release = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let busy = try await Self.channel { _, _ in
            await withCheckedContinuation { c in release.withLock { $0 = c } }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "done")))
        }
        try await busy.writeInbound(Self.head(.GET, "/slow"))
        try await busy.writeInbound(HTTPServerRequestPart.end(nil))
        for _ in 0..<200 where release.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        busy.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        try await Task.sleep(for: .milliseconds(50))
        #expect(busy.isActive, "the connection stays open while its request runs")
        release.withLock { $0?.resume() }
        #expect(try await Self.response(busy).body == "done")
        try await busy.closeFuture.get()
    }

    @Test func theDateIsAnIMFFixdate() {
        var parts = tm()
        var seconds = time_t(1_796_013_000)  // 2026-11-30 04:30:00 UTC, a Monday
        gmtime_r(&seconds, &parts)
        #expect(HTTPDate.format(parts) == "Mon, 30 Nov 2026 04:30:00 GMT")
    }
}

extension DirectHTTP1HandlerTests {
    @Test func aHeadRequestGetsTheHeadersAlone() async throws {
        let channel = try await Self.channel { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "twelve bytes"))) }
        try await channel.writeInbound(Self.head(.HEAD, "/readyz"))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        var buffer = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
        let text = (buffer.readString(length: buffer.readableBytes) ?? "").lowercased()
        #expect(text.hasPrefix("http/1.1 200 ok\r\n"))
        #expect(text.contains("content-length: 12\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"), "no body after the head: \(text)")
    }

    @Test func anHTTP10RequestIsAnsweredAndTheConnectionClosed() async throws {
        let channel = try await Self.channel { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "streamed"))
                try await writer.finish(nil)
            })
        }
        try await channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_0, method: .GET, uri: "/logs")))
        try await channel.writeInbound(HTTPServerRequestPart.end(nil))
        var text = ""
        while !text.hasSuffix("streamed") {
            var buffer = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
            text += buffer.readString(length: buffer.readableBytes) ?? ""
        }
        #expect(text.hasPrefix("HTTP/1.0 200 OK\r\n"))
        #expect(!text.contains("transfer-encoding"), "no chunks in HTTP/1.0: \(text)")
        #expect(text.contains("connection: close\r\n"))
        try await channel.closeFuture.get()
    }
}
