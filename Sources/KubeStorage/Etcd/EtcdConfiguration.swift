import Foundation

/// Where and how `EtcdStore` reaches an etcd v3 cluster: the client URLs of its members and the
/// TLS material of `--datastore-cafile`, `--datastore-certfile` and `--datastore-keyfile`.
public struct EtcdConfiguration: Sendable, Hashable {
    /// One member's client URL, e.g. `http://127.0.0.1:2379` or `https://etcd-1:2379`.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        /// True for `https://`.
        public var secure: Bool
        /// The host name or IP address (IPv6 without brackets).
        public var host: String
        /// The client port.
        public var port: Int

        /// Parses `http://host:port` or `https://host:port` (port 2379 when absent). Throws a
        /// `.backend` `StoreError` naming the URL when it is malformed.
        public init(parsing url: String) throws(StoreError) {
            let trimmed = url.trimmingCharacters(in: .whitespaces)
            var rest: Substring
            if trimmed.hasPrefix("http://") {
                secure = false
                rest = trimmed.dropFirst("http://".count)
            } else if trimmed.hasPrefix("https://") {
                secure = true
                rest = trimmed.dropFirst("https://".count)
            } else {
                throw StoreError(.backend, "etcd endpoint \(url) must start with http:// or https://")
            }
            if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
            var hostPart = rest
            var portPart: Substring?
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else {
                    throw StoreError(.backend, "etcd endpoint \(url) has an unclosed IPv6 bracket")
                }
                hostPart = rest[rest.index(after: rest.startIndex)..<close]
                let after = rest[rest.index(after: close)...]
                if after.hasPrefix(":") { portPart = after.dropFirst() }
            } else if let colon = rest.lastIndex(of: ":") {
                hostPart = rest[..<colon]
                portPart = rest[rest.index(after: colon)...]
            }
            guard !hostPart.isEmpty else { throw StoreError(.backend, "etcd endpoint \(url) has no host") }
            host = String(hostPart)
            if let portPart {
                guard let p = Int(portPart), (1...65535).contains(p) else {
                    throw StoreError(.backend, "etcd endpoint \(url) has an invalid port")
                }
                port = p
            } else {
                port = 2379
            }
        }

        /// The endpoint as a URL.
        public var description: String {
            let h = host.contains(":") ? "[\(host)]" : host
            return "\(secure ? "https" : "http")://\(h):\(port)"
        }
    }

    /// The members to talk to, in order of preference; requests fail over to the next one when a
    /// member cannot be reached.
    public var endpoints: [Endpoint]
    /// PEM file of the CA that signed the members' certificates (nil: the system's roots).
    public var caFile: String?
    /// PEM file of the client certificate presented to the members (with `keyFile`).
    public var certFile: String?
    /// PEM file of the client certificate's private key.
    public var keyFile: String?
    /// How long one unary request may take before it is retried on the next member.
    public var requestTimeout: Duration
    /// How often an open watch asks etcd for a progress notification, so that a resumed watch
    /// restarts from a recent revision even when its prefix is quiet.
    public var watchProgressInterval: Duration

    /// A configuration for `endpoints`, a comma-separated list of client URLs such as
    /// `http://h1:2379,http://h2:2379`.
    public init(
        endpoints: String, caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil,
        requestTimeout: Duration = .seconds(10), watchProgressInterval: Duration = .seconds(5)
    ) throws(StoreError) {
        var parsed: [Endpoint] = []
        for part in endpoints.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            parsed.append(try Endpoint(parsing: String(part)))
        }
        guard !parsed.isEmpty else { throw StoreError(.backend, "no etcd endpoint in \"\(endpoints)\"") }
        if (certFile == nil) != (keyFile == nil) {
            throw StoreError(.backend, "an etcd client certificate needs both a certificate file and a key file")
        }
        self.endpoints = parsed
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.requestTimeout = requestTimeout
        self.watchProgressInterval = watchProgressInterval
    }
}
