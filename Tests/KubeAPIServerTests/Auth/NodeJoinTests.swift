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

/// The bootstrap token authenticator: a valid token is its user; a wrong secret, an expired
/// token, a malformed one, a Secret of another type or one not for authentication are no one.
@Suite struct BootstrapTokenAuthenticatorTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let token = BootstrapToken(
        id: "abcdef", secret: "0123456789abcdef", expiration: start.addingTimeInterval(3600),
        extraGroups: [BootstrapToken.defaultNodeGroup])

    static func authenticator(_ secret: JSONValue, at now: Date = start) -> BootstrapTokenAuthenticator {
        BootstrapTokenAuthenticator(
            secrets: { namespace, name in
                namespace == "kube-system" && name == secret["metadata"]?["name"]?.stringValue ? secret : nil
            }, now: { now })
    }

    static func bearer(_ token: String) -> AuthenticationRequest {
        AuthenticationRequest(path: "/apis/certificates.k8s.io/v1/certificatesigningrequests", headers: [.authorization: "Bearer \(token)"])
    }

    @Test func validTokenIsTheBootstrapUser() async throws {
        let user = try await Self.authenticator(Self.token.secretObject).authenticate(Self.bearer("abcdef.0123456789abcdef"))
        #expect(user == UserInfo(username: "system:bootstrap:abcdef", groups: ["system:bootstrappers", BootstrapToken.defaultNodeGroup]))
    }

    @Test func wrongSecretIsNoOne() async throws {
        #expect(try await Self.authenticator(Self.token.secretObject).authenticate(Self.bearer("abcdef.0123456789abcdee")) == nil)
        #expect(try await Self.authenticator(Self.token.secretObject).authenticate(Self.bearer("abcdeg.0123456789abcdef")) == nil)
    }

    @Test func expiredTokenIsNoOne() async throws {
        let later = Self.start.addingTimeInterval(3600)
        #expect(try await Self.authenticator(Self.token.secretObject, at: later).authenticate(Self.bearer(Self.token.text)) == nil)
        var unparsable = Self.token.secretObject
        unparsable.set(.string(Data("tomorrow".utf8).base64EncodedString()), at: ["data", "expiration"])
        #expect(try await Self.authenticator(unparsable).authenticate(Self.bearer(Self.token.text)) == nil)
    }

    @Test func malformedTokensAreLeftToOthers() async throws {
        let authenticator = Self.authenticator(Self.token.secretObject)
        for text in ["ABCDEF.0123456789abcdef", "abcdef.0123456789abcde", "abcdef0123456789abcdef", "abcdef.0123456789abcdef.x", "eyJhbGciOi.x.y"] {
            #expect(try await authenticator.authenticate(Self.bearer(text)) == nil, "\(text)")
        }
        #expect(BootstrapToken.parse("abcdef.0123456789abcdef")?.id == "abcdef")
        #expect(BootstrapToken.parse("abcdef.0123456789abcdeF") == nil)
    }

    @Test func otherSecretsDoNotAuthenticate() async throws {
        var opaque = Self.token.secretObject
        opaque["type"] = "Opaque"
        #expect(try await Self.authenticator(opaque).authenticate(Self.bearer(Self.token.text)) == nil)
        var unusable = Self.token.secretObject
        unusable.set(.string(Data("false".utf8).base64EncodedString()), at: ["data", "usage-bootstrap-authentication"])
        #expect(try await Self.authenticator(unusable).authenticate(Self.bearer(Self.token.text)) == nil)
        var badGroup = Self.token.secretObject
        badGroup.set(.string(Data("system:masters".utf8).base64EncodedString()), at: ["data", "auth-extra-groups"])
        #expect(try await Self.authenticator(badGroup).authenticate(Self.bearer(Self.token.text)) == nil)
        var deleting = Self.token.secretObject
        deleting.setMetadata("deletionTimestamp", "2027-01-01T00:00:00Z")
        #expect(try await Self.authenticator(deleting).authenticate(Self.bearer(Self.token.text)) == nil)
    }

    @Test func generatedTokensHaveTheBootstrapForm() {
        let token = BootstrapToken.generate()
        #expect(BootstrapToken.parse(token.text).map { $0.id == token.id && $0.secret == token.secret } == true)
        #expect(token.extraGroups == [BootstrapToken.defaultNodeGroup])
        #expect(BootstrapToken(secret: token.secretObject)?.text == token.text)
    }
}
