import Foundation
import Glibc
import KubeAPI

/// Where audit events go: JSON lines appended to a file, one `audit.k8s.io/v1` `Event` per
/// request, as kube-apiserver's `--audit-log-path` writes them.
public final class AuditLog: Sendable {
    /// Which requests are recorded, and how much of each.
    public let policy: AuditPolicy
    private let fd: Int32

    /// Opens (creating with mode 0600, appending) the log at `path`.
    public init(path: String, policy: AuditPolicy) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        self.fd = fd
        self.policy = policy
    }

    deinit { close(fd) }

    /// What one request was and how it ended.
    public struct Entry: Sendable {
        public var attributes: AuthorizationAttributes
        public var requestURI: String
        public var userAgent: String
        public var code: Int
        public var received: Date
        public var finished: Date
        /// The request's object, decoded from JSON, YAML or protobuf (logged at `Request` level).
        public var requestObject: JSONValue?
        /// Whether the response streams on (watch): the event is then `ResponseStarted`.
        public var streaming: Bool
        /// The response's object (logged at `RequestResponse` level).
        public var responseObject: JSONValue?

        public init(
            attributes: AuthorizationAttributes, requestURI: String, userAgent: String, code: Int, received: Date, finished: Date,
            requestObject: JSONValue?, streaming: Bool, responseObject: JSONValue? = nil
        ) {
            self.responseObject = responseObject
            self.attributes = attributes
            self.requestURI = requestURI
            self.userAgent = userAgent
            self.code = code
            self.received = received
            self.finished = finished
            self.requestObject = requestObject
            self.streaming = streaming
        }
    }

    /// Records `entry` at the level the policy gives it (nothing at `None`).
    public func record(_ entry: Entry) {
        let level = policy.level(for: entry.attributes)
        guard level != .none else { return }
        var line = Self.event(entry, level: level).serialized()
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    static func event(_ e: AuditLog.Entry, level: AuditLevel) -> JSONValue {
        let a = e.attributes
        var user: [(String, JSONValue)] = [("username", .string(a.user.username))]
        if !a.user.uid.isEmpty { user.append(("uid", .string(a.user.uid))) }
        user.append(("groups", .array(a.user.groups.map { .string($0) })))
        var members: [(String, JSONValue)] = [
            ("kind", .string("Event")), ("apiVersion", .string("audit.k8s.io/v1")), ("level", .string(level.rawValue)),
            ("auditID", .string(ObjectUID.random())),
            ("stage", .string(e.streaming ? "ResponseStarted" : "ResponseComplete")),
            ("requestURI", .string(e.requestURI)), ("verb", .string(a.verb)), ("user", .object(JSONObject(user))),
            ("userAgent", .string(e.userAgent)),
        ]
        if a.isResourceRequest {
            var ref: [(String, JSONValue)] = [("resource", .string(a.resource))]
            if !a.namespace.isEmpty { ref.append(("namespace", .string(a.namespace))) }
            if !a.name.isEmpty { ref.append(("name", .string(a.name))) }
            ref += [("apiGroup", .string(a.apiGroup)), ("apiVersion", .string(a.apiVersion))]
            if !a.subresource.isEmpty { ref.append(("subresource", .string(a.subresource))) }
            members.append(("objectRef", .object(JSONObject(ref))))
        }
        members.append(("responseStatus", .object(JSONObject([("metadata", .object(JSONObject())), ("code", .int(e.code))]))))
        if level >= .request, let object = e.requestObject {
            members.append(("requestObject", object))
        }
        if level >= .requestResponse, let object = e.responseObject {
            members.append(("responseObject", object))
        }
        members += [
            ("requestReceivedTimestamp", .string(Timestamp.formatMicro(e.received))),
            ("stageTimestamp", .string(Timestamp.formatMicro(e.finished))),
        ]
        return .object(JSONObject(members))
    }
}
