import Foundation
import KubeAPI
import NIOHTTP1
import NIOSSL
import Yams

/// Where the API server is and how to talk to it.
public struct ClientConfig: Sendable {
    /// The server's base URL, e.g. `https://127.0.0.1:6443`.
    public var server: String
    /// The `User-Agent` sent with each request (also the default field manager).
    public var userAgent: String
    /// The namespace of the current context.
    public var namespace: String
    /// TLS settings for an https server (trusted CA, client certificate); nil uses the system's
    /// trust store and no client certificate.
    public var tls: TLSConfiguration?
    /// A bearer token sent as `Authorization: Bearer <token>` with every request.
    public var bearerToken: String?

    public init(
        server: String, userAgent: String = "skiff", namespace: String = "default", tls: TLSConfiguration? = nil,
        bearerToken: String? = nil
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.userAgent = userAgent
        self.namespace = namespace
        self.tls = tls
        self.bearerToken = bearerToken
    }

    /// The headers every request carries: `Host` (`host`), `Accept`, `User-Agent` and, with a
    /// token, `Authorization`.
    public func requestHeaders(host: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: userAgent)
        if let bearerToken { headers.add(name: "Authorization", value: "Bearer \(bearerToken)") }
        return headers
    }

    /// Reads the current context of a kubeconfig file: the cluster's `server`,
    /// `certificate-authority(-data)` and `insecure-skip-tls-verify`, and the user's
    /// `client-certificate(-data)`, `client-key(-data)`, `token` and `tokenFile` (relative paths
    /// are relative to the kubeconfig's folder).
    public static func fromKubeconfig(path: String, userAgent: String = "skiff") throws -> ClientConfig {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let doc = try Yams.load(yaml: text) as? [String: Any] else {
            throw ClientError(code: 0, message: "kubeconfig \(path) is not a YAML mapping")
        }
        let current = doc["current-context"] as? String
        let contexts = doc["contexts"] as? [[String: Any]] ?? []
        let context = contexts.first { ($0["name"] as? String) == current } ?? contexts.first
        let contextBody = context?["context"] as? [String: Any]
        let clusterName = contextBody?["cluster"] as? String
        let clusters = doc["clusters"] as? [[String: Any]] ?? []
        let cluster = (clusters.first { ($0["name"] as? String) == clusterName } ?? clusters.first)?["cluster"] as? [String: Any]
        guard let server = cluster?["server"] as? String else {
            throw ClientError(code: 0, message: "kubeconfig \(path) names no cluster server")
        }
        let userName = contextBody?["user"] as? String
        let users = doc["users"] as? [[String: Any]] ?? []
        let user = (users.first { ($0["name"] as? String) == userName } ?? users.first)?["user"] as? [String: Any] ?? [:]
        let reader = KubeconfigFiles(folder: URL(fileURLWithPath: path).deletingLastPathComponent().path, kubeconfig: path)
        var config = ClientConfig(server: server, userAgent: userAgent, namespace: contextBody?["namespace"] as? String ?? "default")
        if server.lowercased().hasPrefix("https://") {
            config.tls = try reader.tls(cluster: cluster ?? [:], user: user)
        }
        if let token = user["token"] as? String, !token.isEmpty {
            config.bearerToken = token
        } else if let tokenFile = user["tokenFile"] as? String, !tokenFile.isEmpty {
            let token = try String(decoding: reader.bytes(path: tokenFile, data: nil, what: "tokenFile"), as: UTF8.self)
            config.bearerToken = token.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return config
    }
}

/// Reads the files and inline data a kubeconfig names.
struct KubeconfigFiles {
    let folder: String
    let kubeconfig: String

    /// The bytes of inline base64 `data`, else of the file at `path` (relative to the folder).
    func bytes(path: String?, data: String?, what: String) throws -> [UInt8] {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw ClientError(code: 0, message: "kubeconfig \(kubeconfig): \(what)-data is not base64")
            }
            return Array(decoded)
        }
        guard let path, !path.isEmpty else { return [] }
        let full = path.hasPrefix("/") ? path : "\(folder)/\(path)"
        guard let contents = FileManager.default.contents(atPath: full) else {
            throw ClientError(code: 0, message: "kubeconfig \(kubeconfig): cannot read \(what) \(full)")
        }
        return Array(contents)
    }

    /// The TLS settings of a cluster and user entry.
    func tls(cluster: [String: Any], user: [String: Any]) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        do {
            if cluster["insecure-skip-tls-verify"] as? Bool == true {
                tls.certificateVerification = .none
            } else {
                let ca = try bytes(
                    path: cluster["certificate-authority"] as? String, data: cluster["certificate-authority-data"] as? String,
                    what: "certificate-authority")
                if !ca.isEmpty { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca)) }
            }
            let certificate = try bytes(
                path: user["client-certificate"] as? String, data: user["client-certificate-data"] as? String, what: "client-certificate")
            let key = try bytes(path: user["client-key"] as? String, data: user["client-key-data"] as? String, what: "client-key")
            if !certificate.isEmpty, !key.isEmpty {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            }
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(code: 0, message: "kubeconfig \(kubeconfig): invalid certificate or key: \(error)")
        }
        return tls
    }
}
