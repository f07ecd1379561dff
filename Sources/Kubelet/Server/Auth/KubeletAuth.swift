import Foundation
import HTTPTypes

/// Who a request to the kubelet API comes from (the `UserInfo` of authentication.k8s.io/v1).
public struct KubeletUser: Sendable, Hashable {
    /// The user's name, e.g. `system:apiserver`, `system:serviceaccount:default:builder`.
    public var username: String
    /// A unique id, when the credential carries one.
    public var uid: String
    /// The user's groups.
    public var groups: [String]
    /// Further attributes, passed on to SubjectAccessReviews.
    public var extra: [String: [String]]

    public init(username: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }
}

/// What authentication sees of a kubelet API request.
public struct KubeletAuthRequest: Sendable {
    /// The request's headers (`Authorization: Bearer ...`).
    public var headers: HTTPFields
    /// The DER bytes of the client certificate the TLS handshake presented (leaf), if any.
    public var clientCertificate: [UInt8]?

    public init(headers: HTTPFields, clientCertificate: [UInt8]? = nil) {
        self.headers = headers
        self.clientCertificate = clientCertificate
    }

    /// The token of an `Authorization: Bearer <token>` header, if there is one.
    public var bearerToken: String? {
        guard let value = headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : String(token)
    }
}

/// How the kubelet API authenticates and authorizes its callers (the kubelet's `AuthInterface`):
/// the real one (`APIServerKubeletAuth`) verifies client certificates against the client CA and
/// asks the API server about tokens (TokenReview) and permissions (SubjectAccessReview); tests
/// inject their own.
public protocol KubeletAuth: Sendable {
    /// The user the request proves to be; nil when it carries no valid credential (401).
    func authenticate(_ request: KubeletAuthRequest) async -> KubeletUser?
    /// Whether `attributes` are allowed. Throws when the decision cannot be made (500).
    func authorize(_ attributes: KubeletAuthorizationAttributes) async throws -> Bool
}

/// One authorization question about a kubelet API request: `verb` on `nodes/<subresource>`
/// named `node`, as the kubelet asks it in a SubjectAccessReview.
public struct KubeletAuthorizationAttributes: Sendable, Hashable {
    public var user: KubeletUser
    /// `get`, `create`, `update`, `patch`, `delete`; empty for other methods.
    public var verb: String
    /// The node's name (the SubjectAccessReview's `resourceAttributes.name`).
    public var node: String
    /// `proxy`, `stats`, `metrics`, `log`, `spec`, `checkpoint`, `pods`, `healthz`, `configz`, `statusz`.
    public var subresource: String
    /// The request's path.
    public var path: String

    public init(user: KubeletUser, verb: String, node: String, subresource: String, path: String) {
        self.user = user
        self.verb = verb
        self.node = node
        self.subresource = subresource
        self.path = path
    }
}
