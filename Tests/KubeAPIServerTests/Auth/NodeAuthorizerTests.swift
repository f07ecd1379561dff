import HTTPTypes
import KubeAPI
import KubeStorage
import Testing

@testable import KubeAPIServer

/// Bearer tokens naming users, for these tests only: `node:<name>` is that node's identity,
/// `admin` a system:masters member.
private struct NamedTokens: Authenticator {
    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let token = request.bearerToken else { return nil }
        if token == "admin" { return UserInfo(username: "admin", groups: ["system:masters"]) }
        guard token.hasPrefix("node:") else { throw APIError.unauthorized }
        return UserInfo(username: "system:node:\(token.dropFirst(5))", groups: ["system:nodes"])
    }
}

@Suite struct NodeAuthorizerTests {
    static func configuration() -> APIServerConfiguration {
        var config = APIServerConfiguration()
        config.authenticator = AuthenticatorChain([NamedTokens()])
        config.nodeAuthorization = true
        return config
    }

    static func as_(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    static func pod(_ name: String, node: String) -> JSONValue {
        [
            "kind": "Pod", "metadata": ["name": .string(name)],
            "spec": [
                "nodeName": .string(node),
                "containers": [["name": "c", "image": "busybox", "env": [["name": "K", "valueFrom": ["configMapKeyRef": ["name": "env-cm", "key": "k"]]]]]],
                "volumes": [["name": "s", "secret": ["secretName": "mine"]]],
            ],
        ]
    }

    @Test func aNodeReachesOnlyItsOwnObjectsAndWhatItsPodsUse() async throws {
        try await APIServerHarness.run(configuration: Self.configuration()) { h in
            let admin = Self.as_("admin")
            for object: JSONValue in [
                ["kind": "Node", "metadata": ["name": "n1"]], ["kind": "Node", "metadata": ["name": "n2"]],
            ] {
                #expect(try await h.send(.post, "/api/v1/nodes", object, headers: admin).0 == 201)
            }
            for (name, kind) in [("mine", "secrets"), ("theirs", "secrets"), ("env-cm", "configmaps")] {
                let object: JSONValue = ["kind": kind == "secrets" ? "Secret" : "ConfigMap", "metadata": ["name": .string(name)]]
                #expect(try await h.send(.post, "/api/v1/namespaces/default/\(kind)", object, headers: admin).0 == 201)
            }
            #expect(try await h.send(.post, "/api/v1/namespaces/default/pods", Self.pod("here", node: "n1"), headers: admin).0 == 201)
            #expect(try await h.send(.post, "/api/v1/namespaces/default/pods", Self.pod("there", node: "n2"), headers: admin).0 == 201)
            let n1 = Self.as_("node:n1")
            var codes: [String: Int] = [:]
            let asks: [(String, HTTPRequest.Method, String, JSONValue?)] = [
                ("read all nodes", .get, "/api/v1/nodes", nil),
                ("patch own node", .patch, "/api/v1/nodes/n1/status", ["status": ["phase": "Running"]]),
                ("patch other node", .patch, "/api/v1/nodes/n2/status", ["status": ["phase": "Running"]]),
                ("delete other node", .delete, "/api/v1/nodes/n2", nil),
                ("secret of own pod", .get, "/api/v1/namespaces/default/secrets/mine", nil),
                ("configmap of own pod", .get, "/api/v1/namespaces/default/configmaps/env-cm", nil),
                ("unrelated secret", .get, "/api/v1/namespaces/default/secrets/theirs", nil),
                ("list secrets", .get, "/api/v1/namespaces/default/secrets", nil),
                ("status of own pod", .patch, "/api/v1/namespaces/default/pods/here/status", ["status": ["phase": "Running"]]),
                ("status of other pod", .patch, "/api/v1/namespaces/default/pods/there/status", ["status": ["phase": "Running"]]),
                ("delete other pod", .delete, "/api/v1/namespaces/default/pods/there", nil),
                ("create pod", .post, "/api/v1/namespaces/default/pods", Self.pod("new", node: "n1")),
                ("read pods", .get, "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1", nil),
            ]
            for (what, method, path, body) in asks {
                codes[what] = try await h.send(method, path, body, contentType: "application/merge-patch+json", headers: n1).0
            }
            #expect(codes == [
                "read all nodes": 200, "patch own node": 200, "patch other node": 403, "delete other node": 403,
                "secret of own pod": 200, "configmap of own pod": 200, "unrelated secret": 403, "list secrets": 403,
                "status of own pod": 200, "status of other pod": 403, "delete other pod": 403, "create pod": 403,
                "read pods": 200,
            ])
            let (_, denied) = try await h.send(.get, "/api/v1/namespaces/default/secrets/theirs", headers: n1)
            #expect(denied["message"]?.stringValue
                == "secrets \"theirs\" is forbidden: User \"system:node:n1\" cannot get resource \"secrets\" in API group \"\" in the namespace \"default\": no relationship found between node 'n1' and this object")
        }
    }

    @Test func referencesCoverVolumesProjectionsEnvAndPullSecrets() {
        let pod: JSONValue = [
            "spec": [
                "imagePullSecrets": [["name": "pull"]],
                "volumes": [
                    ["name": "a", "secret": ["secretName": "vol-s"]], ["name": "b", "configMap": ["name": "vol-c"]],
                    ["name": "p", "projected": ["sources": [["secret": ["name": "proj-s"]], ["configMap": ["name": "proj-c"]]]]],
                ],
                "initContainers": [["name": "i", "envFrom": [["secretRef": ["name": "from-s"]], ["configMapRef": ["name": "from-c"]]]]],
                "containers": [["name": "c", "env": [["name": "X", "valueFrom": ["secretKeyRef": ["name": "key-s", "key": "k"]]]]]],
            ],
        ]
        #expect(PodReferences.names(in: pod, resource: "secrets") == ["pull", "vol-s", "proj-s", "from-s", "key-s"])
        #expect(PodReferences.names(in: pod, resource: "configmaps") == ["vol-c", "proj-c", "from-c"])
    }
}
