import Hummingbird
import KubeAPI

/// A resource endpoint: the resource, and the namespace, name and subresource in the path.
struct ResourceTarget: Sendable {
    var resource: ResourceInfo
    var namespace: String?
    var name: String?
    var subresource: String?
    /// The path segments after a `proxy` subresource (`nodes/NAME/proxy/stats/summary`).
    var proxyPath: [String] = []
}

/// Where a request goes.
enum RouteTarget {
    case resource(ResourceTarget)
    case other(() async throws -> Response)
}

extension APIHandler {
    /// Maps a path to its endpoint; 404 NotFound for paths the server does not serve.
    func route(_ api: APIRequest) throws(APIError) -> RouteTarget {
        let s = api.segments
        let notFound = APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        guard let first = s.first else { return .other { self.rootPaths() } }
        switch first {
        case "api":
            if s.count == 1 { return .other { self.discovery.api(api) } }
            guard s[1] == "v1" else { throw notFound }
            if s.count == 2 { return .other { self.discovery.resourceList(group: "", version: "v1") } }
            return .resource(try resourceTarget(group: "", version: "v1", rest: Array(s[2...]), api: api))
        case "apis":
            if s.count == 1 { return .other { self.discovery.apis(api) } }
            if s.count == 2 {
                guard let doc = discovery.group(s[1]) else { throw notFound }
                return .other { APIResponse.json(200, doc) }
            }
            if s.count == 3 {
                guard ResourceCatalog.groupVersions.contains(where: { $0.group == s[1] && $0.version == s[2] }) else {
                    throw notFound
                }
                return .other { self.discovery.resourceList(group: s[1], version: s[2]) }
            }
            return .resource(try resourceTarget(group: s[1], version: s[2], rest: Array(s[3...]), api: api))
        case "version": return .other { APIResponse.json(200, Versions.serverVersion) }
        case "healthz", "livez", "readyz": return .other { APIResponse.text(200, "ok") }
        case "metrics": return .other { APIResponse.text(200, self.metrics.exposition(), contentType: "text/plain; version=0.0.4") }
        case "openapi": return .other { try self.discovery.openAPI(api) }
        default: throw notFound
        }
    }

    /// Parses the part after the group version: `[namespaces/NS/]RESOURCE[/NAME[/SUB]]`.
    private func resourceTarget(group: String, version: String, rest: [String], api: APIRequest) throws(APIError) -> ResourceTarget {
        let notFound = APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        var rest = rest
        var namespace: String?
        if rest.count >= 3, rest[0] == "namespaces",
            let r = ResourceCatalog.lookup(group: group, version: version, resource: rest[2]), r.namespaced
        {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        var proxyPath: [String] = []
        if rest.count > 3, rest[2] == "proxy" {
            proxyPath = Array(rest[3...])
            rest.removeLast(rest.count - 3)
        }
        guard let resourceName = rest.first, rest.count <= 3,
            let r = ResourceCatalog.lookup(group: group, version: version, resource: resourceName)
        else { throw notFound }
        let name = rest.count > 1 ? rest[1] : nil
        let sub = rest.count > 2 ? rest[2] : nil
        if let sub, !r.subresources.contains(where: { $0.name == sub }), !(r.resource == "namespaces" && sub == "finalize") {
            throw notFound
        }
        if r.namespaced, namespace == nil, name != nil { throw notFound }
        if !r.namespaced, namespace != nil { throw notFound }
        return ResourceTarget(resource: r, namespace: namespace, name: name, subresource: sub, proxyPath: proxyPath)
    }

    /// `GET /`: the list of served paths.
    func rootPaths() -> Response {
        var paths = ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/metrics", "/openapi/v2", "/openapi/v3", "/readyz", "/version"]
        for gv in ResourceCatalog.groupVersions where !gv.group.isEmpty {
            paths.append("/apis/\(gv.group)")
            paths.append("/apis/\(gv.group)/\(gv.version)")
        }
        return APIResponse.json(200, ["paths": .array(paths.sorted().map { .string($0) })])
    }
}
