import Foundation
import KubePKI
import Testing

/// The verifier that keeps verified client certificates answers as the CA's own check does, at
/// every time, and never keeps a rejected certificate.
@Suite("Client certificate verifier")
struct ClientCertificateVerifierTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a kept certificate still expires and is not valid before its start")
    func keptCertificatesFollowTheirValidity() throws {
        let ca = try CertificateAuthority.generate(commonName: "client-ca", now: start)
        let verifier = ClientCertificateVerifier(authority: ca)
        let profile = CertificateProfile(commonName: "alice", organizations: ["dev", "ops"], usage: .client, validity: 3600)
        let der = try ca.issue(profile, now: start).certificateDER

        let identity = try verifier.verifyClient(der: der, at: start.addingTimeInterval(10))
        #expect(identity.user == "alice" && identity.groups == ["dev", "ops"])
        #expect(verifier.count == 1)
        #expect(try verifier.verifyClient(der: der, at: start.addingTimeInterval(20)) == identity)
        #expect(throws: CertificateAuthority.Rejection.expired) {
            try verifier.verifyClient(der: der, at: start.addingTimeInterval(3601))
        }
        #expect(throws: CertificateAuthority.Rejection.notYetValid) {
            try verifier.verifyClient(der: der, at: start.addingTimeInterval(-3600))
        }
        #expect(verifier.count == 1)
    }

    @Test("certificates of another CA, serving certificates and garbage are rejected and not kept")
    func rejectionsAreNotKept() throws {
        let ca = try CertificateAuthority.generate(commonName: "client-ca", now: start)
        let other = try CertificateAuthority.generate(commonName: "other-ca", now: start)
        let verifier = ClientCertificateVerifier(authority: ca)
        let foreign = try other.issue(.client("mallory"), now: start).certificateDER
        let serving = try ca.issue(CertificateProfile(commonName: "api", dnsNames: ["api"], usage: .server), now: start).certificateDER
        for _ in 0..<2 {
            #expect(throws: CertificateAuthority.Rejection.unknownAuthority) { try verifier.verifyClient(der: foreign, at: start) }
            #expect(throws: CertificateAuthority.Rejection.wrongUsage) { try verifier.verifyClient(der: serving, at: start) }
            #expect(throws: CertificateAuthority.Rejection.malformed) { try verifier.verifyClient(der: [1, 2, 3], at: start) }
        }
        #expect(verifier.count == 0)
    }

    @Test("reaching the capacity starts the cache over")
    func capacityBoundsTheCache() throws {
        let ca = try CertificateAuthority.generate(commonName: "client-ca", now: start)
        let verifier = ClientCertificateVerifier(authority: ca, capacity: 2)
        for user in ["a", "b", "c"] {
            _ = try verifier.verifyClient(der: try ca.issue(.client(user), now: start).certificateDER, at: start)
        }
        #expect(verifier.count == 1)
    }
}
