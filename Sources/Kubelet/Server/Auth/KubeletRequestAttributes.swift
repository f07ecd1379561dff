import HTTPTypes
import KubeAPI

/// The authorization attributes of kubelet API requests, derived as the kubelet derives them
/// (pkg/kubelet/server/auth.go, with the KubeletFineGrainedAuthz feature on): the verb from the
/// HTTP method, resource `nodes`, the node's name, and a subresource from the path.
public enum KubeletRequestAttributes {
    /// The verb of `method`: POST create, GET get, PUT update, PATCH patch, DELETE delete, and
    /// empty for any other method (HEAD included), as the kubelet maps them. WebSocket upgrades
    /// (exec, attach, port-forward) are GETs.
    public static func verb(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .post: return "create"
        case .get: return "get"
        case .put: return "update"
        case .patch: return "patch"
        case .delete: return "delete"
        default: return ""
        }
    }

    /// The subresources a request on `path` is checked against, in order; the request is
    /// allowed when any of them is. `/pods`, `/runningpods/`, `/healthz`, `/configz` and `/statusz`
    /// try their own subresource before `proxy`; `/stats`, `/metrics`, `/logs`, `/spec` (as
    /// Kubernetes' documentation lists it) and `/checkpoint` have theirs; everything else (exec, attach, portForward, containerLogs, run, ...) is `proxy`.
    public static func subresources(path: String) -> [String] {
        let fineGrained = ownSubresources.first { isSubpath(path, of: $0.path) }.map { [$0.subresource] } ?? []
        return fineGrained + [dedicatedSubresources.first { isSubpath(path, of: $0.path) }?.subresource ?? "proxy"]
    }

    /// Paths checked against their own subresource before `proxy` (KubeletFineGrainedAuthz).
    static let ownSubresources: [(path: String, subresource: String)] = [
        ("/pods", "pods"), ("/healthz", "healthz"), ("/configz", "configz"), ("/statusz", "statusz"), ("/runningpods/", "pods"),
    ]

    /// Paths with a subresource of their own instead of `proxy`.
    static let dedicatedSubresources: [(path: String, subresource: String)] = [
        ("/stats/", "stats"), ("/metrics", "metrics"), ("/logs/", "log"), ("/spec/", "spec"), ("/checkpoint", "checkpoint"),
    ]

    /// Every question a request asks, one per subresource of `subresources(path:)`.
    public static func attributes(
        user: UserInfo, method: HTTPRequest.Method, path: String, node: String
    ) -> [KubeletAuthorizationAttributes] {
        let verb = verb(method)
        return subresources(path: path).map { .init(user: user, verb: verb, node: node, subresource: $0, path: path) }
    }

    /// The kubelet's 403 text: `Forbidden (user=U, verb=V, resource=nodes, subresource(s)=[a b])`.
    public static func forbiddenMessage(_ attributes: [KubeletAuthorizationAttributes]) -> String {
        let first = attributes.first
        let subresources = attributes.map(\.subresource).joined(separator: " ")
        return "Forbidden (user=\(first?.user.username ?? ""), verb=\(first?.verb ?? ""), resource=nodes, subresource(s)=[\(subresources)])\n"
    }

    /// Whether `path` is `parent` or below it (a trailing slash of `parent` ignored), as the
    /// kubelet's `isSubpath`.
    static func isSubpath(_ path: String, of parent: String) -> Bool {
        let base = parent.hasSuffix("/") ? String(parent.dropLast()) : parent
        return path == base || path.hasPrefix(base + "/")
    }
}
