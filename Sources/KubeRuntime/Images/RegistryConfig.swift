import Foundation
import Yams

/// Registry mirrors and credentials, read from a file in k3s' `registries.yaml` format
/// (`--private-registry`):
///
/// ```yaml
/// mirrors:
///   docker.io:
///     endpoint: ["http://127.0.0.1:5000"]
///     rewrite: {"^library/(.*)": "mirror/$1"}
/// configs:
///   "127.0.0.1:5000":
///     auth: {username: u, password: p}
///     tls: {insecure_skip_verify: true}
/// ```
public struct RegistryConfig: Sendable {
    /// Where to pull a registry's images from before its default endpoint.
    public struct Mirror: Sendable {
        /// Endpoint URLs tried in order (`https://host[:port][/path]`; `http://` is plain HTTP).
        public var endpoints: [String]
        /// Repository rewrites for these endpoints: regular expression → replacement (`$1`).
        public var rewrites: [(pattern: String, replacement: String)]

        /// A mirror with these endpoints and rewrites.
        public init(endpoints: [String], rewrites: [(pattern: String, replacement: String)] = []) {
            self.endpoints = endpoints
            self.rewrites = rewrites
        }
    }

    /// Credentials for a registry host.
    public struct Auth: Sendable, Hashable {
        /// User name for basic auth and token requests.
        public var username: String?
        /// Password for basic auth and token requests.
        public var password: String?
        /// `base64(username:password)`, used when username and password are not given.
        public var auth: String?
        /// A refresh token, exchanged for an access token at the token endpoint.
        public var identityToken: String?

        /// Credentials with the given fields.
        public init(username: String? = nil, password: String? = nil, auth: String? = nil, identityToken: String? = nil) {
            self.username = username
            self.password = password
            self.auth = auth
            self.identityToken = identityToken
        }

        /// The user name and password, from `username`/`password` or decoded from `auth`.
        public var credentials: (username: String, password: String)? {
            if let username, let password { return (username, password) }
            if let auth, let data = Data(base64Encoded: auth), let text = String(data: data, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            {
                return (String(text[..<colon]), String(text[text.index(after: colon)...]))
            }
            return nil
        }
    }

    /// TLS settings for a registry host.
    public struct TLS: Sendable, Hashable {
        /// Accept any server certificate.
        public var insecureSkipVerify: Bool
        /// PEM file of the CA that signs the registry's certificate.
        public var caFile: String?
        /// PEM client certificate.
        public var certFile: String?
        /// PEM client key.
        public var keyFile: String?

        /// TLS settings with the given fields.
        public init(insecureSkipVerify: Bool = false, caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil) {
            self.insecureSkipVerify = insecureSkipVerify
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
        }
    }

    /// Auth and TLS for one registry host.
    public struct HostConfig: Sendable {
        /// Credentials, if any.
        public var auth: Auth?
        /// TLS settings, if any.
        public var tls: TLS?

        /// A host config with the given parts.
        public init(auth: Auth? = nil, tls: TLS? = nil) {
            self.auth = auth
            self.tls = tls
        }
    }

    /// Mirrors by registry name (`docker.io`, `registry.k8s.io`, or `*` for every registry).
    public var mirrors: [String: Mirror]
    /// Auth and TLS by registry host (`host[:port]`, as in endpoint URLs).
    public var configs: [String: HostConfig]

    /// Whether only mirrors are tried, never a registry's own endpoint (k3s'
    /// `--disable-default-registry-endpoint`).
    public var disableDefaultEndpoint: Bool

    /// A configuration with these mirrors and host configs (none: pull from each registry directly).
    public init(mirrors: [String: Mirror] = [:], configs: [String: HostConfig] = [:], disableDefaultEndpoint: Bool = false) {
        self.mirrors = mirrors
        self.configs = configs
        self.disableDefaultEndpoint = disableDefaultEndpoint
    }

    /// Reads a `registries.yaml` file; throws `RuntimeError(.other)` when it cannot be read or parsed.
    public static func load(path: String) throws -> RegistryConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RuntimeError(.other, "read registries file \(path)", cause: error)
        }
        return try RegistryConfig(yaml: text)
    }

    /// Parses the text of a `registries.yaml` file.
    public init(yaml: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw RuntimeError(.other, "invalid registries.yaml", cause: error)
        }
        self.init()
        for (key, value) in root?["mirrors"]?.mapping ?? [:] {
            guard let registry = key.string else { continue }
            let endpoints = value["endpoint"]?.sequence?.compactMap(\.string) ?? []
            let rewrites = (value["rewrite"]?.mapping ?? [:]).compactMap { pair -> (pattern: String, replacement: String)? in
                guard let pattern = pair.key.string, let replacement = pair.value.string else { return nil }
                return (pattern, replacement)
            }
            mirrors[registry] = Mirror(endpoints: endpoints, rewrites: rewrites)
        }
        for (key, value) in root?["configs"]?.mapping ?? [:] {
            guard let host = key.string else { continue }
            var config = HostConfig()
            if let auth = value["auth"] {
                config.auth = Auth(
                    username: auth["username"]?.string, password: auth["password"]?.string,
                    auth: auth["auth"]?.string, identityToken: auth["identity_token"]?.string)
            }
            if let tls = value["tls"] {
                config.tls = TLS(
                    insecureSkipVerify: tls["insecure_skip_verify"]?.bool ?? false, caFile: tls["ca_file"]?.string,
                    certFile: tls["cert_file"]?.string, keyFile: tls["key_file"]?.string)
            }
            configs[RegistryEndpoint.hostKey(host)] = config
        }
    }

    /// The endpoints to try for `registry`, in order: its mirrors (or the `*` mirrors), then its
    /// default endpoint (`https://registry-1.docker.io` for docker.io, plain HTTP for loopback)
    /// unless `disableDefaultEndpoint` and there are mirrors.
    public func endpoints(for registry: String) -> [RegistryEndpoint] {
        var result: [RegistryEndpoint] = []
        let mirror = mirrors[registry] ?? mirrors["*"]
        for url in mirror?.endpoints ?? [] {
            guard let endpoint = RegistryEndpoint(url: url, rewrites: mirror?.rewrites ?? []) else { continue }
            if !result.contains(where: { $0.baseURL == endpoint.baseURL }) { result.append(endpoint) }
        }
        let fallback = RegistryEndpoint.defaultEndpoint(for: registry)
        if !result.contains(where: { $0.baseURL == fallback.baseURL }), !(disableDefaultEndpoint && !result.isEmpty) {
            result.append(fallback)
        }
        return result.map { endpoint in
            var endpoint = endpoint
            let config = configs[endpoint.host] ?? (endpoint.isDefault ? configs[registry] : nil)
            endpoint.auth = config?.auth
            endpoint.tls = config?.tls
            return endpoint
        }
    }
}
