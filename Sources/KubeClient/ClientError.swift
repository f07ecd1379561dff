import KubeAPI

/// The client module's error: either the server's `Status` (an `APIError`) or a transport failure.
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status code, or 0 when no response arrived.
    public var code: Int
    /// What went wrong.
    public var message: String
    /// The server's `Status`, when it sent one.
    public var status: APIError?

    public init(code: Int, message: String, status: APIError? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// The `Status.reason` (NotFound, Conflict, Expired, ...), or "" for transport failures.
    public var reason: String { status?.reason ?? "" }

    public var description: String { "\(code) \(reason): \(message)" }

    /// Builds the error for a non-2xx response from its body.
    static func from(code: Int, body: [UInt8]) -> ClientError {
        guard let json = try? JSONValue.parse(body), json.kind == "Status" else {
            return ClientError(code: code, message: String(decoding: body.prefix(500), as: UTF8.self))
        }
        let message = json["message"]?.stringValue ?? ""
        let status = APIError(
            code: Int(json["code"]?.intValue ?? Int64(code)), reason: json["reason"]?.stringValue ?? "", message: message,
            name: json["details"]?["name"]?.stringValue, group: json["details"]?["group"]?.stringValue,
            kind: json["details"]?["kind"]?.stringValue)
        return ClientError(code: code, message: message, status: status)
    }
}
