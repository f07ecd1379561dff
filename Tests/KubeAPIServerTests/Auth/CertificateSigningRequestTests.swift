import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubePKI
import KubeStorage
import NIOCore
import Testing

@testable import KubeAPIServer

/// CertificateSigningRequests through a server with node joining on: the requester recorded
/// from the bootstrap token, validation, the approval and status subresources, the kubectl
/// columns, and `/cacerts` without credentials.
@Suite struct CertificateSigningRequestTests {
    static let token = BootstrapToken(id: "join01", secret: "0123456789abcdef", extraGroups: [BootstrapToken.defaultNodeGroup])
    static let path = "/apis/certificates.k8s.io/v1/certificatesigningrequests"

    /// `admin` is in system:masters, `clerk` has only what RBAC grants; bootstrap tokens authenticate through the node join setup.
    private struct AdminToken: Authenticator {
        func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
            switch request.bearerToken {
            case "admin": UserInfo(username: "admin", groups: ["system:masters"])
            case "clerk": UserInfo(username: "clerk")
            default: nil
            }
        }
    }

    static func run(_ body: @Sendable (_ send: Sender) async throws -> Void) async throws {
        var config = APIServerConfiguration()
        config.authenticator = AuthenticatorChain([AdminToken()])
        config.authorizer = AuthorizerChain([PrivilegedGroupsAuthorizer(), RBACAuthorizer()])
        config.nodeJoin = NodeJoinConfiguration(serverCA: "SERVER-CA-PEM\n", clientCA: "CLIENT-CA-PEM\n", tokens: [token])
        let server = try await APIServer.start(store: MemoryStore(), configuration: config)
        let follower = Task { try await server.run() }
        defer { follower.cancel() }
        try await Application(responder: server.responder).test(.router) { client in
            try await body(Sender(client: client))
        }
    }

    struct Sender {
        let client: any TestClientProtocol

        func callAsFunction(
            _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil, token: String?, accept: String? = nil
        ) async throws -> (Int, JSONValue) {
            var headers: HTTPFields = [:]
            if let token { headers[.authorization] = "Bearer \(token)" }
            if body != nil { headers[.contentType] = "application/json" }
            if let accept { headers[.accept] = accept }
            return try await client.execute(
                uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0.serialized()) }
            ) { response in
                let bytes = Array(response.body.readableBytesView)
                return (Int(response.status.code), (try? JSONValue.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
            }
        }
    }

    static func csr(_ name: String, signer: String = "kubernetes.io/kube-apiserver-client-kubelet", usages: [String] = ["digital signature", "client auth"]) throws -> JSONValue {
        let pem = try CertificateRequest.make(commonName: "system:node:n1", organizations: ["system:nodes"])
        return [
            "apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest", "metadata": ["name": .string(name)],
            "spec": [
                "request": .string(Data(pem.utf8).base64EncodedString()), "signerName": .string(signer),
                "usages": .array(usages.map { .string($0) }), "username": "someone-else", "groups": ["system:masters"],
            ],
        ]
    }

    static func fields(_ status: JSONValue) -> [String] {
        (status["details"]?["causes"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
    }

    @Test func theServerRecordsTheBootstrapRequester() async throws {
        try await Self.run { send in
            let (code, created) = try await send(.post, Self.path, try Self.csr("node-csr-a"), token: Self.token.text)
            #expect(code == 201, "\(created)")
            #expect(created["spec"]?["username"]?.stringValue == "system:bootstrap:join01")
            let groups = (created["spec"]?["groups"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(groups == ["system:bootstrappers", BootstrapToken.defaultNodeGroup, "system:authenticated"])
            // The bootstrapper may read requests but not approve them.
            #expect(try await send(.get, Self.path + "/node-csr-a", token: Self.token.text).0 == 200)
            var approved = created
            approved.set([["type": "Approved", "status": "True", "reason": "Mine"]], at: ["status", "conditions"])
            #expect(try await send(.put, Self.path + "/node-csr-a/approval", approved, token: Self.token.text).0 == 403)
            #expect(try await send(.get, "/api/v1/secrets", token: Self.token.text).0 == 403)
            #expect(try await send(.get, Self.path, token: "abcdef.0000000000000000").0 == 401)
        }
    }

    @Test func invalidRequestsAreRefused() async throws {
        try await Self.run { send in
            var notPEM = try Self.csr("bad-1")
            notPEM.set(.string(Data("hello".utf8).base64EncodedString()), at: ["spec", "request"])
            let (c1, s1) = try await send(.post, Self.path, notPEM, token: "admin")
            #expect(c1 == 422 && Self.fields(s1) == ["spec.request"], "\(s1)")
            var noSigner = try Self.csr("bad-2")
            noSigner.set(.string(""), at: ["spec", "signerName"])
            let (c2, s2) = try await send(.post, Self.path, noSigner, token: "admin")
            #expect(c2 == 422 && Self.fields(s2) == ["spec.signerName"], "\(s2)")
            let (c3, s3) = try await send(.post, Self.path, try Self.csr("bad-3", usages: ["client auth", "flying"]), token: "admin")
            #expect(c3 == 422 && Self.fields(s3) == ["spec.usages[1]"], "\(s3)")
            let (c4, s4) = try await send(.post, Self.path, try Self.csr("bad-4", usages: []), token: "admin")
            #expect(c4 == 422 && Self.fields(s4) == ["spec.usages"], "\(s4)")
            var short = try Self.csr("bad-5")
            short.set(.int(60), at: ["spec", "expirationSeconds"])
            let (c5, s5) = try await send(.post, Self.path, short, token: "admin")
            #expect(c5 == 422 && Self.fields(s5) == ["spec.expirationSeconds"], "\(s5)")
        }
    }

    @Test func approvalAndStatusSubresourcesKeepToTheirFields() async throws {
        try await Self.run { send in
            let (_, created) = try await send(.post, Self.path, try Self.csr("node-csr-b"), token: "admin")
            #expect(created["spec"]?["username"]?.stringValue == "admin")
            var early = created
            early.set(.string(Data("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n".utf8).base64EncodedString()), at: ["status", "certificate"])
            let (c0, s0) = try await send(.put, Self.path + "/node-csr-b/status", early, token: "admin")
            #expect(c0 == 422 && Self.fields(s0) == ["status.certificate"], "\(s0)")
            var approval = created
            approval.set(
                [["type": "Approved", "status": "True", "reason": "KubectlApprove", "message": "This CSR was approved by kubectl certificate approve."]],
                at: ["status", "conditions"])
            approval.set(.string("tampered"), at: ["spec", "signerName"])
            let (c1, approved) = try await send(.put, Self.path + "/node-csr-b/approval", approval, token: "admin")
            #expect(c1 == 200, "\(approved)")
            #expect(approved["spec"]?["signerName"]?.stringValue == "kubernetes.io/kube-apiserver-client-kubelet")
            let condition = approved["status"]?["conditions"]?[0]
            #expect(condition?["reason"]?.stringValue == "KubectlApprove")
            #expect(condition?["lastUpdateTime"]?.stringValue?.isEmpty == false)
            var both = approved
            both.set(.array((approved["status"]?["conditions"]?.arrayValue ?? []) + [["type": "Denied", "status": "True"]]), at: ["status", "conditions"])
            let (c2, s2) = try await send(.put, Self.path + "/node-csr-b/approval", both, token: "admin")
            #expect(c2 == 422 && Self.fields(s2) == ["status.conditions"], "\(s2)")
            let (_, table) = try await send(.get, Self.path, token: "admin", accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
            let columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            #expect(columns == ["Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition"])
            let cells = table["rows"]?[0]?["cells"]?.arrayValue ?? []
            #expect(cells.count == 6 && cells[3].stringValue == "admin" && cells[4].stringValue == "<none>" && cells[5].stringValue == "Approved")
        }
    }

    @Test func caBundleIsPublicAndClientCAIsForNodes() async throws {
        try await Self.run { send in
            let (code, body) = try await send(.get, "/cacerts", token: nil)
            #expect(code == 200 && body.stringValue == "SERVER-CA-PEM\n")
            #expect(try await send(.get, NodeJoinConfiguration.clientCAPath, token: nil).0 == 401)
            #expect(try await send(.get, NodeJoinConfiguration.clientCAPath, token: "admin").0 == 403)
            let (c2, ca) = try await send(.get, NodeJoinConfiguration.clientCAPath, token: Self.token.text)
            #expect(c2 == 200 && ca.stringValue == "CLIENT-CA-PEM\n")
            #expect(try await send(.get, "/api/v1/namespaces", token: nil).0 == 401)
        }
    }

    @Test func approvingNeedsApproveOnTheSigner() async throws {
        try await Self.run { send in
            let rbac = "/apis/rbac.authorization.k8s.io/v1"
            let role: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "csr-clerk"],
                "rules": [
                    ["apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests", "certificatesigningrequests/approval"],
                     "verbs": ["get", "update"]],
                ],
            ]
            #expect(try await send(.post, rbac + "/clusterroles", role, token: "admin").0 == 201)
            let binding: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "csr-clerk"],
                "subjects": [["kind": "User", "name": "clerk"]], "roleRef": ["kind": "ClusterRole", "name": "csr-clerk"],
            ]
            #expect(try await send(.post, rbac + "/clusterrolebindings", binding, token: "admin").0 == 201)
            var (_, csr) = try await send(.post, Self.path, try Self.csr("node-csr-c"), token: "admin")
            csr.set([["type": "Approved", "status": "True", "reason": "Clerk"]], at: ["status", "conditions"])
            let (code, status) = try await send(.put, Self.path + "/node-csr-c/approval", csr, token: "clerk")
            #expect(code == 403, "\(status)")
            #expect(
                status["message"]?.stringValue
                    == "certificatesigningrequests.certificates.k8s.io \"node-csr-c\" is forbidden: user not permitted to approve requests with signerName \"kubernetes.io/kube-apiserver-client-kubelet\"")
            var grant = role
            grant.set(
                .array((role["rules"]?.arrayValue ?? []) + [
                    ["apiGroups": ["certificates.k8s.io"], "resources": ["signers"], "resourceNames": ["kubernetes.io/*"], "verbs": ["approve"]]
                ]), at: ["rules"])
            #expect(try await send(.put, rbac + "/clusterroles/csr-clerk", grant, token: "admin").0 == 200)
            let (again, approved) = try await send(.put, Self.path + "/node-csr-c/approval", csr, token: "clerk")
            #expect(again == 200, "\(approved)")
        }
    }
}
