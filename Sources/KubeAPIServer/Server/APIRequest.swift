import Hummingbird
import KubeAPI

/// A request reduced to what the API handlers read: method, path segments, query, headers and body.
struct APIRequest: Sendable {
    var method: HTTPRequest.Method
    var segments: [String]
    var query: [String: String]
    var contentType: String
    var accept: String
    var userAgent: String
    var body: [UInt8]
    /// The unread request body of a GET, kept so that a watch can notice the client going away.
    var inbound: RequestBody?
    /// Who sent the request, as authentication established it.
    var user: UserInfo = .unsecured

    /// The largest body accepted (as Kubernetes: 3 MiB).
    static let maxBodySize = 3 * 1024 * 1024

    /// A query parameter, if present and non-empty.
    func param(_ name: String) -> String? {
        guard let v = query[name], !v.isEmpty else { return nil }
        return v
    }

    /// A boolean query parameter (`true`/`1`).
    func flag(_ name: String) -> Bool {
        guard let v = query[name] else { return false }
        return v == "true" || v == "1"
    }

    /// An integer query parameter; 400 when present but not a number.
    func intParam(_ name: String) throws(APIError) -> Int64? {
        guard let v = param(name) else { return nil }
        guard let i = Int64(v) else { throw APIError.badRequest("invalid value for \(name): \(v)") }
        return i
    }

    /// Whether the client asked for a `meta.k8s.io` Table (a byte search, see `containsBytes`).
    var wantsTable: Bool { accept.containsBytes("as=Table") }

    /// The body parsed as JSON (or YAML when the content type says so); 400 when malformed.
    func bodyObject() throws(APIError) -> JSONValue {
        if body.isEmpty { throw APIError.badRequest("the request body is empty") }
        if KubeProtobuf.isProtobuf(contentType: contentType) {
            return try KubeProtobuf.decode(body, schema: .standard)
        }
        if contentType.containsBytes("yaml"), let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            first != UInt8(ascii: "{")
        {
            return try YAMLBody.parse(body)
        }
        do {
            return try JSONValue.parse(body)
        } catch {
            throw APIError.badRequest("the request body is not valid JSON: \(error)")
        }
    }

    /// Options shared by writes, from the query.
    func writeOptions() throws(APIError) -> WriteOptions {
        var o = WriteOptions()
        o.user = user
        if let dry = param("dryRun") {
            guard dry == "All" else { throw APIError.badRequest("Invalid dryRun value: \(dry); valid values are: All") }
            o.dryRun = true
        }
        o.fieldManager = param("fieldManager")
        if let fv = param("fieldValidation") {
            guard ["Strict", "Warn", "Ignore"].contains(fv) else {
                throw APIError.badRequest("fieldValidation must be one of Ignore, Warn, or Strict, got \(fv)")
            }
            o.fieldValidation = fv
        }
        if o.fieldManager == nil {
            let agent = userAgent.splitting(atByte: UInt8(ascii: "/")).first.map(String.init) ?? ""
            o.fieldManager = agent.isEmpty ? "unknown" : agent
        }
        return o
    }
}
