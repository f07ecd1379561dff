import HTTPTypes
import KubeAPI

/// What an authenticator sees of a request.
public struct AuthenticationRequest: Sendable {
    /// The request's path, e.g. `/api/v1/pods` (without the query).
    public var path: String
    /// The request's headers (`Authorization`, ...).
    public var headers: HTTPFields
    /// The DER bytes of the client certificate chain the TLS handshake verified against the
    /// client CA, leaf first; empty on plain HTTP or when the client sent no certificate.
    public var peerCertificates: [[UInt8]]

    public init(path: String, headers: HTTPFields, peerCertificates: [[UInt8]] = []) {
        self.path = path
        self.headers = headers
        self.peerCertificates = peerCertificates
    }

    /// The token of an `Authorization: Bearer <token>` header, if there is one.
    public var bearerToken: String? { BearerToken.parse(authorization: headers[.authorization]) }
}

/// One way of proving who a request comes from (client certificates, bearer tokens, ...).
public protocol Authenticator: Sendable {
    /// The user the request proves to be; nil when it carries no credential of this kind.
    /// Throws a 401 `APIError` when it carries such a credential and the credential is invalid.
    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo?
}

/// Tries authenticators in order: the first user found wins. A request that none of them
/// recognises is anonymous, which is allowed only on `anonymousPaths`; everywhere else it is
/// 401 Unauthorized, as Kubernetes answers with anonymous authentication restricted to its
/// health endpoints.
public struct AuthenticatorChain: Authenticator {
    /// The authenticators, tried in order.
    public var authenticators: [any Authenticator]
    /// Exact paths an anonymous request may reach (`/healthz`, `/livez`, `/readyz`, `/version`).
    public var anonymousPaths: Set<String>

    public init(_ authenticators: [any Authenticator], anonymousPaths: Set<String> = Self.healthPaths) {
        self.authenticators = authenticators
        self.anonymousPaths = anonymousPaths
    }

    /// The paths that answer without credentials.
    public static let healthPaths: Set<String> = ["/healthz", "/livez", "/readyz", "/version"]

    public func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        var failure: APIError?
        for authenticator in authenticators {
            do {
                if let user = try await authenticator.authenticate(request) { return user.authenticated() }
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        if anonymousPaths.contains(request.path) { return .anonymous }
        throw APIError.unauthorized
    }
}

extension APIError {
    /// 401 Unauthorized, as Kubernetes answers a request whose credentials are missing or invalid.
    public static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")
}
