import HTTPTypes
import KubeAPI

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
    public var bearerToken: String? { BearerToken.parse(authorization: headers[.authorization]) }
}

/// How the kubelet API authenticates and authorizes its callers (the kubelet's `AuthInterface`):
/// the real one (`APIServerKubeletAuth`) verifies client certificates against the client CA and
/// asks the API server about tokens (TokenReview) and permissions (SubjectAccessReview); tests
/// inject their own.
public protocol KubeletAuth: Sendable {
    /// The user the request proves to be; nil when it carries no valid credential (401).
    func authenticate(_ request: KubeletAuthRequest) async -> UserInfo?
    /// Whether `attributes` are allowed. Throws when the decision cannot be made (500).
    func authorize(_ attributes: KubeletAuthorizationAttributes) async throws -> Bool
}

/// One authorization question about a kubelet API request: `verb` on `nodes/<subresource>`
/// named `node`, as the kubelet asks it in a SubjectAccessReview. (The user's type, `UserInfo`,
/// is the API server's: the kubelet authenticates the same users.)
public struct KubeletAuthorizationAttributes: Sendable, Hashable {
    /// Who asks.
    public var user: UserInfo
    /// `get`, `create`, `update`, `patch`, `delete`; empty for other methods.
    public var verb: String
    /// The node's name (the SubjectAccessReview's `resourceAttributes.name`).
    public var node: String
    /// `proxy`, `stats`, `metrics`, `log`, `spec`, `checkpoint`, `pods`, `healthz`, `configz`, `statusz`.
    public var subresource: String
    /// The request's path.
    public var path: String
}
