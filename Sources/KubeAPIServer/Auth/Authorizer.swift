import KubeAPI

/// What a request asks to do, in the terms authorizers decide on (the attributes of a
/// SubjectAccessReview).
public struct AuthorizationAttributes: Sendable, Hashable {
    /// Who asks.
    public var user: UserInfo
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection` for
    /// resources; the lowercased HTTP method (`get`, `post`, ...) for other paths.
    public var verb: String
    /// Whether this is a request on an API resource (else `path` says what is asked for).
    public var isResourceRequest: Bool
    /// The API group (`""` for core).
    public var apiGroup: String
    /// The API version (`v1`).
    public var apiVersion: String
    /// The resource, e.g. `pods`.
    public var resource: String
    /// The subresource, e.g. `log`, `status`, or `""`.
    public var subresource: String
    /// The namespace, or `""` for cluster-scoped requests and requests across namespaces.
    public var namespace: String
    /// The object's name, or `""` for lists and creates without a name in the path.
    public var name: String
    /// The request path (for non-resource requests).
    public var path: String

    public init(
        user: UserInfo, verb: String, isResourceRequest: Bool = true, apiGroup: String = "", apiVersion: String = "v1",
        resource: String = "", subresource: String = "", namespace: String = "", name: String = "", path: String = ""
    ) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = isResourceRequest
        self.apiGroup = apiGroup
        self.apiVersion = apiVersion
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.path = path
    }
}

/// An authorizer's answer.
public enum AuthorizationDecision: Sendable, Hashable {
    /// Allowed; no later authorizer is asked.
    case allow
    /// Denied; no later authorizer is asked. The reason is appended to the 403 message.
    case deny(reason: String)
    /// This authorizer has no opinion; the next one decides (denied when none allows).
    case noOpinion(reason: String)
}

/// Decides whether a user may do what a request asks (RBAC, Node, ...).
public protocol Authorizer: Sendable {
    /// The decision for `attributes`.
    func authorize(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision
}

/// Allows everything: the authorizer of a server set up without authentication.
public struct AlwaysAllowAuthorizer: Authorizer {
    public init() {}
    public func authorize(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision { .allow }
}

/// Asks authorizers in order; the first `allow` or `deny` stands, and a request no one
/// allows is denied with the reasons given, as Kubernetes' union authorizer does.
public struct AuthorizerChain: Authorizer {
    /// The authorizers, asked in order.
    public var authorizers: [any Authorizer]

    public init(_ authorizers: [any Authorizer]) {
        self.authorizers = authorizers
    }

    public func authorize(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision {
        var reasons: [String] = []
        for authorizer in authorizers {
            switch await authorizer.authorize(attributes) {
            case .allow: return .allow
            case .deny(let reason): return .deny(reason: reason)
            case .noOpinion(let reason): if !reason.isEmpty { reasons.append(reason) }
            }
        }
        return .noOpinion(reason: reasons.joined(separator: ", "))
    }
}

extension AuthorizationAttributes {
    /// The 403 Kubernetes answers when this request is not allowed, e.g. `pods is forbidden:
    /// User "alice" cannot list resource "pods" in API group "" in the namespace "default"`.
    public func forbidden(reason: String) -> APIError {
        let suffix = reason.isEmpty ? "" : ": \(reason)"
        guard isResourceRequest else {
            return APIError(
                code: 403, reason: "Forbidden",
                message: "forbidden: User \"\(user.username)\" cannot \(verb) path \"\(path)\"\(suffix)")
        }
        let qualified = apiGroup.isEmpty ? resource : "\(resource).\(apiGroup)"
        let what = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        let subject = name.isEmpty ? "\(qualified) is forbidden" : "\(qualified) \"\(name)\" is forbidden"
        let scope = namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(namespace)\""
        return APIError(
            code: 403, reason: "Forbidden",
            message: "\(subject): User \"\(user.username)\" cannot \(verb) resource \"\(what)\" in API group \"\(apiGroup)\" \(scope)\(suffix)",
            name: name.isEmpty ? nil : name, group: apiGroup, kind: what)
    }
}
