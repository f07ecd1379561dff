import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// Building HTTP responses from JSON bytes and API errors.
enum APIResponse {
    /// The `Warning` header (RFC 7234), which clients such as kubectl print.
    static let warningHeader = HTTPField.Name("Warning")

    /// A JSON response with `status` and `bytes` (a newline is appended, as Kubernetes does).
    static func json(_ status: Int, _ bytes: [UInt8], warnings: [String] = []) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(ascii: "\n"))
        var headers: HTTPFields = [.contentType: "application/json"]
        if let name = warningHeader {
            for w in warnings {
                headers.append(HTTPField(name: name, value: "299 - \"\(w.replacingOccurrences(of: "\"", with: "\\\""))\""))
            }
        }
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// A JSON response made of `head`, the `items` separated by commas, then `tail` (a list),
    /// written in pieces of about 256 KiB as the connection takes them rather than assembled
    /// first, so a list of thousands of objects needs no second copy of itself. The length is
    /// known up front (`Content-Length`).
    static func jsonList(head: [UInt8], items: [[UInt8]], tail: [UInt8]) -> Response {
        let piece = 256 << 10
        let length = head.count + items.reduce(0) { $0 + $1.count } + max(0, items.count - 1) + tail.count + 1
        let body = ResponseBody(contentLength: length) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(min(length, piece + (items.first?.count ?? 0) + head.count))
            buffer.writeBytes(head)
            for (i, item) in items.enumerated() {
                if i > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                buffer.writeBytes(item)
                if buffer.readableBytes >= piece {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            buffer.writeBytes(tail)
            buffer.writeInteger(UInt8(ascii: "\n"))
            try await writer.write(buffer)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// A JSON response of a value.
    static func json(_ status: Int, _ value: JSONValue) -> Response { json(status, value.serialized()) }

    /// The `Status` body of an error, with its code.
    static func error(_ e: APIError) -> Response { json(e.code, e.status) }

    /// A plain-text response.
    static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
