import Foundation
import KubePKI
import Testing
import X509

@Suite("Cluster PKI")
struct ClusterPKITests {
    /// Whole seconds (certificate times have no fractions); today, so that the RFC 5280
    /// verifier, which checks against the real clock, accepts fresh certificates.
    let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

    func temporaryDataDir() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pki-\(UUID().uuidString)").path
        return path
    }

    @Test("the serving certificate names every address and name clients use")
    func servingNames() throws {
        let pki = try ClusterPKI.loadOrCreate(dataDir: temporaryDataDir(), now: start)
        let profile = CertificateProfile.apiServerServing(
            hostname: "node-a", serviceIP: HostAddresses.firstServiceIP(cidr: "10.43.0.0/16") ?? "",
            addresses: ["192.168.1.5"], extraNames: ["api.example.com", "203.0.113.9"])
        let leaf = try pki.leaf("serving-kube-apiserver", profile, now: start)
        let names = try #require(try leaf.certificate.extensions.subjectAlternativeNames)
        var dns: [String] = []
        var ips: [String] = []
        for name in names {
            if case .dnsName(let value) = name { dns.append(value) }
            if case .ipAddress(let octets) = name, let text = IPAddressBytes.format(Array(octets.bytes)) { ips.append(text) }
        }
        #expect(Set(dns) == [
            "localhost", "node-a", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local", "api.example.com",
        ])
        #expect(Set(ips) == ["127.0.0.1", "::1", "10.43.0.1", "192.168.1.5", "203.0.113.9"])
        #expect(throws: Never.self) { try pki.serverCA.verify(der: leaf.certificateDER, at: start, usage: .server) }
        #expect(throws: CertificateAuthority.Rejection.wrongUsage) {
            try pki.serverCA.verify(der: leaf.certificateDER, at: start, usage: .client)
        }
    }

    @Test("leaves are valid for one year from issue; CAs for ten")
    func validity() throws {
        let pki = try ClusterPKI.loadOrCreate(dataDir: temporaryDataDir(), now: start)
        let admin = try pki.leaf("client-admin", .admin, now: start)
        #expect(admin.certificate.notValidBefore == start)
        #expect(admin.certificate.notValidAfter == start.addingTimeInterval(365 * 24 * 3600))
        #expect(pki.clientCA.certificate.notValidAfter == start.addingTimeInterval(10 * 365 * 24 * 3600))
        #expect(admin.commonName == "system:admin")
        #expect(admin.certificate.subject.organizations == ["system:masters"])
    }

    @Test("a client certificate verifies against its CA only, and only while valid")
    func chainVerification() async throws {
        let pki = try ClusterPKI.loadOrCreate(dataDir: temporaryDataDir(), now: start)
        let node = try pki.leaf("client-kubelet", .kubeletClient(node: "n1"), now: start)
        let verified = try pki.clientCA.verify(der: node.certificateDER, at: start.addingTimeInterval(60), usage: .client)
        #expect(verified.subject.commonNames == ["system:node:n1"])
        #expect(verified.subject.organizations == ["system:nodes"])
        #expect(throws: CertificateAuthority.Rejection.unknownAuthority) {
            try pki.serverCA.verify(der: node.certificateDER, at: start, usage: .client)
        }
        let other = try CertificateAuthority.generate(commonName: "other", now: start)
        #expect(throws: CertificateAuthority.Rejection.unknownAuthority) {
            try other.verify(der: node.certificateDER, at: start)
        }
        #expect(throws: CertificateAuthority.Rejection.expired) {
            try pki.clientCA.verify(der: node.certificateDER, at: start.addingTimeInterval(366 * 24 * 3600))
        }
        #expect(throws: CertificateAuthority.Rejection.notYetValid) {
            try pki.clientCA.verify(der: node.certificateDER, at: start.addingTimeInterval(-60))
        }
        #expect(throws: CertificateAuthority.Rejection.malformed) { try pki.clientCA.verify(der: [1, 2, 3], at: start) }
        // The chain also verifies under swift-certificates' RFC 5280 verifier.
        var verifier = Verifier(rootCertificates: CertificateStore([pki.clientCA.certificate])) { RFC5280Policy() }
        let result = await verifier.validate(leaf: node.certificate, intermediates: CertificateStore())
        guard case .validCertificate(let chain) = result else {
            Issue.record("the RFC 5280 verifier rejected the chain: \(result)")
            return
        }
        #expect(chain.last == pki.clientCA.certificate)
    }

    @Test("CAs and unexpired leaves are reused on restart; keys are 0600")
    func reuseOnRestart() throws {
        let dataDir = temporaryDataDir()
        let first = try ClusterPKI.loadOrCreate(dataDir: dataDir, now: start)
        let leaf = try first.leaf("client-admin", .admin, now: start)
        let later = start.addingTimeInterval(30 * 24 * 3600)
        let second = try ClusterPKI.loadOrCreate(dataDir: dataDir, now: later)
        #expect(second.serverCA.certificate == first.serverCA.certificate)
        #expect(second.clientCA.certificate == first.clientCA.certificate)
        #expect(try second.leaf("client-admin", .admin, now: later).certificate == leaf.certificate)
        for name in ["server-ca.key", "client-ca.key", "client-admin.key"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(dataDir)/server/tls/\(name)")
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
    }

    @Test("a leaf within 90 days of expiry is renewed on start; one further off is kept")
    func renewalWithFakeClock() throws {
        let dataDir = temporaryDataDir()
        let pki = try ClusterPKI.loadOrCreate(dataDir: dataDir, now: start)
        let original = try pki.leaf("client-scheduler", .scheduler, now: start)
        let day: TimeInterval = 24 * 3600
        #expect(!original.needsRenewal(now: start.addingTimeInterval(274 * day)))
        #expect(original.needsRenewal(now: start.addingTimeInterval(276 * day)))
        let kept = try pki.leaf("client-scheduler", .scheduler, now: start.addingTimeInterval(200 * day))
        #expect(kept.certificate == original.certificate)
        let renewalTime = start.addingTimeInterval(300 * day)
        let renewed = try ClusterPKI.loadOrCreate(dataDir: dataDir, now: renewalTime)
            .leaf("client-scheduler", .scheduler, now: renewalTime)
        #expect(renewed.certificate != original.certificate)
        #expect(renewed.certificate.notValidAfter == renewalTime.addingTimeInterval(365 * day))
        #expect(!renewed.needsRenewal(now: renewalTime))
    }

    @Test("a new --tls-san reissues the serving certificate")
    func newNameReissues() throws {
        let pki = try ClusterPKI.loadOrCreate(dataDir: temporaryDataDir(), now: start)
        let first = try pki.leaf("serving", .apiServerServing(hostname: "h", serviceIP: "10.43.0.1", addresses: []), now: start)
        let same = try pki.leaf("serving", .apiServerServing(hostname: "h", serviceIP: "10.43.0.1", addresses: []), now: start)
        #expect(same.certificate == first.certificate)
        let wider = try pki.leaf(
            "serving", .apiServerServing(hostname: "h", serviceIP: "10.43.0.1", addresses: [], extraNames: ["x.example"]), now: start)
        #expect(wider.certificate != first.certificate)
    }

    @Test("PEM round trip and mismatched keys")
    func pemRoundTrip() throws {
        let ca = try CertificateAuthority.generate(commonName: "ca", now: start)
        let a = try ca.issue(.client("alice", groups: ["dev", "ops"]), now: start)
        let b = try ca.issue(.client("bob"), now: start)
        let parsed = try CertifiedKey(certificatePEM: a.certificatePEM, keyPEM: a.keyPEM)
        #expect(parsed.certificate == a.certificate)
        #expect(parsed.certificate.subject.organizations == ["dev", "ops"])
        #expect(throws: PKIError.self) { try CertifiedKey(certificatePEM: a.certificatePEM, keyPEM: b.keyPEM) }
        #expect(throws: PKIError.self) { try CertifiedKey(certificatePEM: "junk", keyPEM: b.keyPEM) }
    }

    @Test("first service IP of a CIDR")
    func firstServiceIP() {
        #expect(HostAddresses.firstServiceIP(cidr: "10.43.0.0/16") == "10.43.0.1")
        #expect(HostAddresses.firstServiceIP(cidr: "10.96.0.0/12") == "10.96.0.1")
        #expect(HostAddresses.firstServiceIP(cidr: "nonsense") == nil)
    }
}

@Suite("Certificate rotation")
struct CertificateRotationTests {
    @Test("rotate backs up the folder, removes leaves and keeps the CAs; the next start reissues")
    func rotate() throws {
        let (now, dataDir, pki) = try FreshPKI.make()
        let admin = try pki.leaf("client-admin", .admin, now: now)
        let scheduler = try pki.leaf("client-scheduler", .scheduler, now: now)
        let only = try ClusterPKI.rotate(dataDir: dataDir, names: ["client-admin"], now: now)
        #expect(only.removed == ["client-admin"])
        #expect(FileManager.default.fileExists(atPath: "\(only.backup)/client-admin.crt"))
        let later = now.addingTimeInterval(1)
        let restarted = try ClusterPKI.loadOrCreate(dataDir: dataDir, now: later)
        #expect(restarted.clientCA.certificate == pki.clientCA.certificate)
        #expect(try restarted.leaf("client-admin", .admin, now: later).certificate != admin.certificate)
        #expect(try restarted.leaf("client-scheduler", .scheduler, now: later).certificate == scheduler.certificate)
        let all = try ClusterPKI.rotate(dataDir: dataDir, now: now.addingTimeInterval(2))
        #expect(all.removed == ["client-admin", "client-scheduler"])
    }
}

@Suite("Renewal without restart")
struct RenewingIdentityTests {
    @Test("a renewing identity reissues within 90 days of expiry and serves the new one")
    func renews() throws {
        let (start, _, pki) = try FreshPKI.make()
        let profile = CertificateProfile.apiServerServing(hostname: "h", serviceIP: "10.43.0.1", addresses: [])
        let identity = try RenewingIdentity(pki: pki, name: "serving-kube-apiserver", profile: profile, now: start)
        let first = identity.current
        let day: TimeInterval = 24 * 3600
        #expect(try identity.renewIfNeeded(now: start.addingTimeInterval(200 * day)) == false)
        #expect(identity.current.certificate == first.certificate)
        let late = start.addingTimeInterval(280 * day)
        #expect(try identity.renewIfNeeded(now: late) == true)
        #expect(identity.current.certificate != first.certificate)
        #expect(identity.current.certificate.notValidAfter == late.addingTimeInterval(365 * day))
        // The renewed certificate is the one on disk, so a restart keeps it.
        #expect(try pki.leaf("serving-kube-apiserver", profile, now: late).certificate == identity.current.certificate)
        let configuration = try TLSSettings.server(renewing: identity)
        #expect(configuration.sslContextCallback != nil)
    }
}

/// A new PKI in a new folder, made at the current whole second.
enum FreshPKI {
    static func make() throws -> (now: Date, dataDir: String, pki: ClusterPKI) {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("pki-\(UUID().uuidString)").path
        return (now, dataDir, try ClusterPKI.loadOrCreate(dataDir: dataDir, now: now))
    }
}
