import HTTPTypes
import KubeAPI
import Testing

@testable import KubeAPIServer

/// A token authenticator for these tests only: one known token, anything else invalid.
private struct OneTokenAuthenticator: Authenticator {
    func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let token = request.bearerToken else { return nil }
        guard token == "good" else { throw APIError.unauthorized }
        return UserInfo(username: "alice", groups: ["dev"])
    }
}

@Suite struct AuthSeamTests {
    private func request(_ path: String, token: String? = nil) -> AuthenticationRequest {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return AuthenticationRequest(path: path, headers: headers)
    }

    @Test func chainFindsUsersAndAddsAuthenticatedGroup() async throws {
        let chain = AuthenticatorChain([OneTokenAuthenticator()])
        let user = try await chain.authenticate(request("/api/v1/pods", token: "good"))
        #expect(user?.username == "alice")
        #expect(user?.groups == ["dev", "system:authenticated"])
    }

    @Test func anonymousOnlyOnHealthPaths() async throws {
        let chain = AuthenticatorChain([OneTokenAuthenticator()])
        #expect(try await chain.authenticate(request("/healthz")) == .anonymous)
        #expect(try await chain.authenticate(request("/version")) == .anonymous)
        await #expect(throws: APIError.unauthorized) { try await chain.authenticate(request("/api/v1/pods")) }
        await #expect(throws: APIError.unauthorized) { try await chain.authenticate(request("/healthz", token: "forged")) }
    }

    @Test func forbiddenMessagesMatchKubernetes() {
        let alice = UserInfo(username: "alice")
        let list = AuthorizationAttributes(user: alice, verb: "list", resource: "pods", namespace: "default")
        #expect(list.forbidden(reason: "").message
            == "pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"")
        let node = AuthorizationAttributes(user: alice, verb: "delete", resource: "nodes", name: "n1")
        #expect(node.forbidden(reason: "").message
            == "nodes \"n1\" is forbidden: User \"alice\" cannot delete resource \"nodes\" in API group \"\" at the cluster scope")
        let log = AuthorizationAttributes(
            user: alice, verb: "get", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "ns", name: "web")
        let error = log.forbidden(reason: "no")
        #expect(error.code == 403 && error.reason == "Forbidden")
        #expect(error.message.hasPrefix("deployments.apps \"web\" is forbidden: User \"alice\" cannot get resource \"deployments/scale\""))
        #expect(error.message.hasSuffix(": no"))
        let path = AuthorizationAttributes(user: .anonymous, verb: "get", isResourceRequest: false, path: "/api")
        #expect(path.forbidden(reason: "").message == "forbidden: User \"system:anonymous\" cannot get path \"/api\"")
    }

    @Test func chainOfAuthorizersStopsAtFirstOpinion() async {
        struct Fixed: Authorizer {
            let decision: AuthorizationDecision
            func authorize(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision { decision }
        }
        let attributes = AuthorizationAttributes(user: .anonymous, verb: "get", resource: "pods")
        #expect(await AuthorizerChain([Fixed(decision: .noOpinion(reason: "")), AlwaysAllowAuthorizer()]).authorize(attributes) == .allow)
        #expect(await AuthorizerChain([Fixed(decision: .deny(reason: "x")), AlwaysAllowAuthorizer()]).authorize(attributes) == .deny(reason: "x"))
        #expect(await AuthorizerChain([Fixed(decision: .noOpinion(reason: "a"))]).authorize(attributes) == .noOpinion(reason: "a"))
    }
}
