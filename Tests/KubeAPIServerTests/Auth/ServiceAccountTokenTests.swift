import Crypto
import Foundation
import HTTPTypes
import KubeAPI
import KubeStorage
import Testing

@testable import KubeAPIServer

@Suite struct ServiceAccountTokenTests {
    static let keyBytes = P256.Signing.PrivateKey().rawRepresentation
    static var key: P256.Signing.PrivateKey { (try? P256.Signing.PrivateKey(rawRepresentation: keyBytes)) ?? P256.Signing.PrivateKey() }

    static func configuration(now: @escaping @Sendable () -> Date = { Date() }) -> APIServerConfiguration {
        var config = APIServerConfiguration()
        config.authenticator = AuthenticatorChain([])
        config.serviceAccountTokens = ServiceAccountTokens(key: key, now: now)
        return config
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func tokensRoundTripAndRefuseForgeriesExpiryAndOtherAudiences() throws {
        let clock = TestClock()
        let tokens = ServiceAccountTokens(key: Self.key, now: { clock.now })
        let issued = try tokens.issue(
            namespace: "ns", account: .init(name: "sa", uid: "u1"), audiences: [], expirationSeconds: 600, pod: nil)
        let claims = try #require(try tokens.verify(issued.token))
        #expect(claims.namespace == "ns" && claims.account == .init(name: "sa", uid: "u1") && claims.pod == nil)
        #expect(claims.audiences == [ServiceAccountTokens.defaultIssuer])
        let other = ServiceAccountTokens(key: P256.Signing.PrivateKey(), now: { clock.now })
        #expect(throws: APIError.unauthorized) { try other.verify(issued.token) }
        #expect(try tokens.verify("not-a-jwt") == nil)
        #expect(throws: APIError.unauthorized) { try tokens.verify(issued.token, audiences: ["vault"]) }
        clock.advance(601)
        #expect(throws: APIError.unauthorized) { try tokens.verify(issued.token) }
    }

    @Test func podBoundAdmissionTokensLastAYearAndWarnAfterTheAskedExpiry() throws {
        let tokens = ServiceAccountTokens(key: Self.key)
        let issued = try tokens.issue(
            namespace: "ns", account: .init(name: "sa", uid: "u1"), audiences: [],
            expirationSeconds: ServiceAccountTokens.admissionExpirationSeconds, pod: .init(name: "p", uid: "pu"))
        #expect(issued.expiration.timeIntervalSinceNow > 364 * 24 * 3600)
        let payload = try #require(JSONWebToken.decode(Substring(issued.token.split(separator: ".")[1])))
        let claims = try JSONValue.parse(payload)
        #expect(claims["kubernetes.io"]?["pod"]?["uid"]?.stringValue == "pu")
        #expect(claims["kubernetes.io"]?["warnafter"]?.intValue != nil)
        #expect(claims["sub"]?.stringValue == "system:serviceaccount:ns:sa")
    }

    @Test func tokenRequestIssuesATokenTheServerAccepts() async throws {
        try await APIServerHarness.run(configuration: Self.configuration()) { h in
            let (created, _) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts", [
                "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "builder"],
            ], headers: [:])
            // No credentials: 401 before anything else.
            #expect(created == 401)
        }
        var open = APIServerConfiguration()
        open.serviceAccountTokens = ServiceAccountTokens(key: Self.key)
        let store = MemoryStore()
        let token: String = try await APIServerHarness.run(store: store, configuration: open) { h in
            let (code, account) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts", [
                "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "builder"],
            ])
            #expect(code == 201)
            let (status, request) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts/builder/token", [
                "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": ["expirationSeconds": 900],
            ])
            #expect(status == 201)
            #expect(request["kind"]?.stringValue == "TokenRequest")
            #expect(request["spec"]?["expirationSeconds"]?.intValue == 900)
            #expect(request["spec"]?["audiences"] == [.string(ServiceAccountTokens.defaultIssuer)])
            let (short, status422) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts/builder/token", [
                "kind": "TokenRequest", "spec": ["expirationSeconds": 60],
            ])
            #expect(short == 422)
            #expect(status422["details"]?["causes"]?[0]?["field"]?.stringValue == "spec.expirationSeconds")
            let (missing, _) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts/nobody/token", ["kind": "TokenRequest"])
            #expect(missing == 404)
            #expect(account.uid.count > 0)
            return try #require(request["status"]?["token"]?.stringValue)
        }
        // The same store, now behind authentication: the token is the service account.
        try await APIServerHarness.run(store: store, configuration: Self.configuration()) { h in
            let (code, list) = try await h.send(.get, "/api/v1/namespaces/default/configmaps", headers: Self.bearer(token))
            #expect(code == 200)
            #expect(list["kind"]?.stringValue == "ConfigMapList")
            let (forged, _) = try await h.send(.get, "/api/v1/namespaces/default/configmaps", headers: Self.bearer(token + "x"))
            #expect(forged == 401)
        }
    }

    @Test func aTokenDiesWithItsServiceAccountOrPod() async throws {
        var open = APIServerConfiguration()
        open.serviceAccountTokens = ServiceAccountTokens(key: Self.key)
        let store = MemoryStore()
        let tokens: (String, String) = try await APIServerHarness.run(store: store, configuration: open) { h in
            _ = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts", ["kind": "ServiceAccount", "metadata": ["name": "a"]])
            let (_, pod) = try await h.send(.post, "/api/v1/namespaces/default/pods", [
                "kind": "Pod", "metadata": ["name": "p"], "spec": ["serviceAccountName": "a", "containers": [["name": "c", "image": "busybox"]]],
            ])
            let (_, bound) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts/a/token", [
                "kind": "TokenRequest", "spec": ["boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": "p", "uid": .string(pod.uid)]],
            ])
            let (wrongUID, _) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts/a/token", [
                "kind": "TokenRequest", "spec": ["boundObjectRef": ["kind": "Pod", "name": "p", "uid": "other"]],
            ])
            #expect(wrongUID == 409)
            let (_, plain) = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts/a/token", ["kind": "TokenRequest"])
            return (try #require(bound["status"]?["token"]?.stringValue), try #require(plain["status"]?["token"]?.stringValue))
        }
        try await APIServerHarness.run(store: store, configuration: Self.configuration()) { h in
            let code: @Sendable (HTTPRequest.Method, String, String) async throws -> Int = { method, path, token in
                try await h.send(method, path, headers: Self.bearer(token)).0
            }
            let pods = "/api/v1/namespaces/default/pods"
            var codes: [Int] = []
            codes.append(try await code(.get, pods, tokens.0))
            codes.append(try await code(.delete, pods + "/p?gracePeriodSeconds=0", tokens.1))
            codes.append(try await code(.get, pods, tokens.0))
            codes.append(try await code(.get, pods, tokens.1))
            codes.append(try await code(.delete, "/api/v1/namespaces/default/serviceaccounts/a", tokens.1))
            codes.append(try await code(.get, pods, tokens.1))
            // bound token works; pod deleted; bound token dead; plain token lives; account deleted; plain token dead
            #expect(codes == [200, 200, 401, 200, 200, 401])
        }
    }

    @Test func admissionMountsTheAccessVolumeUnlessOptedOut() async throws {
        var open = APIServerConfiguration()
        open.serviceAccountTokens = ServiceAccountTokens(key: Self.key)
        try await APIServerHarness.run(configuration: open) { h in
            _ = try await h.send(.post, "/api/v1/namespaces/default/serviceaccounts", [
                "kind": "ServiceAccount", "metadata": ["name": "quiet"], "automountServiceAccountToken": false,
            ])
            let pod: (String, JSONValue) -> JSONValue = { name, spec in ["kind": "Pod", "metadata": ["name": .string(name)], "spec": spec] }
            let containers: JSONValue = [["name": "c", "image": "busybox"]]
            let (_, mounted) = try await h.send(.post, "/api/v1/namespaces/default/pods", pod("m", [
                "containers": containers, "initContainers": [["name": "i", "image": "busybox"]],
            ]))
            #expect(mounted["spec"]?["serviceAccountName"]?.stringValue == "default")
            let volume = try #require(mounted["spec"]?["volumes"]?[0])
            #expect(volume["name"]?.stringValue?.hasPrefix("kube-api-access-") == true)
            #expect(volume["projected"]?["sources"]?[0]?["serviceAccountToken"]?["expirationSeconds"]?.intValue == 3607)
            #expect(volume["projected"]?["sources"]?[1]?["configMap"]?["name"]?.stringValue == "kube-root-ca.crt")
            for list in ["containers", "initContainers"] {
                let mount = mounted["spec"]?[list]?[0]?["volumeMounts"]?[0]
                #expect(mount?["mountPath"]?.stringValue == "/var/run/secrets/kubernetes.io/serviceaccount")
                #expect(mount?["readOnly"]?.boolValue == true && mount?["name"] == volume["name"])
            }
            let (_, byPod) = try await h.send(.post, "/api/v1/namespaces/default/pods", pod("o", [
                "containers": containers, "automountServiceAccountToken": false,
            ]))
            #expect(byPod["spec"]?["volumes"] == nil)
            let (_, byAccount) = try await h.send(.post, "/api/v1/namespaces/default/pods", pod("q", [
                "containers": containers, "serviceAccountName": "quiet",
            ]))
            #expect(byAccount["spec"]?["volumes"] == nil)
        }
    }
}

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
