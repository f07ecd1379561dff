/// One field-level cause inside an API error (`details.causes[]` of a `Status`).
public struct StatusCause: Sendable, Hashable {
    /// A machine-readable reason, such as `FieldValueInvalid` or `FieldValueRequired`.
    public var reason: String
    /// A human-readable message.
    public var message: String
    /// The field path, such as `metadata.name` or `spec.containers[0].image`.
    public var field: String

    public init(reason: String, message: String, field: String) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}

/// The module's error: everything an API request can fail with, carried to the client as a
/// Kubernetes `Status` body with the same HTTP code, reason, message and details.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code (404, 409, 422, ...).
    public var code: Int
    /// The `Status.reason` (NotFound, AlreadyExists, Conflict, Invalid, ...).
    public var reason: String
    /// The `Status.message`.
    public var message: String
    /// `details.name`, the object the error is about.
    public var name: String?
    /// `details.group`, the API group of the resource ("" for core, omitted).
    public var group: String?
    /// `details.kind`, the resource (plural) or kind the error is about.
    public var kind: String?
    /// `details.uid`.
    public var uid: String?
    /// `details.causes`.
    public var causes: [StatusCause]
    /// `details.retryAfterSeconds`.
    public var retryAfterSeconds: Int?

    public init(
        code: Int, reason: String, message: String, name: String? = nil, group: String? = nil,
        kind: String? = nil, uid: String? = nil, causes: [StatusCause] = [], retryAfterSeconds: Int? = nil
    ) {
        self.code = code
        self.reason = reason
        self.message = message
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` object for this error, with keys in the order Kubernetes writes them.
    public var status: JSONValue {
        var details = JSONObject()
        if let name { details["name"] = .string(name) }
        if let group, !group.isEmpty { details["group"] = .string(group) }
        if let kind { details["kind"] = .string(kind) }
        if let uid { details["uid"] = .string(uid) }
        if !causes.isEmpty {
            details["causes"] = .array(
                causes.map { c in
                    var o = JSONObject()
                    o["reason"] = .string(c.reason)
                    o["message"] = .string(c.message)
                    if !c.field.isEmpty { o["field"] = .string(c.field) }
                    return .object(o)
                })
        }
        if let retryAfterSeconds { details["retryAfterSeconds"] = .int(retryAfterSeconds) }
        var o = JSONObject()
        o["kind"] = "Status"
        o["apiVersion"] = "v1"
        o["metadata"] = .object(JSONObject())
        o["status"] = "Failure"
        o["message"] = .string(message)
        o["reason"] = .string(reason)
        if !details.isEmpty { o["details"] = .object(details) }
        o["code"] = .int(code)
        return .object(o)
    }
}

extension APIError {
    /// 400 BadRequest.
    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    /// 404 NotFound for `resource` (plural) `name` in `group`.
    public static func notFound(group: String = "", resource: String, name: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "\(qualified(group, resource)) \"\(name)\" not found",
            name: name, group: group, kind: resource)
    }

    /// 409 AlreadyExists.
    public static func alreadyExists(group: String = "", resource: String, name: String) -> APIError {
        APIError(
            code: 409, reason: "AlreadyExists",
            message: "\(qualified(group, resource)) \"\(name)\" already exists", name: name, group: group,
            kind: resource)
    }

    /// 409 Conflict, as for a stale resourceVersion.
    public static func conflict(group: String = "", resource: String, name: String, detail: String) -> APIError {
        APIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(qualified(group, resource)) \"\(name)\": \(detail)",
            name: name, group: group, kind: resource)
    }

    /// 410 Gone / Expired for a resourceVersion older than the compacted history.
    public static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    /// 405 MethodNotAllowed.
    public static func methodNotAllowed(_ message: String = "the server does not allow this method on the requested resource") -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: message)
    }

    /// 422 Invalid with field causes; `kind` is the object's Kind (e.g. `Pod`).
    public static func invalid(group: String = "", kind: String, name: String, causes: [StatusCause]) -> APIError {
        let summary = causes.map { c in c.field.isEmpty ? c.message : "\(c.field): \(c.message)" }
        let joined = summary.count == 1 ? summary[0] : "[" + summary.joined(separator: ", ") + "]"
        return APIError(
            code: 422, reason: "Invalid",
            message: "\(qualified(group, kind)) \"\(name)\" is invalid: \(joined)", name: name, group: group,
            kind: kind, causes: causes)
    }

    /// 500 InternalError.
    public static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }

    /// 503 ServiceUnavailable, e.g. for a request that arrives while the server stops.
    public static func serviceUnavailable(_ message: String) -> APIError {
        APIError(code: 503, reason: "ServiceUnavailable", message: message)
    }

    /// 403 Forbidden.
    public static func forbidden(group: String = "", resource: String, name: String, reason why: String) -> APIError {
        APIError(
            code: 403, reason: "Forbidden",
            message: "\(qualified(group, resource)) \"\(name)\" is forbidden: \(why)", name: name, group: group,
            kind: resource)
    }

    /// `resource.group`, or just `resource` for the core group.
    static func qualified(_ group: String, _ resource: String) -> String {
        group.isEmpty ? resource : "\(resource).\(group)"
    }
}

extension StatusCause {
    /// `FieldValueRequired`: "Required value".
    public static func required(_ field: String, _ detail: String = "") -> StatusCause {
        StatusCause(reason: "FieldValueRequired", message: detail.isEmpty ? "Required value" : "Required value: \(detail)", field: field)
    }

    /// `FieldValueInvalid`: `Invalid value: "x": detail`.
    public static func invalid(_ field: String, value: String, _ detail: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": \(detail)", field: field)
    }

    /// `FieldValueNotSupported`.
    public static func notSupported(_ field: String, value: String, supported: [String]) -> StatusCause {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return StatusCause(
            reason: "FieldValueNotSupported", message: "Unsupported value: \"\(value)\": supported values: \(list)",
            field: field)
    }

    /// `FieldValueForbidden`.
    public static func forbidden(_ field: String, _ detail: String) -> StatusCause {
        StatusCause(reason: "FieldValueForbidden", message: "Forbidden: \(detail)", field: field)
    }

    /// `FieldValueDuplicate`.
    public static func duplicate(_ field: String, value: String) -> StatusCause {
        StatusCause(reason: "FieldValueDuplicate", message: "Duplicate value: \"\(value)\"", field: field)
    }

    /// `FieldValueTypeInvalid`-style cause used for immutable fields (Kubernetes reports them as Invalid).
    public static func immutable(_ field: String, value: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": field is immutable", field: field)
    }
}
