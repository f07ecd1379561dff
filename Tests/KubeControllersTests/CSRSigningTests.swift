import Foundation
import KubeAPI
import KubeClient
import KubePKI
import Testing

@testable import KubeControllers

/// The CSR signer's rules and certificates (subject, usages, expiry with an injected clock), and
/// approval plus issuance end to end through the in-process API server.
@Suite struct CSRSigningTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func keys(now: Date = start) throws -> ClusterSigningKeys {
        ClusterSigningKeys(
            clientCA: try CertificateAuthority.generate(commonName: "test-client-ca", now: now.addingTimeInterval(-3600)),
            serverCA: try CertificateAuthority.generate(commonName: "test-server-ca", now: now.addingTimeInterval(-3600)),
            now: { now })
    }

    static func csr(
        _ name: String = "node-csr-1", cn: String, o: [String], dns: [String] = [], ips: [String] = [], signer: String, usages: [String],
        expirationSeconds: Int64? = nil
    ) throws -> JSONValue {
        let pem = try CertificateRequest.make(commonName: cn, organizations: o, dnsNames: dns, ipAddresses: ips)
        var spec: JSONValue = [
            "request": .string(Data(pem.utf8).base64EncodedString()), "signerName": .string(signer),
            "usages": .array(usages.map { .string($0) }),
        ]
        if let expirationSeconds { spec["expirationSeconds"] = .int(expirationSeconds) }
        return ["apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest", "metadata": ["name": .string(name)], "spec": spec]
    }

    static func issued(_ outcome: CSRSigningController.Outcome) throws -> [UInt8] {
        guard case .issued(let pem) = outcome else { throw ClientError(code: 0, message: "not issued: \(outcome)") }
        return try CertifiedKey(certificatePEMOnly: pem).certificateDER
    }

    @Test func kubeletClientCertificateNamesTheNodeAndExpiresWhenAsked() throws {
        let keys = try Self.keys()
        let object = try Self.csr(
            cn: "system:node:n1", o: ["system:nodes"], signer: "kubernetes.io/kube-apiserver-client-kubelet",
            usages: ["digital signature", "client auth"], expirationSeconds: 3600)
        let der = try Self.issued(CSRSigningController.sign(SigningRequest(object: object), keys: keys))
        let identity = try keys.clientCA.verifyClient(der: der, at: Self.start.addingTimeInterval(3599))
        #expect(identity.user == "system:node:n1" && identity.groups == ["system:nodes"])
        #expect(throws: CertificateAuthority.Rejection.expired) {
            try keys.clientCA.verifyClient(der: der, at: Self.start.addingTimeInterval(3601))
        }
        #expect(throws: CertificateAuthority.Rejection.wrongUsage) {
            try keys.clientCA.verify(der: der, at: Self.start, usage: .server)
        }
        #expect(throws: CertificateAuthority.Rejection.unknownAuthority) { try keys.serverCA.verify(der: der, at: Self.start) }
    }

    @Test func validityIsCappedAtOneYear() throws {
        let keys = try Self.keys()
        let object = try Self.csr(
            cn: "alice", o: ["devs"], signer: "kubernetes.io/kube-apiserver-client", usages: ["client auth"],
            expirationSeconds: 2 * 365 * 24 * 3600)
        let der = try Self.issued(CSRSigningController.sign(SigningRequest(object: object), keys: keys))
        let year = CertificateProfile.oneYear
        #expect(try keys.clientCA.verifyClient(der: der, at: Self.start.addingTimeInterval(year - 1)).user == "alice")
        #expect(throws: CertificateAuthority.Rejection.expired) {
            try keys.clientCA.verifyClient(der: der, at: Self.start.addingTimeInterval(year + 1))
        }
    }

    @Test func kubeletServingCertificateComesFromTheServerCA() throws {
        let keys = try Self.keys()
        let object = try Self.csr(
            cn: "system:node:n1", o: ["system:nodes"], dns: ["n1"], ips: ["10.0.0.5"], signer: "kubernetes.io/kubelet-serving",
            usages: ["digital signature", "server auth"])
        let der = try Self.issued(CSRSigningController.sign(SigningRequest(object: object), keys: keys))
        _ = try keys.serverCA.verify(der: der, at: Self.start, usage: .server)
        #expect(throws: CertificateAuthority.Rejection.wrongUsage) { try keys.serverCA.verify(der: der, at: Self.start, usage: .client) }
    }

    @Test func signerRulesFailRequestsThatDoNotFit() throws {
        let keys = try Self.keys()
        let serverUsage = try Self.csr(
            cn: "system:node:n1", o: ["system:nodes"], signer: "kubernetes.io/kube-apiserver-client-kubelet",
            usages: ["digital signature", "client auth", "server auth"])
        #expect(CSRSigningController.sign(SigningRequest(object: serverUsage), keys: keys) == .failed("invalid usage for client certificate: server auth"))
        let notANode = try Self.csr(
            cn: "alice", o: ["system:masters"], signer: "kubernetes.io/kube-apiserver-client-kubelet",
            usages: ["digital signature", "client auth"])
        #expect(CSRSigningController.sign(SigningRequest(object: notANode), keys: keys) == .failed("subject organization is not system:nodes"))
        let servingWithoutNames = try Self.csr(
            cn: "system:node:n1", o: ["system:nodes"], signer: "kubernetes.io/kubelet-serving", usages: ["digital signature", "server auth"])
        #expect(
            CSRSigningController.sign(SigningRequest(object: servingWithoutNames), keys: keys)
                == .failed("at least one DNS or IP subjectAltName is required"))
        let other = try Self.csr(cn: "x", o: [], signer: "example.com/mine", usages: ["client auth"])
        #expect(CSRSigningController.sign(SigningRequest(object: other), keys: keys) == .none)
    }

    @Test func kubeletClientRequestIsApprovedAndIssued() async throws {
        var options = ControllerOptions()
        let keys = try Self.keys(now: Date())
        options.clusterSigning = keys
        try await ControllerHarness.run(controllers: ["csrapproving", "csrsigning"], options: options) { h in
            let object = try Self.csr(
                "node-csr-h", cn: "system:node:h1", o: ["system:nodes"], signer: "kubernetes.io/kube-apiserver-client-kubelet",
                usages: ["digital signature", "client auth"])
            _ = try await h.client.create(.certificateSigningRequests, object)
            try await h.eventually("the certificate issued") {
                let csr = try? await h.client.get(.certificateSigningRequests, name: "node-csr-h")
                return !(csr?["status"]?["certificate"]?.stringValue ?? "").isEmpty
            }
            let csr = try await h.client.get(.certificateSigningRequests, name: "node-csr-h")
            let approved = csr["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Approved" }
            #expect(approved?["reason"]?.stringValue == "AutoApproved")
            #expect(approved?["message"]?.stringValue == "Auto approving kubelet client certificate after SubjectAccessReview.")
            let pem = String(decoding: Data(base64Encoded: csr["status"]?["certificate"]?.stringValue ?? "") ?? Data(), as: UTF8.self)
            let der = try CertifiedKey(certificatePEMOnly: pem).certificateDER
            #expect(try keys.clientCA.verifyClient(der: der, at: Date()).user == "system:node:h1")
        }
    }
}
