/// meta/v1 Status: the body of every API error and of some successful deletes.
///
/// Not a `KubeObject` (its metadata is a `ListMeta`). `code` is the HTTP status code; `reason` is the
/// machine-readable StatusReason (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, ...).
public struct Status: Codable, Sendable, Hashable {
    /// Always `v1`.
    public var apiVersion: String?
    /// Always `Status`.
    public var kind: String?
    /// List metadata; usually empty.
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    /// Human-readable description of the outcome.
    public var message: String?
    /// Machine-readable StatusReason; empty when none applies.
    public var reason: String?
    /// Extended data about the reason.
    public var details: StatusDetails?
    /// The HTTP status code, or 0 when not set.
    public var code: Int?

    /// Creates a `Status`; `apiVersion`, `kind` take the defaults shown; other fields are absent.
    public init(
        apiVersion: String? = "v1", kind: String? = "Status", metadata: ListMeta? = nil, status: String? = nil,
        message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

extension Status {
    /// The `Status` body Kubernetes sends for `error`.
    public init(_ error: APIError) {
        let hasDetails = error.name != nil || error.group != nil || error.kind != nil || error.uid != nil
            || !error.causes.isEmpty || error.retryAfterSeconds != nil
        let group = error.group?.isEmpty == false ? error.group : nil
        let details = StatusDetails(
            name: error.name, group: group, kind: error.kind, uid: error.uid,
            causes: error.causes.isEmpty ? nil : error.causes, retryAfterSeconds: error.retryAfterSeconds)
        self.init(
            metadata: ListMeta(), status: "Failure", message: error.message, reason: error.reason,
            details: hasDetails ? details : nil, code: error.code)
    }
}

/// meta/v1 StatusDetails: which object an error is about and the field-level causes.
public struct StatusDetails: Codable, Sendable, Hashable {
    /// Name of the object the status is about.
    public var name: String?
    /// API group of the resource.
    public var group: String?
    /// Kind (or resource) of the object.
    public var kind: String?
    /// UID of the object.
    public var uid: String?
    /// Field-level causes, e.g. for validation errors.
    public var causes: [StatusCause]?
    /// Seconds a client should wait before retrying.
    public var retryAfterSeconds: Int?

    /// Creates a `StatusDetails`; every field defaults to absent.
    public init(
        name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
        causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// `StatusCause` (declared with `APIError`) encodes as meta/v1 StatusCause: `reason`, `message` and
/// `field`, each omitted when empty and decoded as empty when absent.
extension StatusCause: Codable {
    private enum CodingKeys: String, CodingKey {
        case reason, message, field
    }

    /// Decodes a cause; absent members become empty strings.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            reason: try c.decodeIfPresent(String.self, forKey: .reason) ?? "",
            message: try c.decodeIfPresent(String.self, forKey: .message) ?? "",
            field: try c.decodeIfPresent(String.self, forKey: .field) ?? "")
    }

    /// Encodes a cause, omitting empty members.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !reason.isEmpty { try c.encode(reason, forKey: .reason) }
        if !message.isEmpty { try c.encode(message, forKey: .message) }
        if !field.isEmpty { try c.encode(field, forKey: .field) }
    }
}

/// meta/v1 DeleteOptions: the optional body of a DELETE request.
public struct DeleteOptions: Codable, Sendable, Hashable {
    /// `v1` (also accepted under any group version).
    public var apiVersion: String?
    /// Always `DeleteOptions`.
    public var kind: String?
    /// Seconds before the object is deleted; 0 deletes immediately.
    public var gracePeriodSeconds: Int?
    /// Conditions that must hold for the delete to proceed.
    public var preconditions: Preconditions?
    /// Deprecated; use `propagationPolicy`.
    public var orphanDependents: Bool?
    /// `Orphan`, `Background` or `Foreground`.
    public var propagationPolicy: String?
    /// `All` to run the request without persisting it.
    public var dryRun: [String]?

    /// Creates a `DeleteOptions`; `apiVersion`, `kind` take the defaults shown; other fields are absent.
    public init(
        apiVersion: String? = "v1", kind: String? = "DeleteOptions", gracePeriodSeconds: Int? = nil,
        preconditions: Preconditions? = nil, orphanDependents: Bool? = nil, propagationPolicy: String? = nil,
        dryRun: [String]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.orphanDependents = orphanDependents
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }
}

/// meta/v1 Preconditions: a delete or update fails with Conflict unless these match the stored object.
public struct Preconditions: Codable, Sendable, Hashable {
    /// Required UID.
    public var uid: String?
    /// Required resource version.
    public var resourceVersion: String?

    /// Creates a `Preconditions`; every field defaults to absent.
    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}
