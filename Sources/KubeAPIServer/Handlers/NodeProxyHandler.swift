import AsyncHTTPClient
import HTTPTypes
import Foundation
import Hummingbird
import KubeAPI

extension APIHandler {
    /// The methods `nodes/NAME/proxy` forwards, as Kubernetes' proxy subresource.
    static let nodeProxyMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]

    /// `nodes/NAME/proxy[/PATH]` with any of `nodeProxyMethods`: forwards the method, body and
    /// content type to PATH (and the query) on the node's kubelet with the API server's kubelet
    /// client credentials, and streams the kubelet's answer back with its status and content
    /// type (so `kubectl get --raw /api/v1/nodes/N/proxy/stats/summary` works). The caller was
    /// authorized for the method's verb (`get`, `create`, ...) on `nodes/proxy`; the kubelet
    /// authorizes the API server. 404 for a missing node, 400 when the node has no kubelet
    /// endpoint, 503 when the kubelet cannot be reached.
    func nodeProxy(_ api: APIRequest, _ t: ResourceTarget, name: String) async throws(APIError) -> Response {
        let url = try await kubeletBaseURL(node: name) + Self.proxyLocation(path: t.proxyPath, query: api.query)
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: api.method.rawValue)
        if !api.body.isEmpty { request.body = .bytes(api.body) }
        if !api.contentType.isEmpty { request.headers.add(name: "Content-Type", value: api.contentType) }
        let response: HTTPClientResponse
        do {
            response = try await kubelets.client.execute(request, timeout: .seconds(120))
        } catch {
            throw APIError(code: 503, reason: "ServiceUnavailable", message: "error trying to reach service: \(error)")
        }
        var headers: HTTPFields = [:]
        if let type = response.headers.first(name: "Content-Type") { headers[.contentType] = type }
        return Response(
            status: .init(code: Int(response.status.code)), headers: headers, body: ResponseBody(asyncSequence: response.body))
    }

    /// `/PATH?QUERY` on the kubelet: each segment escaped again, the query sorted by key.
    static func proxyLocation(path: [String], query: [String: String]) -> String {
        var location = "/" + path.map(pathEscape).joined(separator: "/")
        if !query.isEmpty {
            location += "?" + query.sorted { $0.key < $1.key }.map { "\(queryEscape($0.key))=\(queryEscape($0.value))" }.joined(separator: "&")
        }
        return location
    }
}
