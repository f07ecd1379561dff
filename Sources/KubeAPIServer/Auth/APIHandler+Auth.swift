import Hummingbird
import KubeAPI

extension APIHandler {
    /// The user a request comes from: `UserInfo.unsecured` when the server has no
    /// authenticator, else what the authenticator chain finds (401 when it finds no one).
    func authenticate(_ request: Request, peerCertificates: [[UInt8]]) async throws(APIError) -> UserInfo {
        guard let authenticator else { return .unsecured }
        let auth = AuthenticationRequest(path: request.uri.path, headers: request.headers, peerCertificates: peerCertificates)
        if let serviceAccountTokens, let user = try await ServiceAccountAuthenticator(tokens: serviceAccountTokens, registry: registry).authenticate(auth) {
            return user
        }
        guard let user = try await authenticator.authenticate(auth) else { throw APIError.unauthorized }
        return user
    }

    /// Throws 403 Forbidden unless the authorizer allows `attributes`.
    func authorize(_ attributes: AuthorizationAttributes) async throws(APIError) {
        switch await authorizer.authorize(attributes) {
        case .allow: return
        case .deny(let reason), .noOpinion(let reason): throw attributes.forbidden(reason: reason)
        }
    }

    /// The authorization attributes of a request, derived as Kubernetes' RequestInfo derives
    /// them: the verb from the method (list/watch for collections), and a namespace's own name
    /// as the namespace of requests on it.
    static func authorizationAttributes(_ api: APIRequest, _ target: RouteTarget) -> AuthorizationAttributes {
        let path = "/" + api.segments.joined(separator: "/")
        guard case .resource(let t) = target else {
            return AuthorizationAttributes(
                user: api.user, verb: api.method.rawValue.lowercased(), isResourceRequest: false, path: path)
        }
        var namespace = t.namespace ?? ""
        if t.resource.group.isEmpty, t.resource.resource == "namespaces", let name = t.name { namespace = name }
        return AuthorizationAttributes(
            user: api.user, verb: authorizationVerb(api, t), apiGroup: t.resource.group, apiVersion: t.resource.version,
            resource: t.resource.resource, subresource: t.subresource ?? "", namespace: namespace, name: t.name ?? "",
            path: path)
    }

    /// The Kubernetes authorization verb of a resource request.
    static func authorizationVerb(_ api: APIRequest, _ t: ResourceTarget) -> String {
        switch api.method {
        case .get, .head: return t.name == nil ? (api.flag("watch") ? "watch" : "list") : (api.flag("watch") ? "watch" : "get")
        case .post: return "create"
        case .put: return "update"
        case .patch: return "patch"
        case .delete: return t.name == nil ? "deletecollection" : "delete"
        default: return api.method.rawValue.lowercased()
        }
    }
}
