import Foundation
import KubePKI
import Testing

/// Join tokens (`K10<CA hash>::<credentials>`) and certificate requests made for the agent.
@Suite struct JoinTokenTests {
    @Test func parsesAndPinsTheCABundle() throws {
        let bundle = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let token = JoinToken(caBundle: bundle, credentials: "abcdef.0123456789abcdef")
        let parsed = try JoinToken(parsing: "  " + token.text + "\n")
        #expect(parsed == token && parsed.caHash.count == 64)
        try parsed.verify(caBundle: bundle)
        #expect(throws: PKIError.self) { try parsed.verify(caBundle: bundle + " ") }
    }

    @Test func refusesMalformedTokens() {
        for text in ["abcdef.0123456789abcdef", "K10abc::x", "K10" + String(repeating: "g", count: 64) + "::x", "K10" + String(repeating: "a", count: 64) + "::"] {
            #expect(throws: PKIError.self, "\(text)") { try JoinToken(parsing: text) }
        }
    }

    @Test func requestsCarryTheSubjectAndNames() throws {
        let pem = try CertificateRequest.make(
            commonName: "system:node:n1", organizations: ["system:nodes"], dnsNames: ["n1", "localhost"], ipAddresses: ["127.0.0.1", "::1"])
        let request = try CertificateRequest(pem: pem)
        #expect(request.commonName == "system:node:n1" && request.organizations == ["system:nodes"])
        #expect(request.alternativeNames.dns == ["n1", "localhost"] && request.alternativeNames.ips == ["127.0.0.1", "::1"])
        #expect(throws: PKIError.self) { try CertificateRequest(pem: pem.replacingOccurrences(of: "CERTIFICATE REQUEST", with: "CERTIFICATE")) }
    }
}
