import Foundation
import Hummingbird
import KubeAPI
import Logging

/// Routes every request: discovery, health, OpenAPI, metrics, and the resource endpoints.
final class APIHandler: Sendable {
    let registry: Registry
    let discovery: DiscoveryDocuments
    let metrics: APIMetrics
    let kubelets: KubeletConnector
    /// Who a request comes from; nil serves every request as `UserInfo.unsecured`.
    let authenticator: (any Authenticator)?
    let authorizer: any Authorizer
    /// Where every request is recorded, if anywhere.
    let audit: AuditLog?
    /// Issues and checks service account tokens, when the server has a signing key.
    let serviceAccountTokens: ServiceAccountTokens?
    /// Node joining (`/cacerts`, the client CA for nodes), when on.
    let nodeJoin: NodeJoinConfiguration?
    /// The RBAC policy (for rules reviews); nil when RBAC resources are not served.
    let rbac: RBACPolicy?
    let logger: Logger

    init(
        registry: Registry, discovery: DiscoveryDocuments, metrics: APIMetrics, kubelets: KubeletConnector,
        authenticator: (any Authenticator)?, authorizer: any Authorizer, rbac: RBACPolicy? = nil, audit: AuditLog?,
        serviceAccountTokens: ServiceAccountTokens?, nodeJoin: NodeJoinConfiguration? = nil, logger: Logger
    ) {
        self.nodeJoin = nodeJoin
        self.rbac = rbac
        self.registry = registry
        self.discovery = discovery
        self.metrics = metrics
        self.kubelets = kubelets
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.audit = audit
        self.serviceAccountTokens = serviceAccountTokens
        self.logger = logger
    }

    /// Answers one request: authenticates it (401 without valid credentials), routes it,
    /// authorizes it (403), runs it and records it in the audit log; API errors become `Status`
    /// responses.
    /// `peerCertificates` is the client certificate chain TLS verified, leaf first.
    /// `channelBody`: the request's body streams from its connection (Hummingbird's own path),
    /// so a watch ends when the client closes its side; false when the caller cancels the
    /// request's task instead (`DirectHTTP1Handler`).
    func respond(_ request: Request, peerCertificates: [[UInt8]] = [], channelBody: Bool = true) async -> Response {
        let started = ContinuousClock.now
        let received = Date()
        var verb = request.method.rawValue
        var resourceName = ""
        var attributes: AuthorizationAttributes?
        var requestObject: JSONValue?
        if let answer = await nodeJoinResponse(request, peerCertificates: peerCertificates) { return answer }
        var response: Response
        do {
            let authenticated = try await authenticate(request, peerCertificates: peerCertificates)
            let user = try await impersonate(request.headers, as: authenticated)
            var api = try await Self.read(request, channelBody: channelBody)
            api.user = user
            let target = try route(api)
            let asked = Self.authorizationAttributes(api, target)
            attributes = asked
            try await authorize(asked)
            if let audit, !api.body.isEmpty, audit.policy.level(for: asked) >= .request { requestObject = try? api.bodyObject() }
            switch target {
            case .resource(let rt):
                resourceName = rt.resource.resource
                verb = Self.verb(api, rt)
                response = try await handleResource(api, rt)
                if rt.resource.group == RBACEscalationCheck.group, api.method != .get {
                    // Policy changes are visible to the next request's authorization.
                    try? await registry.caches.waitUntilFresh()
                }
            case .other(let handler):
                response = try await handler()
            }
        } catch let e as APIError {
            response = APIResponse.error(e)
        } catch {
            response = APIResponse.error(.internalError("\(error)"))
        }
        metrics.record(verb: verb, resource: resourceName, code: response.status.code, since: started)
        if let audit {
            let asked = attributes ?? AuthorizationAttributes(
                user: .anonymous, verb: request.method.rawValue.lowercased(), isResourceRequest: false, path: request.uri.path)
            let streaming = asked.verb == "watch"
            var responseObject: JSONValue?
            if !streaming, audit.policy.level(for: asked) >= .requestResponse {
                responseObject = await AuditResponseBody.take(&response)
            }
            audit.record(
                AuditLog.Entry(
                    attributes: asked, requestURI: request.uri.description, userAgent: request.headers[.userAgent] ?? "",
                    code: response.status.code, received: received, finished: Date(), requestObject: requestObject,
                    streaming: streaming, responseObject: responseObject))
        }
        return response
    }

    /// Reads method, path, query, headers and body (at most 3 MiB: 413 past it); a GET keeps
    /// its body stream when it is the connection's (`channelBody`).
    static func read(_ request: Request, channelBody: Bool = true) async throws(APIError) -> APIRequest {
        let query = FormQuery(request.uri.query ?? "").dictionary
        let segments = request.uri.path.splitting(atByte: UInt8(ascii: "/")).map(FormQuery.percentDecoded)
        var body: [UInt8] = []
        if request.method != .get {
            var req = request
            do {
                let buffer = try await req.collectBody(upTo: APIRequest.maxBodySize)
                body = Array(buffer.readableBytesView)
            } catch {
                throw APIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728")
            }
        }
        let headers = requestHeaders(request.headers)
        return APIRequest(
            method: request.method, segments: segments, query: query,
            contentType: headers.contentType, accept: headers.accept, userAgent: headers.userAgent, body: body,
            inbound: request.method == .get && channelBody ? request.body : nil)
    }

    /// The Content-Type, Accept and User-Agent headers ("" when absent; a repeated one joined
    /// with ", ", as `HTTPFields`' subscript joins it), read in one pass over the fields rather
    /// than three lookups, each of which joins through a lazy collection.
    static func requestHeaders(_ fields: HTTPFields) -> (contentType: String, accept: String, userAgent: String) {
        var contentType: String?
        var accept: String?
        var userAgent: String?
        func add(_ value: String, to header: inout String?) {
            header = header.map { "\($0), \(value)" } ?? value
        }
        for field in fields {
            switch field.name {
            case .contentType: add(field.value, to: &contentType)
            case .accept: add(field.value, to: &accept)
            case .userAgent: add(field.value, to: &userAgent)
            default: break
            }
        }
        return (contentType ?? "", accept ?? "", userAgent ?? "")
    }

    /// The Kubernetes verb of a resource request, for metrics.
    static func verb(_ api: APIRequest, _ rt: ResourceTarget) -> String {
        switch api.method {
        case .get: return rt.name == nil ? (api.flag("watch") ? "WATCH" : "LIST") : "GET"
        case .post: return "POST"
        case .put: return "PUT"
        case .patch: return "PATCH"
        case .delete: return rt.name == nil ? "DELETECOLLECTION" : "DELETE"
        default: return api.method.rawValue
        }
    }
}
