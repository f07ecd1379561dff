import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeRuntime
import KubeStorage
import Logging
import Synchronization
import Testing

@testable import Kubelet

/// The kubelet API's authorization attributes, as pkg/kubelet/server/auth.go derives them.
@Suite struct KubeletRequestAttributesTests {
    @Test func pathsMapToTheKubeletsSubresources() {
        let cases: [(String, [String])] = [
            ("/stats/summary", ["stats"]), ("/stats", ["stats"]), ("/metrics", ["metrics"]),
            ("/metrics/cadvisor", ["metrics"]), ("/metrics/probes", ["metrics"]), ("/logs/syslog", ["log"]), ("/logs", ["log"]),
            ("/checkpoint/ns/p/c", ["checkpoint"]), ("/spec/", ["spec"]), ("/spec", ["spec"]),
            ("/pods", ["pods", "proxy"]), ("/runningpods/", ["pods", "proxy"]), ("/healthz", ["healthz", "proxy"]),
            ("/healthz/ping", ["healthz", "proxy"]), ("/configz", ["configz", "proxy"]), ("/statusz", ["statusz", "proxy"]),
            ("/exec/ns/p/c", ["proxy"]), ("/attach/ns/p/c", ["proxy"]), ("/portForward/ns/p", ["proxy"]),
            ("/containerLogs/ns/p/c", ["proxy"]), ("/run/ns/p/c", ["proxy"]), ("/", ["proxy"]),
            ("/podsx", ["proxy"]), ("/statsfoo", ["proxy"]), ("/metricsx", ["proxy"]),
        ]
        for (path, expected) in cases {
            #expect(KubeletRequestAttributes.subresources(path: path) == expected, "\(path)")
        }
    }

    @Test func methodsMapToVerbsAsTheKubeletMapsThem() {
        let cases: [(HTTPRequest.Method, String)] = [
            (.get, "get"), (.post, "create"), (.put, "update"), (.patch, "patch"), (.delete, "delete"), (.head, ""), (.options, ""),
        ]
        for (method, verb) in cases { #expect(KubeletRequestAttributes.verb(method) == verb) }
        let user = UserInfo(username: "bob")
        let attributes = KubeletRequestAttributes.attributes(user: user, method: .get, path: "/pods", node: "n1")
        #expect(attributes.map(\.subresource) == ["pods", "proxy"])
        #expect(attributes.allSatisfy { $0.node == "n1" && $0.verb == "get" && $0.path == "/pods" })
        #expect(
            KubeletRequestAttributes.forbiddenMessage(attributes)
                == "Forbidden (user=bob, verb=get, resource=nodes, subresource(s)=[pods proxy])\n")
    }
}

/// A `KubeletAuth` with fixed tokens and grants, counting the questions it is asked.
final class FixedKubeletAuth: KubeletAuth {
    let users: [String: UserInfo]
    let grants: Set<String>
    let asked = Mutex<[String]>([])

    /// `grants` holds `user/verb/subresource` strings.
    init(users: [String: UserInfo], grants: Set<String>) {
        self.users = users
        self.grants = grants
    }

    func authenticate(_ request: KubeletAuthRequest) async -> UserInfo? {
        request.bearerToken.flatMap { users[$0] }
    }

    func authorize(_ a: KubeletAuthorizationAttributes) async throws -> Bool {
        asked.withLock { $0.append("\(a.user.username)/\(a.verb)/\(a.node)/\(a.subresource)") }
        return grants.contains("\(a.user.username)/\(a.verb)/\(a.subresource)")
    }
}

@Suite struct KubeletAuthMiddlewareTests {
    @Test func requestsAreAuthenticatedThenAuthorizedPerSubresource() async throws {
        let auth = FixedKubeletAuth(
            users: ["bob-token": UserInfo(username: "bob"), "eve-token": UserInfo(username: "eve")],
            grants: ["bob/get/proxy", "eve/get/healthz"])
        let server = KubeletServer(
            runtime: InMemoryRuntime(), podLogsDirectory: NSTemporaryDirectory(), logger: Logger(label: "test"), node: "node-a",
            auth: auth)
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            // "CODE BODY" of a request with `token`.
            let get: @Sendable (String, String?, HTTPRequest.Method) async throws -> String = { path, token, method in
                var headers = HTTPFields()
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(uri: path, method: method, headers: headers) { response in
                    "\(response.status.code) " + String(decoding: response.body.readableBytesView, as: UTF8.self)
                }
            }
            var answers: [String] = []
            for (path, token, method) in [
                ("/healthz", nil, HTTPRequest.Method.get), ("/healthz", "wrong", .get), ("/healthz", "eve-token", .get),
                ("/containerLogs/ns/p/c", "eve-token", .get), ("/healthz", "bob-token", .get), ("/exec/ns/p/c?command=ls", "bob-token", .post),
            ] as [(String, String?, HTTPRequest.Method)] {
                answers.append(try await get(path, token, method))
            }
            // eve reaches healthz through its own subresource, but nothing else; bob holds
            // nodes/proxy, to which healthz falls back.
            #expect(
                answers == [
                    "401 Unauthorized", "401 Unauthorized", "200 ok",
                    "403 Forbidden (user=eve, verb=get, resource=nodes, subresource(s)=[proxy])\n", "200 ok",
                    "403 Forbidden (user=bob, verb=create, resource=nodes, subresource(s)=[proxy])\n",
                ])
        }
        #expect(
            auth.asked.withLock { $0 }
                == ["eve/get/node-a/healthz", "eve/get/node-a/proxy", "bob/get/node-a/healthz", "bob/get/node-a/proxy", "bob/create/node-a/proxy"])
    }
}

/// `APIServerKubeletAuth` against a live API server with static tokens and RBAC.
@Suite struct APIServerKubeletAuthTests {
    @Test func tokensAreReviewedAndAccessIsAskedOfTheAPIServerWithCaching() async throws {
        var configuration = APIServerConfiguration()
        configuration.authenticator = AuthenticatorChain([
            StaticTokenAuthenticator(users: [
                "kubelet-token": UserInfo(username: "system:node:node-a", groups: ["system:nodes"]),
                "admin-token": UserInfo(username: "admin", groups: ["system:masters"]),
                "alice-token": UserInfo(username: "alice", uid: "a1", groups: ["dev"]),
            ])
        ])
        configuration.authorizer = AuthorizerChain([PrivilegedGroupsAuthorizer(), RBACAuthorizer()])
        let server = try await APIServer.start(store: MemoryStore(), configuration: configuration)
        let follower = Task { try await server.run() }
        defer { follower.cancel() }
        let app = Application(responder: server.responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { testClient in
            let port = try #require(testClient.port)
            let base = "http://127.0.0.1:\(port)"
            let kubelet = KubeClient(config: ClientConfig(server: base, bearerToken: "kubelet-token"), maxConnections: 4)
            let admin = KubeClient(config: ClientConfig(server: base, bearerToken: "admin-token"), maxConnections: 4)
            let clock = TestNow()
            let auth = APIServerKubeletAuth(client: kubelet, verifyClientCertificate: { _ in nil }, now: { clock.now })
            let alice = try #require(await auth.authenticate(KubeletAuthRequest(headers: [.authorization: "Bearer alice-token"])))
            #expect(alice.username == "alice" && alice.uid == "a1" && alice.groups == ["dev", "system:authenticated"])
            #expect(await auth.authenticate(KubeletAuthRequest(headers: [.authorization: "Bearer nobody"])) == nil)
            #expect(await auth.authenticate(KubeletAuthRequest(headers: [:])) == nil)
            let logs = KubeletAuthorizationAttributes(user: alice, verb: "get", node: "node-a", subresource: "proxy", path: "/containerLogs/a/b/c")
            #expect(try await auth.authorize(logs) == false)
            let binding: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "alice-kubelet"],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "system:kubelet-api-admin"],
                "subjects": [["apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice"]],
            ]
            _ = try await admin.request(.POST, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", body: binding.serialized())
            // A denial is kept 30 seconds, an allowance 5 minutes.
            #expect(try await auth.authorize(logs) == false)
            clock.advance(31)
            #expect(try await auth.authorize(logs) == true)
            _ = try await admin.request(.DELETE, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/alice-kubelet")
            clock.advance(299)
            #expect(try await auth.authorize(logs) == true)
            clock.advance(2)
            #expect(try await auth.authorize(logs) == false)
            await kubelet.shutdown()
            await admin.shutdown()
        }
    }
}

/// A clock the tests move by hand.
final class TestNow: Sendable {
    private let current = Mutex(Date())
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
