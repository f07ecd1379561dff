/// An image reference parsed and normalised as Docker and containerd do (the grammar of
/// distribution's `reference` package): `busybox` is `docker.io/library/busybox:latest`,
/// `reg:5000/a/b:tag` keeps its registry, `x@sha256:<hex>` is pinned by digest.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host (and port): `docker.io`, `registry.k8s.io`, `127.0.0.1:5000`.
    public var domain: String
    /// The repository path inside the registry: `library/busybox`, `a/b`.
    public var path: String
    /// The tag; `latest` when the reference named neither a tag nor a digest.
    public var tag: String?
    /// The manifest digest (`sha256:<hex>`) the reference is pinned to, if any.
    public var digest: String?

    /// The default registry of names without one.
    public static let defaultDomain = "docker.io"

    /// Parses `string`, adding the default registry, `library/` and tag `latest` as Docker does.
    /// Throws `RuntimeError(.invalidImageName)` when `string` is not a valid reference.
    public init(parsing string: String) throws {
        func invalid(_ why: String = "invalid reference format") -> RuntimeError {
            RuntimeError(.invalidImageName, "couldn't parse image name \"\(string)\": \(why)")
        }
        guard !string.isEmpty else { throw invalid() }
        var rest = Substring(string)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let d = String(rest[rest.index(after: at)...])
            guard Self.isValidDigest(d) else { throw invalid() }
            digest = d
            rest = rest[..<at]
        }
        var tag: String?
        // A tag follows the last ':' that comes after the last '/' (a ':' before it is a port).
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let t = String(rest[rest.index(after: colon)...])
            guard Self.isValidTag(t) else { throw invalid() }
            tag = t
            rest = rest[..<colon]
        }
        let name = String(rest)
        guard !name.isEmpty, name.count <= 255 else { throw invalid() }
        var domain = Self.defaultDomain
        var path = name
        if let slash = name.firstIndex(of: "/") {
            let first = String(name[..<slash])
            if first.contains(".") || first.contains(":") || first == "localhost" || first != first.lowercased() {
                domain = first
                path = String(name[name.index(after: slash)...])
            }
        }
        if domain == "index.docker.io" { domain = Self.defaultDomain }
        guard Self.isValidDomain(domain) else { throw invalid() }
        if path != path.lowercased() { throw invalid("invalid reference format: repository name must be lowercase") }
        if path.count == 64, path.allSatisfy(\.isLowercaseHexDigit) {
            throw invalid("invalid repository name (\(path)), cannot specify 64-byte hexadecimal strings")
        }
        guard Self.isValidPath(path) else { throw invalid() }
        if domain == Self.defaultDomain, !path.contains("/") { path = "library/" + path }
        if tag == nil, digest == nil { tag = "latest" }
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// `domain/path`, e.g. `docker.io/library/busybox`.
    public var name: String { "\(domain)/\(path)" }

    /// The normalised reference: `name[:tag][@digest]`.
    public var description: String {
        var s = name
        if let tag { s += ":\(tag)" }
        if let digest { s += "@\(digest)" }
        return s
    }

    /// `name:tag` when the reference has a tag (what `repoTags` holds).
    public var repoTag: String? { tag.map { "\(name):\($0)" } }

    /// What to ask the registry's manifests endpoint for: the digest when pinned, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// `name@digest` for the given manifest digest (what `repoDigests` holds).
    public func repoDigest(_ manifestDigest: String) -> String { "\(name)@\(manifestDigest)" }

    // MARK: - Grammar

    /// `algorithm:hex`; sha256 digests must be 64 lowercase hex digits.
    static func isValidDigest(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let algorithm = s[..<colon]
        let hex = s[s.index(after: colon)...]
        guard let first = algorithm.first, first.isASCII, first.isLetter,
            algorithm.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+._-".contains($0)) })
        else { return false }
        if algorithm == "sha256" { return hex.count == 64 && hex.allSatisfy(\.isLowercaseHexDigit) }
        return hex.count >= 32 && hex.allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    /// `[\w][\w.-]{0,127}`.
    static func isValidTag(_ s: String) -> Bool {
        guard let first = s.first, s.count <= 128, first.isWordCharacter else { return false }
        return s.allSatisfy { $0.isWordCharacter || $0 == "." || $0 == "-" }
    }

    /// Dot-separated host components with an optional port, or a bracketed IPv6 address.
    static func isValidDomain(_ s: String) -> Bool {
        var host = Substring(s)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else {
                return false
            }
            let after = host[host.index(after: close)...]
            if after.isEmpty { return true }
            guard after.first == ":" else { return false }
            return isValidPort(after.dropFirst())
        }
        if let colon = host.firstIndex(of: ":") {
            guard isValidPort(host[host.index(after: colon)...]) else { return false }
            host = host[..<colon]
        }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { component in
            guard let first = component.first, let last = component.last else { return false }
            return first.isASCIIAlphanumeric && last.isASCIIAlphanumeric
                && component.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
        }
    }

    static func isValidPort(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// Slash-separated components of `[a-z0-9]+` joined by `.`, `_`, `__` or any number of `-`.
    static func isValidPath(_ s: String) -> Bool {
        s.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isValidPathComponent)
    }

    static func isValidPathComponent(_ c: Substring) -> Bool {
        guard let first = c.first, let last = c.last, first.isLowerAlphanumeric, last.isLowerAlphanumeric else {
            return false
        }
        var separator = ""
        for ch in c {
            if ch.isLowerAlphanumeric {
                if !separator.isEmpty {
                    let ok = separator == "." || separator == "_" || separator == "__" || separator.allSatisfy { $0 == "-" }
                    if !ok { return false }
                    separator = ""
                }
            } else if ch == "." || ch == "_" || ch == "-" {
                separator.append(ch)
            } else {
                return false
            }
        }
        return true
    }
}

extension Character {
    fileprivate var isLowercaseHexDigit: Bool { ("0"..."9").contains(self) || ("a"..."f").contains(self) }
    fileprivate var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
    fileprivate var isLowerAlphanumeric: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
    fileprivate var isWordCharacter: Bool { isASCIIAlphanumeric || self == "_" }
}
