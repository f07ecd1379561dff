import Crypto
import Foundation
import HTTPTypes
import KubeAPI
import KubeStorage
import Testing

@testable import KubeAPIServer

/// authentication.k8s.io/v1 TokenReview: service account tokens (valid, for another audience,
/// forged, expired, invalidated) and static tokens, answered as kube-apiserver answers them.
@Suite struct TokenReviewTests {
    static let admin: HTTPFields = [.authorization: "Bearer admin-token"]
    static let path = "/apis/authentication.k8s.io/v1/tokenreviews"

    static func configuration(clock: TestClock) -> APIServerConfiguration {
        var config = APIServerConfiguration()
        config.authenticator = AuthenticatorChain([
            StaticTokenAuthenticator(users: [
                "admin-token": UserInfo(username: "admin", groups: ["system:masters"]),
                "alice-token": UserInfo(username: "alice", uid: "a1", groups: ["dev"]),
            ])
        ])
        config.serviceAccountTokens = ServiceAccountTokens(key: ServiceAccountTokenTests.key, now: { clock.now })
        return config
    }

    static func review(_ token: String, audiences: [String]? = nil) -> JSONValue {
        var spec: JSONValue = ["token": .string(token)]
        if let audiences { spec["audiences"] = .array(audiences.map { .string($0) }) }
        return ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": spec]
    }

    /// Creates service account `builder` and returns a token for it (for `audiences`).
    static func token(_ h: APIServerHarness, audiences: [String] = []) async throws -> (token: String, uid: String) {
        let (_, account) = try await h.send(
            .post, "/api/v1/namespaces/default/serviceaccounts", ["kind": "ServiceAccount", "metadata": ["name": "builder"]],
            headers: admin)
        let (code, request) = try await h.send(
            .post, "/api/v1/namespaces/default/serviceaccounts/builder/token",
            ["kind": "TokenRequest", "spec": ["audiences": .array(audiences.map { .string($0) })]], headers: admin)
        #expect(code == 201)
        return (try #require(request["status"]?["token"]?.stringValue), account.uid)
    }

    @Test func aServiceAccountTokenIsAuthenticatedWithItsUser() async throws {
        let clock = TestClock()
        try await APIServerHarness.run(configuration: Self.configuration(clock: clock)) { h in
            let (token, uid) = try await Self.token(h)
            let (code, review) = try await h.send(.post, Self.path, Self.review(token), headers: Self.admin)
            #expect(code == 201)
            #expect(review["kind"]?.stringValue == "TokenReview")
            #expect(review["spec"]?["token"]?.stringValue == token)
            let status = review["status"]
            #expect(status?["authenticated"]?.boolValue == true)
            #expect(status?["error"] == nil)
            #expect(status?["audiences"] == [.string(ServiceAccountTokens.defaultIssuer)])
            #expect(status?["user"]?["username"]?.stringValue == "system:serviceaccount:default:builder")
            #expect(status?["user"]?["uid"]?.stringValue == uid)
            #expect(status?["user"]?["groups"] == ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"])
            #expect(status?["user"]?["extra"]?["authentication.kubernetes.io/credential-id"]?[0]?.stringValue?.hasPrefix("JTI=") == true)
            // Not stored, and only created.
            let (get, _) = try await h.send(.get, Self.path, headers: Self.admin)
            #expect(get == 405)
        }
    }

    @Test func aTokenForAnotherAudienceIsRefusedUnlessThatAudienceIsAsked() async throws {
        let clock = TestClock()
        try await APIServerHarness.run(configuration: Self.configuration(clock: clock)) { h in
            let (token, _) = try await Self.token(h, audiences: ["vault"])
            let (_, refused) = try await h.send(.post, Self.path, Self.review(token), headers: Self.admin)
            #expect(refused["status"]?["authenticated"] == nil)
            #expect(refused["status"]?["user"] == .object(JSONObject()))
            #expect(
                refused["status"]?["error"]?.stringValue
                    == #"[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]]"#)
            let (_, accepted) = try await h.send(.post, Self.path, Self.review(token, audiences: ["vault", "other"]), headers: Self.admin)
            #expect(accepted["status"]?["authenticated"]?.boolValue == true)
            #expect(accepted["status"]?["audiences"] == ["vault"])
        }
    }

    @Test func forgedExpiredAndInvalidatedTokensAreRefusedWithKubernetesReasons() async throws {
        let clock = TestClock()
        try await APIServerHarness.run(configuration: Self.configuration(clock: clock)) { h in
            let (token, uid) = try await Self.token(h)
            let forger = ServiceAccountTokens(key: P256.Signing.PrivateKey(), now: { clock.now })
            let forged = try forger.issue(
                namespace: "default", account: .init(name: "builder", uid: uid), audiences: [], expirationSeconds: 3600, pod: nil)
            let error: @Sendable (String) async throws -> String? = { token in
                let (code, review) = try await h.send(.post, Self.path, Self.review(token), headers: Self.admin)
                #expect(code == 201)
                #expect(review["status"]?["authenticated"] == nil)
                return review["status"]?["error"]?.stringValue
            }
            #expect(try await error(forged.token) == "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]")
            #expect(try await error("no-such-token") == "invalid bearer token")
            let (_, _) = try await h.send(
                .delete, "/api/v1/namespaces/default/serviceaccounts/builder", headers: Self.admin)
            #expect(try await error(token) == "[invalid bearer token, service account token has been invalidated]")
            clock.advance(3601)
            #expect(try await error(token) == "[invalid bearer token, service account token has expired]")
        }
    }

    @Test func staticTokensAreReviewedForTheAPIAudienceOnly() async throws {
        let clock = TestClock()
        try await APIServerHarness.run(configuration: Self.configuration(clock: clock)) { h in
            let (_, review) = try await h.send(.post, Self.path, Self.review("alice-token"), headers: Self.admin)
            #expect(review["status"]?["authenticated"]?.boolValue == true)
            #expect(review["status"]?["user"]?["username"]?.stringValue == "alice")
            #expect(review["status"]?["user"]?["groups"] == ["dev", "system:authenticated"])
            let (_, other) = try await h.send(.post, Self.path, Self.review("alice-token", audiences: ["vault"]), headers: Self.admin)
            #expect(other["status"]?["authenticated"] == nil)
            #expect(other["status"]?["error"]?.stringValue == "invalid bearer token")
            let (empty, status) = try await h.send(.post, Self.path, Self.review(""), headers: Self.admin)
            #expect(empty == 400)
            #expect(status["message"]?.stringValue == "token is required for TokenReview in authentication")
            // Asking is itself authorized: no credentials, 401.
            let (anonymous, _) = try await h.send(.post, Self.path, Self.review("alice-token"))
            #expect(anonymous == 401)
        }
    }
}
