import Foundation
import Hummingbird
import KubeAPI

/// What lets new nodes join with a join token (k3s' flow on Kubernetes' parts): bootstrap
/// token authentication, the CA bundle at `GET /cacerts` for anyone (the join token pins its
/// hash), the client CA at `GET /v1-skiff/client-ca.crt` for nodes and bootstrappers (kubelets
/// require it of the API server's client certificate), and the bootstrap token Secrets the
/// server makes sure exist at start.
public struct NodeJoinConfiguration: Sendable {
    /// The server CA certificate (PEM) clients trust, served at `/cacerts` byte for byte.
    public var serverCA: String
    /// The client CA certificate (PEM), served to nodes and bootstrappers.
    public var clientCA: String
    /// Bootstrap tokens whose Secrets are created at start when missing (the server's join token).
    public var tokens: [BootstrapToken]

    /// Node joining with these CAs, making sure `tokens` exist.
    public init(serverCA: String, clientCA: String, tokens: [BootstrapToken] = []) {
        self.serverCA = serverCA
        self.clientCA = clientCA
        self.tokens = tokens
    }

    /// The path of the CA bundle, answered without authentication (as k3s).
    public static let caBundlePath = "/cacerts"
    /// The path of the client CA, for authenticated nodes and bootstrappers.
    public static let clientCAPath = "/v1-skiff/client-ca.crt"
}

/// Tries `first`, then `rest` (which decides on anonymous requests and 401s).
struct PrependedAuthenticator: Authenticator {
    let first: any Authenticator
    let rest: any Authenticator

    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        if let user = try await first.authenticate(request) { return user.authenticated() }
        return try await rest.authenticate(request)
    }
}

extension APIHandler {
    /// The answer to the node join endpoints, or nil for every other request.
    func nodeJoinResponse(_ request: Request, peerCertificates: [[UInt8]]) async -> Response? {
        guard let nodeJoin, request.method == .get || request.method == .head else { return nil }
        let path = request.uri.path
        if path == NodeJoinConfiguration.caBundlePath {
            return APIResponse.text(200, nodeJoin.serverCA, contentType: "text/plain; charset=utf-8")
        }
        guard path == NodeJoinConfiguration.clientCAPath else { return nil }
        do {
            return try await clientCAResponse(request, peerCertificates: peerCertificates, pem: nodeJoin.clientCA)
        } catch let error as APIError {
            return APIResponse.error(error)
        } catch {
            return APIResponse.error(.internalError("\(error)"))
        }
    }

    /// The client CA for an authenticated node or bootstrapper; 401 or 403 for anyone else.
    private func clientCAResponse(_ request: Request, peerCertificates: [[UInt8]], pem: String) async throws -> Response {
        let user = try await authenticate(request, peerCertificates: peerCertificates)
        guard user.groups.contains("system:nodes") || user.groups.contains(BootstrapToken.group) else {
            throw APIError(
                code: 403, reason: "Forbidden",
                message: "forbidden: User \"\(user.username)\" cannot get path \"\(NodeJoinConfiguration.clientCAPath)\"")
        }
        return APIResponse.text(200, pem, contentType: "text/plain; charset=utf-8")
    }
}

extension APIServer {
    /// Creates the Secret of each token that has none yet (an existing one is left as it is).
    func ensureBootstrapTokens(_ tokens: [BootstrapToken]) async throws {
        for token in tokens { try await ensureBootstrapToken(token) }
    }

    private func ensureBootstrapToken(_ token: BootstrapToken) async throws {
        let name = BootstrapToken.secretPrefix + token.id
        if try registry.cache(.secrets).get(ResourceInfo.secrets.storageKey(namespace: BootstrapToken.namespace, name: name)) != nil {
            return
        }
        do {
            _ = try await registry.create(
                .secrets, namespace: BootstrapToken.namespace, body: token.secretObject,
                options: WriteOptions(fieldManager: "skiff-apiserver"))
        } catch let e where e.code == 409 {
            return  // made meanwhile (another server sharing the store)
        }
    }
}
