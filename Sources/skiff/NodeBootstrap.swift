import Crypto
import Foundation
import KubeAPI
import KubeAPIServer
import KubeClient
import KubePKI
import Logging
import NIOSSL

/// How `skiff agent` obtains its kubelet credentials with a join token (Kubernetes' kubelet
/// TLS bootstrap, k3s' trust on first use): fetch `/cacerts` unverified and check its SHA-256
/// against the token; with the bootstrap token, ask for a client certificate
/// (`kubernetes.io/kube-apiserver-client-kubelet`, `CN=system:node:<name>`, `O=system:nodes`)
/// through a CertificateSigningRequest and wait for it to be issued; with that certificate,
/// fetch the client CA and ask for a serving certificate (`kubernetes.io/kubelet-serving`).
/// Keys are made here and never leave the machine. Everything lands in `<data-dir>/agent/`;
/// a restart with valid credentials there skips all of it.
struct NodeBootstrap {
    let server: String
    let token: JoinToken
    let nodeName: String
    /// `<data-dir>/agent`.
    let directory: String
    let logger: Logger
    /// How long to wait for each certificate to be issued.
    var timeout: Duration = .seconds(120)

    /// What the kubelet runs with.
    struct Credentials {
        let serverCA: CertificateAuthority
        let clientCA: CertificateAuthority
        let client: CertifiedKey
        let serving: CertifiedKey
    }

    var serverCAPath: String { "\(directory)/server-ca.crt" }
    var clientCAPath: String { "\(directory)/client-ca.crt" }
    func certificatePath(_ name: String) -> String { "\(directory)/\(name).crt" }
    func keyPath(_ name: String) -> String { "\(directory)/\(name).key" }
    var kubeconfigPath: String { "\(directory)/kubelet.kubeconfig" }

    /// The credentials on disk when they are all there and valid at `now`; nil otherwise.
    func existing(now: Date) -> Credentials? {
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        guard let serverCA = read(serverCAPath), let clientCA = read(clientCAPath),
            let clientCert = read(certificatePath("client-kubelet")), let clientKey = read(keyPath("client-kubelet")),
            let servingCert = read(certificatePath("serving-kubelet")), let servingKey = read(keyPath("serving-kubelet")),
            let client = try? CertifiedKey(certificatePEM: clientCert, keyPEM: clientKey),
            let serving = try? CertifiedKey(certificatePEM: servingCert, keyPEM: servingKey),
            let server = try? CertifiedKey(certificatePEMOnly: serverCA), let clientAuthority = try? CertifiedKey(certificatePEMOnly: clientCA),
            client.commonName == "system:node:\(nodeName)", now < client.certificate.notValidAfter,
            now < serving.certificate.notValidAfter, (try? token.verify(caBundle: serverCA)) != nil
        else { return nil }
        return Credentials(
            serverCA: CertificateAuthority(identity: server), clientCA: CertificateAuthority(identity: clientAuthority), client: client,
            serving: serving)
    }

    /// Returns valid credentials, bootstrapping them when the data dir has none.
    func run() async throws -> Credentials {
        if let credentials = existing(now: Date()) {
            logger.info("using the kubelet credentials in \(directory)")
            return credentials
        }
        let caBundle = try await fetchCABundle()
        try token.verify(caBundle: caBundle)
        let serverCA = CertificateAuthority(identity: try CertifiedKey(certificatePEMOnly: caBundle))
        try CredentialFiles.write(caBundle, to: serverCAPath, mode: 0o644)
        logger.info("the server's CA matches the join token; asking for a kubelet client certificate")

        let bootstrap = KubeClient(
            config: ClientConfig(
                server: server, userAgent: "skiff-agent/\(nodeName)", tls: try TLSSettings.client(trusting: serverCA),
                bearerToken: token.credentials), maxConnections: 2)
        defer { Task { await bootstrap.shutdown() } }
        let client = try await requestClientCertificate(bootstrap, generateName: "node-csr-")

        let node = KubeClient(
            config: ClientConfig(
                server: server, userAgent: "skiff-agent/\(nodeName)", tls: try TLSSettings.client(trusting: serverCA, identity: client)),
            maxConnections: 2)
        defer { Task { await node.shutdown() } }
        let clientCAPEM = String(decoding: try await node.request(.GET, NodeJoinConfiguration.clientCAPath), as: UTF8.self)
        let clientCA = CertificateAuthority(identity: try CertifiedKey(certificatePEMOnly: clientCAPEM))
        try CredentialFiles.write(clientCAPEM, to: clientCAPath, mode: 0o644)

        logger.info("asking for a kubelet serving certificate")
        let serving = try await requestServingCertificate(node)
        try Kubeconfig.write(
            server: server,
            credentials: .files(ca: serverCAPath, certificate: certificatePath("client-kubelet"), key: keyPath("client-kubelet")),
            user: "system:node:\(nodeName)", to: kubeconfigPath)
        logger.info("kubelet credentials written to \(directory)")
        return Credentials(serverCA: serverCA, clientCA: clientCA, client: client, serving: serving)
    }

    /// Asks (with `client`'s credentials: the join token, or the node's current certificate
    /// when rotating) for a new kubelet client certificate on a new key and writes both.
    func requestClientCertificate(_ client: KubeClient, generateName: String = "csr-") async throws -> CertifiedKey {
        let key = P256.Signing.PrivateKey()
        let pem = try await requestCertificate(
            client, generateName: generateName,
            request: try CertificateRequest.make(commonName: "system:node:\(nodeName)", organizations: ["system:nodes"], key: key),
            signerName: "kubernetes.io/kube-apiserver-client-kubelet", usages: ["digital signature", "client auth"])
        return try write(CertifiedKey(certificatePEM: pem, keyPEM: key.pemRepresentation), as: "client-kubelet")
    }

    /// Asks (as the node) for a new kubelet serving certificate on a new key and writes both.
    func requestServingCertificate(_ client: KubeClient) async throws -> CertifiedKey {
        let key = P256.Signing.PrivateKey()
        let pem = try await requestCertificate(
            client, generateName: "csr-",
            request: try CertificateRequest.make(
                commonName: "system:node:\(nodeName)", organizations: ["system:nodes"], dnsNames: [nodeName, "localhost"],
                ipAddresses: ["127.0.0.1"] + HostAddresses.interfaceAddresses(), key: key),
            signerName: "kubernetes.io/kubelet-serving", usages: ["digital signature", "server auth"])
        return try write(CertifiedKey(certificatePEM: pem, keyPEM: key.pemRepresentation), as: "serving-kubelet")
    }

    /// Writes `identity`'s key (0600) and certificate (0644) as `<name>.key` and `<name>.crt`.
    private func write(_ identity: CertifiedKey, as name: String) throws -> CertifiedKey {
        try CredentialFiles.write(identity.keyPEM, to: keyPath(name), mode: 0o600)
        try CredentialFiles.write(identity.certificatePEM, to: certificatePath(name), mode: 0o644)
        return identity
    }

    /// `GET /cacerts` without verifying the server (the token's hash verifies what comes back).
    func fetchCABundle() async throws -> String {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let client = KubeClient(config: ClientConfig(server: server, userAgent: "skiff-agent/\(nodeName)", tls: tls), maxConnections: 1)
        defer { Task { await client.shutdown() } }
        do {
            return String(decoding: try await client.request(.GET, NodeJoinConfiguration.caBundlePath, timeout: .seconds(30)), as: UTF8.self)
        } catch {
            throw PKIError("cannot fetch the CA certificate from \(server)\(NodeJoinConfiguration.caBundlePath)", cause: error)
        }
    }

    /// Creates a CertificateSigningRequest and waits (polling, up to `timeout`) for its
    /// certificate; throws when it is denied or fails, saying why.
    func requestCertificate(
        _ client: KubeClient, generateName: String, request: String, signerName: String, usages: [String]
    ) async throws -> String {
        let csr: JSONValue = [
            "apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest",
            "metadata": ["generateName": .string(generateName)],
            "spec": [
                "request": .string(Data(request.utf8).base64EncodedString()), "signerName": .string(signerName),
                "usages": .array(usages.map { .string($0) }),
            ],
        ]
        let created: JSONValue
        do {
            created = try await client.create(.certificateSigningRequests, csr)
        } catch let error as ClientError where error.code == 401 {
            throw PKIError("the server refused the join token (401 Unauthorized): it is unknown, expired or malformed")
        }
        let name = created.name
        logger.info("created CertificateSigningRequest \(name) (\(signerName)); waiting for it to be approved and issued")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = try await client.get(.certificateSigningRequests, name: name)
            for condition in current["status"]?["conditions"]?.arrayValue ?? [] {
                let type = condition["type"]?.stringValue ?? ""
                if type == "Denied" || type == "Failed" {
                    throw PKIError("CertificateSigningRequest \(name) was \(type == "Denied" ? "denied" : "failed"): \(condition["message"]?.stringValue ?? "")")
                }
            }
            if let b64 = current["status"]?["certificate"]?.stringValue, let bytes = Data(base64Encoded: b64), !bytes.isEmpty {
                return String(decoding: bytes, as: UTF8.self)
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw PKIError("timed out after \(timeout) waiting for CertificateSigningRequest \(name) to be issued (is the controller manager running?)")
    }
}

/// Writing credential files (keys, certificates, tokens) atomically with a mode.
enum CredentialFiles {
    static func write(_ text: String, to path: String, mode: Int) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw PKIError("cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else { throw PKIError("cannot rename \(temporary) to \(path): errno \(errno)") }
    }
}
