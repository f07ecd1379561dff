import Foundation
import KubeClient
import KubePKI
import Testing

@Suite struct KubeconfigTests {
    private func write(_ text: String, in folder: String, name: String) throws -> String {
        let path = "\(folder)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubeconfig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func embeddedCertificatesAndToken() throws {
        let ca = try CertificateAuthority.generate(commonName: "ca", now: Date())
        let admin = try ca.issue(.admin, now: Date())
        let b64 = { (text: String) in Data(text.utf8).base64EncodedString() }
        let dir = try folder()
        let path = try write("""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: \(b64(ca.identity.certificatePEM))
            users:
            - name: u
              user:
                client-certificate-data: \(b64(admin.certificatePEM))
                client-key-data: \(b64(admin.keyPEM))
                token: abc
            contexts:
            - name: x
              context: {cluster: c, user: u, namespace: team}
            current-context: x
            """, in: dir, name: "config")
        let config = try ClientConfig.fromKubeconfig(path: path)
        #expect(config.server == "https://127.0.0.1:6443")
        #expect(config.namespace == "team")
        #expect(config.bearerToken == "abc")
        #expect(config.tls?.certificateChain.count == 1)
        #expect(config.tls?.privateKey != nil)
    }

    @Test func filesRelativeToTheKubeconfigAndTokenFile() throws {
        let ca = try CertificateAuthority.generate(commonName: "ca", now: Date())
        let dir = try folder()
        _ = try write(ca.identity.certificatePEM, in: dir, name: "ca.crt")
        _ = try write("secret\n", in: dir, name: "token")
        let path = try write("""
            apiVersion: v1
            clusters:
            - name: c
              cluster: {server: "https://localhost:6443", certificate-authority: ca.crt}
            users:
            - name: u
              user: {tokenFile: token}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """, in: dir, name: "config")
        let config = try ClientConfig.fromKubeconfig(path: path)
        #expect(config.bearerToken == "secret")
        #expect(config.tls != nil)
        #expect(config.tls?.certificateChain.isEmpty == true)
    }

    @Test func missingFilesAndBadDataAreErrors() throws {
        let dir = try folder()
        let missing = try write("""
            clusters:
            - name: c
              cluster: {server: "https://localhost:6443", certificate-authority: nope.crt}
            users:
            - name: u
              user: {client-certificate-data: "%%%", client-key-data: "%%%"}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """, in: dir, name: "config")
        #expect(throws: ClientError.self) { try ClientConfig.fromKubeconfig(path: missing) }
    }
}
