import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeStorage
import NIOCore
import Testing

@testable import KubeAPIServer

/// Bearer tokens for these tests only: `<name>` authenticates as user `<name>`; `admin` is a
/// member of `system:masters`.
private struct NameTokenAuthenticator: Authenticator {
    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let token = request.bearerToken else { return nil }
        return UserInfo(username: token, groups: token == "admin" ? ["system:masters"] : [])
    }
}

/// A server with authentication and the authorizer chain `skiff server` uses.
private struct SecuredServer {
    let client: any TestClientProtocol

    static func run(store: any KeyValueStore = MemoryStore(), _ body: @Sendable (SecuredServer) async throws -> Void) async throws {
        var config = APIServerConfiguration()
        config.authenticator = AuthenticatorChain([NameTokenAuthenticator()])
        config.authorizer = AuthorizerChain([PrivilegedGroupsAuthorizer(), RBACAuthorizer()])
        let server = try await APIServer.start(store: store, configuration: config)
        let follower = Task { try await server.run() }
        defer { follower.cancel() }
        try await Application(responder: server.responder).test(.router) { client in
            try await body(SecuredServer(client: client))
        }
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil, as token: String,
        headers extra: [(String, String)] = []
    ) async throws -> (Int, JSONValue) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        for (k, v) in extra { headers.append(HTTPField(name: HTTPField.Name(k)!, value: v)) }
        return try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.serialized()) }
        ) { response in
            let bytes = Array(response.body.readableBytesView)
            return (Int(response.status.code), (try? JSONValue.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
        }
    }
}

private let rbac = "/apis/rbac.authorization.k8s.io/v1"

private func roleBinding(_ name: String, ns: String = "default", user: String, clusterRole: String) -> JSONValue {
    [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": ["name": .string(name), "namespace": .string(ns)],
        "subjects": [["kind": "User", "name": .string(user)]],
        "roleRef": ["kind": "ClusterRole", "name": .string(clusterRole)],
    ]
}

private func role(_ name: String, ns: String = "default", verbs: [String], resources: [String]) -> JSONValue {
    [
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": ["name": .string(name), "namespace": .string(ns)],
        "rules": [["apiGroups": [""], "resources": .array(resources.map(JSONValue.string)), "verbs": .array(verbs.map(JSONValue.string))]],
    ]
}

@Suite struct RBACServerTests {
    @Test func bootstrapPolicyIsCreatedWithKubernetesNamesAndBindings() async throws {
        try await SecuredServer.run { s in
            let (code, admin) = try await s.send(.get, rbac + "/clusterroles/cluster-admin", as: "admin")
            #expect(code == 200)
            #expect(admin["rules"] == [["apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]], ["nonResourceURLs": ["*"], "verbs": ["*"]]])
            #expect(admin.labels["kubernetes.io/bootstrapping"] == "rbac-defaults")
            #expect(admin.annotations["rbac.authorization.kubernetes.io/autoupdate"] == "true")
            let (_, view) = try await s.send(.get, rbac + "/clusterroles/view", as: "admin")
            #expect(view.labels["rbac.authorization.k8s.io/aggregate-to-edit"] == "true")
            #expect(view["aggregationRule"] == ["clusterRoleSelectors": [["matchLabels": ["rbac.authorization.k8s.io/aggregate-to-view": "true"]]]])
            let (_, binding) = try await s.send(.get, rbac + "/clusterrolebindings/cluster-admin", as: "admin")
            #expect(binding["subjects"] == [["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:masters"]])
            #expect(binding["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"])
            for name in ["system:discovery", "system:basic-user", "system:public-info-viewer", "system:kube-scheduler", "system:kube-controller-manager", "system:node", "system:node-proxier"] {
                #expect(try await s.send(.get, rbac + "/clusterrolebindings/" + name, as: "admin").0 == 200, "\(name)")
            }
            let (_, apiserver) = try await s.send(.get, rbac + "/clusterrolebindings/kube-apiserver-kubelet-admin", as: "admin")
            #expect(apiserver["subjects"] == [["apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "system:apiserver"]])
            #expect(apiserver["roleRef"]?["name"] == "system:kubelet-api-admin")
            let (_, kubeletAdmin) = try await s.send(.get, rbac + "/clusterroles/system:kubelet-api-admin", as: "admin")
            #expect(kubeletAdmin["rules"]?[2]?["resources"] == ["nodes/proxy", "nodes/metrics", "nodes/spec", "nodes/stats", "nodes/log"])
            let (_, delegator) = try await s.send(.get, rbac + "/clusterroles/system:auth-delegator", as: "admin")
            #expect(delegator["rules"]?[0]?["resources"] == ["tokenreviews"])
            let (_, basic) = try await s.send(.get, rbac + "/clusterroles/system:basic-user", as: "admin")
            #expect(basic["rules"]?.arrayValue?.count == 2)
            #expect(basic["rules"]?[1]?["resources"] == ["selfsubjectreviews"])
        }
    }

    @Test func boundRulesAllowAndEverythingElseIsForbidden() async throws {
        try await SecuredServer.run { s in
            // alice is authenticated but bound to nothing beyond discovery.
            let (apiCode, apiBody) = try await s.send(.get, "/api", as: "alice")
            #expect(apiCode == 200, "\(apiBody)")
            let (code, denied) = try await s.send(.get, "/api/v1/namespaces/default/configmaps", as: "alice")
            #expect(code == 403)
            #expect(denied["message"] == "configmaps is forbidden: User \"alice\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"")
            #expect(try await s.send(.post, rbac + "/namespaces/default/roles", role("cm-reader", verbs: ["get", "list"], resources: ["configmaps"]), as: "admin").0 == 201)
            let binding: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                "metadata": ["name": "alice-reads", "namespace": "default"],
                "subjects": [["kind": "User", "name": "alice"]], "roleRef": ["kind": "Role", "name": "cm-reader"],
            ]
            #expect(try await s.send(.post, rbac + "/namespaces/default/rolebindings", binding, as: "admin").0 == 201)
            #expect(try await s.send(.get, "/api/v1/namespaces/default/configmaps", as: "alice").0 == 200)
            #expect(try await s.send(.get, "/api/v1/namespaces/kube-system/configmaps", as: "alice").0 == 403)
            let (createCode, createBody) = try await s.send(.post, "/api/v1/namespaces/default/configmaps", Fixtures.configMap("x"), as: "alice")
            #expect(createCode == 403)
            #expect(createBody["message"] == "configmaps is forbidden: User \"alice\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"")
            // Removing the binding removes the access at once.
            #expect(try await s.send(.delete, rbac + "/namespaces/default/rolebindings/alice-reads", as: "admin").0 == 200)
            #expect(try await s.send(.get, "/api/v1/namespaces/default/configmaps", as: "alice").0 == 403)
        }
    }

    @Test func escalationIsRefusedUnlessHeldOrEscalateOrBind() async throws {
        try await SecuredServer.run { s in
            // bob may manage roles and bindings in default (admin there) but holds nothing cluster-wide.
            #expect(try await s.send(.post, rbac + "/namespaces/default/rolebindings", roleBinding("bob-admin", user: "bob", clusterRole: "system:aggregate-to-admin"), as: "admin").0 == 201)
            let (code, body) = try await s.send(
                .post, rbac + "/namespaces/default/roles", role("secrets", verbs: ["get"], resources: ["secrets"]), as: "bob")
            #expect(code == 403)
            #expect(body["message"] == .string(
                "roles.rbac.authorization.k8s.io \"secrets\" is forbidden: user \"bob\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}"))
            // A role within what bob holds is fine.
            #expect(try await s.send(.post, rbac + "/namespaces/default/roles", role("rb-reader", verbs: ["get"], resources: ["rolebindings"]).replacingGroups(["rbac.authorization.k8s.io"]), as: "bob").0 == 201)
            // Binding cluster-admin in default is refused; with bind on it, allowed.
            let (bindCode, bindBody) = try await s.send(.post, rbac + "/namespaces/default/rolebindings", roleBinding("carol-all", user: "carol", clusterRole: "cluster-admin"), as: "bob")
            #expect(bindCode == 403)
            #expect(bindBody["message"]?.stringValue?.hasPrefix("rolebindings.rbac.authorization.k8s.io \"carol-all\" is forbidden: user \"bob\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}") == true)
            var binder = role("binder", verbs: ["bind"], resources: ["clusterroles"]).replacingGroups(["rbac.authorization.k8s.io"])
            binder["rules"] = [["apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"], "resourceNames": ["cluster-admin"]]]
            #expect(try await s.send(.post, rbac + "/namespaces/default/roles", binder, as: "admin").0 == 201)
            var bobBinds = roleBinding("bob-binds", user: "bob", clusterRole: "x")
            bobBinds["roleRef"] = ["kind": "Role", "name": "binder"]
            #expect(try await s.send(.post, rbac + "/namespaces/default/rolebindings", bobBinds, as: "admin").0 == 201)
            #expect(try await s.send(.post, rbac + "/namespaces/default/rolebindings", roleBinding("carol-all", user: "carol", clusterRole: "cluster-admin"), as: "bob").0 == 201)
        }
    }

    @Test func impersonationNeedsImpersonateAndThenActsAsTheUser() async throws {
        try await SecuredServer.run { s in
            let (code, body) = try await s.send(.get, "/api/v1/namespaces/default/pods", as: "alice", headers: [("Impersonate-User", "bob")])
            #expect(code == 403)
            #expect(body["message"] == "users \"bob\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope")
            // The admin impersonates dave, who may view default.
            #expect(try await s.send(.post, rbac + "/namespaces/default/rolebindings", roleBinding("dave-view", user: "dave", clusterRole: "system:aggregate-to-view"), as: "admin").0 == 201)
            #expect(try await s.send(.get, "/api/v1/namespaces/default/pods", as: "admin", headers: [("Impersonate-User", "dave")]).0 == 200)
            let (denied, deniedBody) = try await s.send(.delete, "/api/v1/namespaces/default/pods/p", as: "admin", headers: [("Impersonate-User", "dave")])
            #expect(denied == 403)
            #expect(deniedBody["message"] == "pods \"p\" is forbidden: User \"dave\" cannot delete resource \"pods\" in API group \"\" in the namespace \"default\"")
            // Impersonating a group the admin names grants that group's rights.
            #expect(try await s.send(.get, "/api/v1/nodes", as: "admin", headers: [("Impersonate-User", "eve"), ("Impersonate-Group", "system:masters")]).0 == 200)
            #expect(try await s.send(.get, "/api/v1/nodes", as: "admin", headers: [("Impersonate-Group", "system:masters")]).0 == 400)
        }
    }

    @Test func accessAndRulesReviewsAnswerForTheUser() async throws {
        try await SecuredServer.run { s in
            #expect(try await s.send(.post, rbac + "/namespaces/default/rolebindings", roleBinding("dave-view", user: "dave", clusterRole: "system:aggregate-to-view"), as: "admin").0 == 201)
            func ask(_ verb: String, _ resource: String) -> JSONValue {
                ["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                 "spec": ["resourceAttributes": ["namespace": "default", "verb": .string(verb), "resource": .string(resource)]]]
            }
            let (code, yes) = try await s.send(.post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ask("list", "pods"), as: "dave")
            #expect(code == 201)
            #expect(yes["status"]?["allowed"] == true)
            let (_, no) = try await s.send(.post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ask("create", "pods"), as: "dave")
            #expect(no["status"]?["allowed"] == false)
            #expect(try await s.send(.get, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", as: "admin").0 == 405)
            let sar: JSONValue = ["apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
                                  "spec": ["user": "dave", "nonResourceAttributes": ["path": "/apis/apps", "verb": "get"]]]
            let (_, sarBody) = try await s.send(.post, "/apis/authorization.k8s.io/v1/subjectaccessreviews", sar, as: "admin")
            #expect(sarBody["status"]?["allowed"] == false)  // dave is not in system:authenticated here
            let rules: JSONValue = ["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview", "spec": ["namespace": "default"]]
            let (_, list) = try await s.send(.post, "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", rules, as: "dave")
            #expect(list["status"]?["incomplete"] == false)
            let resourceRules = list["status"]?["resourceRules"]?.arrayValue ?? []
            #expect(resourceRules.contains { $0["resources"]?.arrayValue?.contains("pods") == true && $0["verbs"] == ["get", "list", "watch"] })
            #expect(list["status"]?["nonResourceRules"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test func bootstrapReconcilesOnlyRolesMarkedForAutoUpdate() async throws {
        let store = MemoryStore()
        try await SecuredServer.run(store: store) { s in
            var discovery = try await s.send(.get, rbac + "/clusterroles/system:discovery", as: "admin").1
            discovery["rules"] = [["nonResourceURLs": ["/api"], "verbs": ["get"]]]
            #expect(try await s.send(.put, rbac + "/clusterroles/system:discovery", discovery, as: "admin").0 == 200)
            var monitoring = try await s.send(.get, rbac + "/clusterroles/system:monitoring", as: "admin").1
            monitoring["rules"] = [["nonResourceURLs": ["/metrics"], "verbs": ["get"]]]
            monitoring.setMetadata("annotations", ["rbac.authorization.kubernetes.io/autoupdate": "false"])
            #expect(try await s.send(.put, rbac + "/clusterroles/system:monitoring", monitoring, as: "admin").0 == 200)
        }
        try await SecuredServer.run(store: store) { s in
            let discovery = try await s.send(.get, rbac + "/clusterroles/system:discovery", as: "admin").1
            let urls = (discovery["rules"]?.arrayValue ?? []).flatMap { $0["nonResourceURLs"]?.arrayValue ?? [] }
            #expect(urls.first == "/api" && urls.contains("/apis/*") && urls.contains("/version/"))
            let monitoring = try await s.send(.get, rbac + "/clusterroles/system:monitoring", as: "admin").1
            #expect(monitoring["rules"] == [["nonResourceURLs": ["/metrics"], "verbs": ["get"]]])
        }
    }
}

extension JSONValue {
    /// A Role fixture with its rules' API groups replaced.
    fileprivate func replacingGroups(_ groups: [String]) -> JSONValue {
        var out = self
        if var rule = out["rules"]?[0] {
            rule["apiGroups"] = .array(groups.map(JSONValue.string))
            out["rules"] = [rule]
        }
        return out
    }
}
