import Foundation

/// One place to pull a registry's images from: a mirror or the registry itself, with its
/// repository rewrites, credentials and TLS settings.
public struct RegistryEndpoint: Sendable {
    /// The distribution API root, e.g. `https://registry-1.docker.io/v2`.
    public var baseURL: String
    /// `host[:port]` of the URL (the key of its `configs` entry).
    public var host: String
    /// Whether this is the registry's own endpoint rather than a mirror.
    public var isDefault: Bool
    /// Repository rewrites (regular expression → replacement) applied before each request.
    public var rewrites: [(pattern: String, replacement: String)]
    /// Credentials for this host.
    public var auth: RegistryConfig.Auth?
    /// TLS settings for this host.
    public var tls: RegistryConfig.TLS?

    /// The endpoint at `url` (`scheme://host[:port][/path]`; no scheme means https), or nil when
    /// `url` is not such a URL. The API root is the path plus `/v2` unless it ends so already.
    public init?(url: String, rewrites: [(pattern: String, replacement: String)] = [], isDefault: Bool = false) {
        var text = url.contains("://") ? url : "https://\(url)"
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            scheme == "http" || scheme == "https", let hostName = components.host, !hostName.isEmpty
        else { return nil }
        let bracketed = hostName.contains(":") ? "[\(hostName)]" : hostName
        host = components.port.map { "\(bracketed):\($0)" } ?? bracketed
        var path = components.path
        if !path.hasSuffix("/v2") { path += "/v2" }
        baseURL = "\(scheme)://\(host)\(path)"
        self.rewrites = rewrites
        self.isDefault = isDefault
    }

    /// The registry's own endpoint: `https://registry-1.docker.io` for docker.io, plain HTTP for
    /// localhost and loopback addresses (as containerd), HTTPS otherwise.
    public static func defaultEndpoint(for registry: String) -> RegistryEndpoint {
        let host = registry == "docker.io" ? "registry-1.docker.io" : registry
        let hostName = host.split(separator: ":").first.map(String.init) ?? host
        let loopback = hostName == "localhost" || hostName.hasPrefix("127.") || host.hasPrefix("[::1]")
        let url = "\(loopback ? "http" : "https")://\(host)"
        return RegistryEndpoint(url: url, isDefault: true)
            ?? RegistryEndpoint(baseURL: "https://\(host)/v2", host: host, isDefault: true)
    }

    init(baseURL: String, host: String, isDefault: Bool) {
        self.baseURL = baseURL
        self.host = host
        self.isDefault = isDefault
        rewrites = []
    }

    /// `host[:port]` of a `configs` key, which may be written as a URL.
    static func hostKey(_ key: String) -> String {
        guard key.contains("://"), let endpoint = RegistryEndpoint(url: key) else { return key }
        return endpoint.host
    }

    /// The repository to ask this endpoint for: `repository` after the first matching rewrite.
    public func rewrite(_ repository: String) -> String {
        for (pattern, replacement) in rewrites {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(repository.startIndex..., in: repository)
            guard regex.firstMatch(in: repository, range: range) != nil else { continue }
            return regex.stringByReplacingMatches(in: repository, range: range, withTemplate: replacement)
        }
        return repository
    }

    /// Whether requests go over plain HTTP.
    public var isPlainHTTP: Bool { baseURL.hasPrefix("http://") }
}
