import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOSSL

/// The request context of the kubelet API: Hummingbird's WebSocket-capable context plus the
/// connection the request came on, from which the TLS client certificate is read.
public struct KubeletRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// The connection the request arrived on.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        webSocket = WebSocketHandlerReference()
        channel = source.channel
    }
}

/// Authenticates and authorizes every kubelet API request, as the kubelet's auth filter does:
/// 401 `Unauthorized` without a valid client certificate or token; then one SubjectAccessReview
/// question per subresource of the path (`KubeletRequestAttributes`), allowed when any is;
/// 403 `Forbidden (user=..., verb=..., resource=nodes, subresource(s)=[...])` otherwise, 500
/// `Authorization error (...)` when the API server cannot be asked.
struct KubeletAuthMiddleware: RouterMiddleware {
    typealias Context = KubeletRequestContext
    let auth: any KubeletAuth
    let node: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let certificate = await Self.peerCertificate(context.channel)
        guard let user = await auth.authenticate(KubeletAuthRequest(headers: request.headers, clientCertificate: certificate)) else {
            return KubeletServer.plain(401, "Unauthorized")
        }
        let attributes = KubeletRequestAttributes.attributes(user: user, method: request.method, path: request.uri.path, node: node)
        for question in attributes {
            let allowed: Bool
            do {
                allowed = try await auth.authorize(question)
            } catch {
                context.logger.error("kubelet API authorization error: \(error)")
                return KubeletServer.plain(
                    500,
                    "Authorization error (user=\(user.username), verb=\(question.verb), resource=nodes, subresource=\(question.subresource))")
            }
            if allowed { return try await next(request, context) }
        }
        context.logger.debug("kubelet API: \(KubeletRequestAttributes.forbiddenMessage(attributes))")
        return KubeletServer.plain(403, KubeletRequestAttributes.forbiddenMessage(attributes))
    }

    /// The DER bytes of the certificate the client presented on `channel`; nil on plain HTTP or
    /// when it presented none.
    static func peerCertificate(_ channel: any Channel) async -> [UInt8]? {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else { return nil }
        return try? certificate.toDERBytes()
    }
}
