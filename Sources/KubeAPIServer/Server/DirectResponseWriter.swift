import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// Writes the responses of `DirectHTTP1Handler` to its connection, from the request's task.
///
/// It serializes HTTP/1.1 itself and writes through `wire`, the context of the pipeline's
/// response encoder (so past that encoder, into TLS): a whole response is one buffer, a chunked
/// body one buffer per chunk, framing included. TLS seals each buffer written as a record of its
/// own, and the encoder writes a head, a body and each chunk's framing as separate buffers.
struct DirectResponseWriter: Sendable {
    let wire: NIOLoopBound<ChannelHandlerContext>
    let loop: any EventLoop
    let version: HTTPVersion
    /// A HEAD request: the head goes out, the body does not.
    let bodyless: Bool

    init(to wire: NIOLoopBound<ChannelHandlerContext>, loop: any EventLoop, version: HTTPVersion, bodyless: Bool) {
        self.wire = wire
        self.loop = loop
        self.version = version
        self.bodyless = bodyless
    }

    /// Writes `response` with a `Date` header (and `Connection: close` when `closing`); true
    /// once it was written whole, false when its body failed before its end. Throws when the
    /// connection stopped taking a chunked body.
    func send(_ response: Response, closing: Bool) async throws -> Bool {
        let code = response.status.code
        let noBody = bodyless || code == 204 || code == 304 || (100..<200).contains(code)
        let framing: BodyFraming =
            noBody ? .none : response.body.contentLength != nil ? .length : version.minor >= 1 ? .chunked : .untilClose
        var head = ByteBuffer()
        head.reserveCapacity(256)
        head.writeString("HTTP/\(version.major).\(version.minor) \(code) \(response.status.reasonPhrase)\r\n")
        for field in response.headers {
            // The framing headers are this writer's, except on a HEAD answer (they say what a
            // GET would get).
            if !bodyless, field.name == .contentLength || field.name == .transferEncoding { continue }
            head.writeString(field.name.rawName)
            head.writeString(": ")
            head.writeString(field.value)
            head.writeString("\r\n")
        }
        head.writeString("date: \(HTTPDate.now())\r\n")
        if closing || framing == .untilClose { head.writeString("connection: close\r\n") }
        if framing == .chunked { head.writeString("transfer-encoding: chunked\r\n") }
        let ended = ResponseEnd()
        let body = DirectBodyWriter(wire: wire, loop: loop, head: head, framing: framing, ended: ended)
        try await response.body.write(body)
        return ended.finished
    }
}

/// How a response's body is delimited on the wire.
enum BodyFraming {
    /// No body (HEAD, 204, 304, 1xx).
    case none
    /// `Content-Length`: the body is held and goes out with the head.
    case length
    /// `Transfer-Encoding: chunked`, a chunk per write.
    case chunked
    /// HTTP/1.0 with no length: the body ends when the connection closes.
    case untilClose
}

/// Whether a response's body writer was finished (its writer is consumed by the body).
private final class ResponseEnd {
    var finished = false
}

/// A response body's writer. The head (without its blank line) is held until the first write
/// that goes out; a body of known length is held and goes out with the head in one buffer; a
/// chunked one goes out chunk by chunk, each write returning once the connection took it.
private struct DirectBodyWriter: ResponseBodyWriter {
    let wire: NIOLoopBound<ChannelHandlerContext>
    let loop: any EventLoop
    /// The head, until it is sent.
    var head: ByteBuffer?
    let framing: BodyFraming
    var held: [ByteBuffer] = []
    let ended: ResponseEnd

    mutating func write(_ buffer: ByteBuffer) async throws {
        switch framing {
        case .none: return
        case .length:
            held.append(buffer)
            return
        case .chunked, .untilClose:
            guard buffer.readableBytes > 0 else { return }  // an empty chunk would end the body
        }
        var out = takeHead(adding: 16 + buffer.readableBytes)
        if framing == .chunked {
            out.writeString(String(buffer.readableBytes, radix: 16))
            out.writeString("\r\n")
            out.writeImmutableBuffer(buffer)
            out.writeString("\r\n")
        } else {
            out.writeImmutableBuffer(buffer)
        }
        let wire = self.wire
        try await loop.flatSubmit {
            let written = wire.value.eventLoop.makePromise(of: Void.self)
            wire.value.writeAndFlush(NIOAny(out), promise: written)
            return written.futureResult
        }.get()
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        var out: ByteBuffer
        switch framing {
        case .none, .untilClose:
            out = takeHead(adding: 0)
        case .length:
            let length = held.reduce(0) { $0 + $1.readableBytes }
            head?.writeString("content-length: \(length)\r\n")
            out = takeHead(adding: length)
            for part in held { out.writeImmutableBuffer(part) }
        case .chunked:
            out = takeHead(adding: 5)
            out.writeString("0\r\n")
            for field in trailingHeaders ?? [:] { out.writeString("\(field.name.rawName): \(field.value)\r\n") }
            out.writeString("\r\n")
        }
        ended.finished = true
        let wire = self.wire
        guard out.readableBytes > 0 else { return }
        loop.execute { wire.value.writeAndFlush(NIOAny(out), promise: nil) }
    }

    /// A buffer that starts with the head and its blank line if they have not gone out yet,
    /// with room for `more` bytes.
    private mutating func takeHead(adding more: Int) -> ByteBuffer {
        guard var out = head else {
            var empty = ByteBuffer()
            empty.reserveCapacity(more)
            return empty
        }
        head = nil
        out.writeString("\r\n")
        out.reserveCapacity(minimumWritableBytes: more)
        return out
    }
}

/// The `Date` header's value (RFC 9110's IMF-fixdate, "Mon, 30 Nov 2026 04:30:00 GMT"), made
/// at most once a second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The current second's date.
    static func now() -> String {
        var seconds = time(nil)
        return cache.withLock { cached in
            if cached.second == seconds { return cached.text }
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let text = format(parts)
            cached = (seconds, text)
            return text
        }
    }

    /// `parts` (UTC) as an IMF-fixdate.
    static func format(_ parts: tm) -> String {
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(parts.tm_wday) % 7], month = months[Int(parts.tm_mon) % 12]
        return "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
