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
