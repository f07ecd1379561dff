import Foundation
import KubeStorage
import KubeStorageConformance
import Testing

/// The etcd store over TLS with client certificates (`--datastore-cafile/-certfile/-keyfile`),
/// against an etcd member that requires them; the certificates are made by openssl per test.
@Suite(.serialized) struct EtcdStoreTLSTests {
    /// A CA, a member certificate for 127.0.0.1 and a client certificate, in a new folder.
    static func makeCertificates() throws -> (dir: String, server: EtcdTestCluster.ServerTLS, clientCert: String, clientKey: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-etcd-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = """
            set -e
            cd '\(dir)'
            key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
            key ca.key
            openssl req -x509 -new -key ca.key -out ca.crt -days 2 -subj /CN=skiff-test-etcd-ca
            printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth,clientAuth\\n' > server.ext
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            for who in server client; do
              key $who.key
              openssl req -new -key $who.key -out $who.csr -subj /CN=skiff-$who
              openssl x509 -req -in $who.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out $who.crt -days 2 -extfile $who.ext 2>/dev/null
            done
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw EtcdTestClusterError(description: "openssl could not make the test certificates (is openssl installed?)")
        }
        return (dir, .init(caFile: "\(dir)/ca.crt", certFile: "\(dir)/server.crt", keyFile: "\(dir)/server.key"),
                "\(dir)/client.crt", "\(dir)/client.key")
    }

    @Test func clientCertificatesReachATLSMember() async throws {
        let certs = try Self.makeCertificates()
        defer { try? FileManager.default.removeItem(atPath: certs.dir) }
        let cluster = try EtcdTestCluster.start(size: 1, tls: certs.server)
        defer { cluster.stop() }
        #expect(cluster.endpoints.hasPrefix("https://"))
        let store = try EtcdStore(
            configuration: EtcdConfiguration(
                endpoints: cluster.endpoints, caFile: certs.server.caFile, certFile: certs.clientCert, keyFile: certs.clientKey))
        try await store.waitUntilReachable(timeout: .seconds(60))
        let kv = try await store.create("/tls/a", value: Array("over TLS".utf8))
        #expect(try await store.get("/tls/a") == kv)
        await store.close()

        // Without a client certificate the member refuses the connection.
        let anonymous = try EtcdStore(
            configuration: EtcdConfiguration(endpoints: cluster.endpoints, caFile: certs.server.caFile, requestTimeout: .seconds(3)))
        await #expect(throws: StoreError.self) { _ = try await anonymous.get("/tls/a") }
        await anonymous.close()
    }
}
