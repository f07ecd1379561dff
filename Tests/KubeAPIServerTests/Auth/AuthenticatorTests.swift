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

@Suite struct X509AuthenticatorTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func request(_ certificates: [[UInt8]]) -> AuthenticationRequest {
        AuthenticationRequest(path: "/api/v1/pods", headers: [:], peerCertificates: certificates)
    }

    @Test func certificateNamesUserAndGroups() async throws {
        let ca = try CertificateAuthority.generate(commonName: "client-ca", now: start)
        let alice = try ca.issue(.client("alice", groups: ["dev", "ops"]), now: start)
        let authenticator = X509Authenticator(clientCA: ca, now: { [start] in start.addingTimeInterval(3600) })
        let user = try await authenticator.authenticate(request([alice.certificateDER]))
        #expect(user == UserInfo(username: "alice", groups: ["dev", "ops"]))
        #expect(try await authenticator.authenticate(request([])) == nil)
    }

    @Test func otherCAExpiredAndServingCertificatesAreUnauthorized() async throws {
        let ca = try CertificateAuthority.generate(commonName: "client-ca", now: start)
        let other = try CertificateAuthority.generate(commonName: "other-ca", now: start)
        let forged = try other.issue(.admin, now: start)
        let admin = try ca.issue(.admin, now: start)
        let serving = try ca.issue(.server("kube-apiserver", dnsNames: ["localhost"], ipAddresses: []), now: start)
        let now = X509AuthenticatorTests.Clock(start.addingTimeInterval(60))
        let authenticator = X509Authenticator(clientCA: ca, now: { now.value })
        await #expect(throws: APIError.unauthorized) { try await authenticator.authenticate(request([forged.certificateDER])) }
        await #expect(throws: APIError.unauthorized) { try await authenticator.authenticate(request([serving.certificateDER])) }
        await #expect(throws: APIError.unauthorized) { try await authenticator.authenticate(request([[0x30, 0x03, 1, 2, 3]])) }
        #expect(try await authenticator.authenticate(request([admin.certificateDER]))?.username == "system:admin")
        now.value = start.addingTimeInterval(366 * 24 * 3600)
        await #expect(throws: APIError.unauthorized) { try await authenticator.authenticate(request([admin.certificateDER])) }
    }

    /// A settable clock for the tests.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ date: Date) { current = date }
        var value: Date {
            get { lock.withLock { current } }
            set { lock.withLock { current = newValue } }
        }
    }
}

@Suite struct StaticTokenAuthenticatorTests {
    private func request(token: String?) -> AuthenticationRequest {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return AuthenticationRequest(path: "/api/v1/pods", headers: headers)
    }

    @Test func parsesKubeAPIServerTokenFiles() async throws {
        let csv = """
            t1,alice,uid-1,"dev,ops"
            t2,bob,uid-2
            ,nobody,uid-3
            "t,4",carol,uid-4,viewers\r

            """
        let authenticator = try StaticTokenAuthenticator(csv: csv, path: "/etc/tokens.csv")
        #expect(try await authenticator.authenticate(request(token: "t1")) == UserInfo(username: "alice", uid: "uid-1", groups: ["dev", "ops"]))
        #expect(try await authenticator.authenticate(request(token: "t2")) == UserInfo(username: "bob", uid: "uid-2"))
        #expect(try await authenticator.authenticate(request(token: "t,4"))?.groups == ["viewers"])
        #expect(try await authenticator.authenticate(request(token: "wrong")) == nil)
        #expect(try await authenticator.authenticate(request(token: nil)) == nil)
        #expect(authenticator.users.count == 3)
    }

    @Test func wrongTokenIsUnauthorizedThroughTheChain() async throws {
        let chain = AuthenticatorChain([try StaticTokenAuthenticator(csv: "good,alice,1\n")])
        #expect(try await chain.authenticate(request(token: "good"))?.groups == ["system:authenticated"])
        await #expect(throws: APIError.unauthorized) { try await chain.authenticate(request(token: "bad")) }
    }

    @Test func shortLinesAreRejectedWithKubernetesMessage() {
        #expect(throws: APIError.badRequest("token file '/t.csv' must have at least 3 columns (token, user name, user uid), found 2")) {
            try StaticTokenAuthenticator(csv: "tok,alice\n", path: "/t.csv")
        }
        #expect(throws: APIError.self) { try StaticTokenAuthenticator(csv: "\"unterminated,alice,1\n") }
    }
}

@Suite struct SelfSubjectReviewTests {
    @Test func returnsTheRequestersUserInfo() async throws {
        var configuration = APIServerConfiguration()
        configuration.authenticator = AuthenticatorChain([try StaticTokenAuthenticator(csv: "tok,alice,u1,\"dev,ops\"\n")])
        let server = try await APIServer.start(store: MemoryStore(), configuration: configuration)
        // Live: the responder reads each connection's TLS state, which a real channel has.
        let app = Application(responder: server.responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let path = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
            let body = ByteBuffer(string: #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#)
            try await client.execute(
                uri: path, method: .post, headers: [.authorization: "Bearer tok", .contentType: "application/json"], body: body
            ) { response in
                #expect(response.status.code == 201)
                let review = try JSONValue.parse(Array(response.body.readableBytesView))
                #expect(review["kind"]?.stringValue == "SelfSubjectReview")
                #expect(review["apiVersion"]?.stringValue == "authentication.k8s.io/v1")
                let user = review["status"]?["userInfo"]
                #expect(user?["username"]?.stringValue == "alice")
                #expect(user?["uid"]?.stringValue == "u1")
                #expect(user?["groups"] == ["dev", "ops", "system:authenticated"])
            }
            try await client.execute(uri: path, method: .post, body: body) { response in
                #expect(response.status.code == 401)
            }
            try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer tok"]) { response in
                #expect(response.status.code == 405)
            }
        }
    }
}
