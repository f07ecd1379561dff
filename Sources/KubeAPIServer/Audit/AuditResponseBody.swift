import HTTPTypes
import HummingbirdCore
import KubeAPI
import NIOCore

/// The response body an audit event records at `RequestResponse` level.
enum AuditResponseBody {
    /// Reads `response`'s body when it is a whole object (a known length, at most `limit` bytes),
    /// puts the same bytes back so the client still gets them, and decodes them from JSON or
    /// protobuf; nil for streams (watch, follow) and bodies that are not objects.
    static func take(_ response: inout Response, limit: Int = APIRequest.maxBodySize) async -> JSONValue? {
        guard let length = response.body.contentLength, length > 0, length <= limit else { return nil }
        let collector = Collector()
        let body = response.body
        do {
            try await body.write(collector)
        } catch {
            return nil
        }
        response.body = ResponseBody(byteBuffer: collector.buffer)
        let bytes = Array(collector.buffer.readableBytesView)
        if KubeProtobuf.isProtobuf(contentType: response.headers[.contentType] ?? "") {
            return try? KubeProtobuf.decode(bytes, schema: .standard)
        }
        return try? JSONValue.parse(bytes)
    }

    /// Gathers what a body writes.
    final class Collector: ResponseBodyWriter {
        var buffer = ByteBuffer()

        func write(_ part: ByteBuffer) async throws {
            var part = part
            buffer.writeBuffer(&part)
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
