import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeStorage
import NIOCore
import Testing

@testable import KubeAPIServer

/// Bearer tokens of these tests: `<name>` is user `<name>`; `admin` is in `system:masters`.
private struct NamedTokens: Authenticator {
    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let token = request.bearerToken else { return nil }
        return UserInfo(username: token, groups: token == "admin" ? ["system:masters"] : [])
    }
}

/// `nodes/{name}/proxy/{path}` forwarding to the node's kubelet, authorized as `nodes/proxy`.
@Suite struct NodeProxyTests {
    /// A stand-in kubelet answering `/stats/summary` with the path and query it got, `/pods`
    /// with a 403 as a kubelet that denies the API server would, and `POST /echo` with the
    /// content type and body it got.
    static func fakeKubelet() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/stats/summary") { request, _ in
            let body: JSONValue = ["path": .string(request.uri.path), "query": .string(request.uri.query ?? "")]
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body.serialized())))
        }
        router.get("/pods") { _, _ in
            Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "Forbidden (user=system:apiserver, verb=get, resource=nodes, subresource(s)=[pods proxy])\n")))
        }
        router.post("/echo") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let echo: JSONValue = ["type": .string(request.headers[.contentType] ?? ""), "body": .string(String(buffer: body))]
            return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: echo.serialized())))
        }
        return router
    }

    static func binding(_ name: String, user: String, role: String) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": .string(name)],
            "subjects": [["kind": "User", "name": .string(user)]], "roleRef": ["kind": "ClusterRole", "name": .string(role)],
        ]
    }

    @Test func getIsForwardedToTheKubeletAndNeedsNodesProxy() async throws {
        try await Application(router: Self.fakeKubelet(), configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { kubelet in
            let port = try #require(kubelet.port)
            var config = APIServerConfiguration()
            config.authenticator = AuthenticatorChain([NamedTokens()])
            config.authorizer = AuthorizerChain([PrivilegedGroupsAuthorizer(), RBACAuthorizer()])
            config.kubeletAddress = "127.0.0.1"
            let server = try await APIServer.start(store: MemoryStore(), configuration: config)
            let follower = Task { try await server.run() }
            defer { follower.cancel() }
            try await Application(responder: server.responder).test(.router) { client in
                let send: @Sendable (HTTPRequest.Method, String, JSONValue?, String) async throws -> (Int, String, String) = { method, path, body, token in
                    var headers: HTTPFields = [.authorization: "Bearer \(token)"]
                    if body != nil { headers[.contentType] = "application/json" }
                    return try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.serialized()) }) {
                        (Int($0.status.code), $0.headers[.contentType] ?? "", String(decoding: $0.body.readableBytesView, as: UTF8.self))
                    }
                }
                let node: JSONValue = [
                    "apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"],
                    "status": ["daemonEndpoints": ["kubeletEndpoint": ["Port": .number(String(port))]]],
                ]
                #expect(try await send(.post, "/api/v1/nodes", node, "admin").0 == 201)
                _ = try await send(.put, "/api/v1/nodes/n1/status", node, "admin")
                for (user, role) in [("viewer", "system:aggregate-to-view"), ("editor", "system:aggregate-to-edit"), ("kadmin", "system:kubelet-api-admin")] {
                    #expect(try await send(.post, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", Self.binding(user, user: user, role: role), "admin").0 == 201)
                }

                let (code, type, body) = try await send(.get, "/api/v1/nodes/n1/proxy/stats/summary?only_cpu_and_memory=true", nil, "kadmin")
                #expect(code == 200 && type == "application/json")
                #expect(try JSONValue.parse(Array(body.utf8)) == ["path": "/stats/summary", "query": "only_cpu_and_memory=true"])
                // The kubelet's own answer comes back as it is.
                #expect(try await send(.get, "/api/v1/nodes/n1/proxy/pods", nil, "admin").0 == 403)
                for user in ["viewer", "editor"] {
                    let (denied, _, message) = try await send(.get, "/api/v1/nodes/n1/proxy/stats/summary", nil, user)
                    #expect(denied == 403)
                    #expect(
                        try JSONValue.parse(Array(message.utf8))["message"]
                            == .string("nodes \"n1\" is forbidden: User \"\(user)\" cannot get resource \"nodes/proxy\" in API group \"\" at the cluster scope"))
                }
                let (missing, _, notFound) = try await send(.get, "/api/v1/nodes/nope/proxy/stats/summary", nil, "admin")
                let missingMessage = try JSONValue.parse(Array(notFound.utf8))["message"]
                #expect(missing == 404 && missingMessage == "nodes \"nope\" not found")
                // Other methods go through with their body and content type, as the kubelet answers them.
                let (posted, _, echoed) = try await send(.post, "/api/v1/nodes/n1/proxy/echo", ["a": 1], "admin")
                #expect(posted == 201)
                #expect(try JSONValue.parse(Array(echoed.utf8)) == ["type": "application/json", "body": "{\"a\":1}"])
                #expect(try await send(.put, "/api/v1/nodes/n1/proxy/stats/summary", nil, "admin").0 >= 400)
                // POST needs `create` on nodes/proxy: a role with only `get` there is refused.
                let (refused, _, why) = try await send(.post, "/api/v1/nodes/n1/proxy/echo", ["a": 1], "viewer")
                let reason = try JSONValue.parse(Array(why.utf8))["message"]?.stringValue ?? ""
                #expect(refused == 403 && reason.hasSuffix("cannot create resource \"nodes/proxy\" in API group \"\" at the cluster scope"), "\(why)")
                #expect(try await send(HTTPRequest.Method("TRACE") ?? .get, "/api/v1/nodes/n1/proxy/stats/summary", nil, "admin").0 == 405)
                let (_, _, discovery) = try await send(.get, "/api/v1", nil, "admin")
                let proxy = try JSONValue.parse(Array(discovery.utf8))["resources"]?.arrayValue?.first { $0["name"] == "nodes/proxy" }
                #expect(proxy?["kind"] == "NodeProxyOptions")
            }
        }
    }

    @Test func onlyKubeletAPIRolesGrantNodesProxyStatsAndMetrics() {
        let asks = ["proxy", "stats", "metrics", "log"].map {
            AuthorizationAttributes(user: UserInfo(username: "u"), verb: "get", resource: "nodes", subresource: $0, name: "n1")
        }
        let grants = { (name: String) in
            let rules = BootstrapRoles.all.first { $0.metadata.name == name }?.rules ?? []
            return asks.filter { ask in rules.contains { RuleMatching.allows($0, ask) } }.map(\.subresource)
        }
        for role in ["system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view"] {
            #expect(grants(role).isEmpty, "\(role)")
        }
        #expect(grants("system:kubelet-api-admin") == ["proxy", "stats", "metrics", "log"])
        #expect(grants("cluster-admin") == ["proxy", "stats", "metrics", "log"])
    }
}
