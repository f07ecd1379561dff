import AsyncHTTPClient
import Foundation
import Hummingbird
import KubeAPI

extension APIHandler {
    /// The query parameters `pods/log` passes on to the kubelet.
    static let logParameters = ["follow", "previous", "sinceSeconds", "sinceTime", "timestamps", "tailLines", "limitBytes"]

    /// `GET pods/NAME/log`: checks the container, then streams the kubelet's `containerLogs`.
    func podLog(_ api: APIRequest, _ t: ResourceTarget, name: String) async throws(APIError) -> Response {
        let namespace = t.namespace ?? ""
        let target = try await kubeletTarget(namespace: namespace, name: name, container: api.query["container"] ?? "")
        var url = "\(target.baseURL)/containerLogs/\(Self.pathEscape(namespace))/\(Self.pathEscape(name))/\(Self.pathEscape(target.container))"
        let query = Self.logParameters.compactMap { key in api.query[key].map { "\(key)=\(Self.queryEscape($0))" } }
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        let response: HTTPClientResponse
        do {
            response = try await kubelets.client.execute(HTTPClientRequest(url: url), timeout: .hours(24 * 365))
        } catch {
            throw APIError(code: 500, reason: "InternalError", message: "Get \"\(url)\": \(error)")
        }
        guard response.status.code == 200 else {
            let text = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            let code = Int(response.status.code)
            throw APIError(code: code == 404 ? 404 : 400, reason: code == 404 ? "NotFound" : "BadRequest", message: text)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain"],
            body: ResponseBody(asyncSequence: response.body))
    }

    /// The pod `namespace/name`, the container a request means (none when `requested` is nil, as
    /// for port forwarding), and the base URL of the kubelet of the pod's node; 404 for a missing
    /// pod, 400 for an unscheduled one.
    func kubeletTarget(namespace: String, name: String, container requested: String?) async throws(APIError) -> (
        pod: JSONValue, container: String, baseURL: String
    ) {
        guard let pods = ResourceCatalog.lookup(group: "", version: "v1", resource: "pods") else {
            throw APIError.internalError("pods are not served")
        }
        let pod = try parse(try await registry.get(pods, namespace: namespace, name: name, consistency: .latest).bytes)
        var container = ""
        if let requested { container = try Self.logContainer(pod, requested: requested) }
        guard let nodeName = pod["spec"]?["nodeName"]?.stringValue, !nodeName.isEmpty else {
            throw APIError.badRequest("pod \(name) does not have a host assigned")
        }
        return (pod, container, try await kubeletBaseURL(node: nodeName))
    }

    /// `https://host:port` of the kubelet of node `name` (404 when the node does not exist).
    func kubeletBaseURL(node name: String) async throws(APIError) -> String {
        guard let nodes = ResourceCatalog.lookup(group: "", version: "v1", resource: "nodes") else {
            throw APIError.internalError("nodes are not served")
        }
        let node = try parse(try await registry.get(nodes, namespace: nil, name: name, consistency: .latest).bytes)
        return try kubelets.baseURL(of: node)
    }

    /// The container a log request means: the one named, or the only one; 400 otherwise, in
    /// Kubernetes' words.
    static func logContainer(_ pod: JSONValue, requested: String) throws(APIError) -> String {
        let names = { (key: String) in (pod["spec"]?[key]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue } }
        let containers = names("containers")
        let initContainers = names("initContainers")
        let ephemeral = names("ephemeralContainers")
        if requested.isEmpty {
            if containers.count == 1 { return containers[0] }
            var message = "a container name must be specified for pod \(pod.name), choose one of: [\(containers.joined(separator: " "))]"
            if !initContainers.isEmpty { message += " or one of the init containers: [\(initContainers.joined(separator: " "))]" }
            throw APIError.badRequest(message)
        }
        guard (containers + initContainers + ephemeral).contains(requested) else {
            throw APIError.badRequest("container \(requested) is not valid for pod \(pod.name)")
        }
        return requested
    }

    static func pathEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? s
    }

    static func queryEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"])) ?? s
    }
}
