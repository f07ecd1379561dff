import Foundation

/// A bootstrap token, as Kubernetes defines them: `<id>.<secret>` with a 6-character id and a
/// 16-character secret of `[a-z0-9]`, stored as the Secret `kube-system/bootstrap-token-<id>`
/// of type `bootstrap.kubernetes.io/token`. A join token carries one; with it a new node
/// authenticates as `system:bootstrap:<id>` in `system:bootstrappers` (plus the token's extra
/// groups) until it holds a certificate of its own.
public struct BootstrapToken: Sendable, Hashable {
    /// The public part, `[a-z0-9]{6}`; the Secret's name ends with it.
    public var id: String
    /// The private part, `[a-z0-9]{16}`.
    public var secret: String
    /// When the token stops authenticating; nil never.
    public var expiration: Date?
    /// Groups besides `system:bootstrappers` its users belong to (each `system:bootstrappers:...`).
    public var extraGroups: [String]
    /// What `description` says in the Secret.
    public var description: String

    /// The namespace of bootstrap token Secrets.
    public static let namespace = "kube-system"
    /// The Secret type of bootstrap tokens.
    public static let secretType = "bootstrap.kubernetes.io/token"
    /// The prefix of bootstrap token Secret names.
    public static let secretPrefix = "bootstrap-token-"
    /// The group every bootstrap token user is in.
    public static let group = "system:bootstrappers"
    /// The prefix of bootstrap token user names.
    public static let userPrefix = "system:bootstrap:"
    /// The extra group of the tokens `skiff server` and `skiff token create` make, bound to
    /// node bootstrap and client certificate auto-approval (kubeadm's `...:kubeadm:default-node-token`).
    public static let defaultNodeGroup = "system:bootstrappers:skiff:default-node-token"

    /// A token with these parts; by default it never expires and has no extra groups.
    public init(id: String, secret: String, expiration: Date? = nil, extraGroups: [String] = [], description: String = "") {
        self.id = id
        self.secret = secret
        self.expiration = expiration
        self.extraGroups = extraGroups
        self.description = description
    }

    /// A new token with a random id and secret (from the system's secure generator).
    public static func generate(
        expiration: Date? = nil, extraGroups: [String] = [defaultNodeGroup], description: String = ""
    ) -> BootstrapToken {
        var rng = SystemRandomNumberGenerator()
        func random(_ n: Int) -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            return String((0..<n).map { _ in alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))] })
        }
        return BootstrapToken(
            id: random(6), secret: random(16), expiration: expiration, extraGroups: extraGroups, description: description)
    }

    /// `<id>.<secret>`, what a bearer header carries.
    public var text: String { "\(id).\(secret)" }

    /// The id and secret of `text` when it has the bootstrap token form; nil otherwise.
    public static func parse(_ text: String) -> (id: String, secret: String)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, isTokenPart(parts[0], length: 6), isTokenPart(parts[1], length: 16) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    private static func isTokenPart(_ s: Substring, length: Int) -> Bool {
        s.utf8.count == length && s.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Whether `group` may be an extra group of a token (`system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]`).
    public static func isValidExtraGroup(_ group: String) -> Bool {
        guard group.hasPrefix(Self.group + ":") else { return false }
        let rest = group.dropFirst(Self.group.count + 1).utf8
        guard let last = rest.last, rest.count <= 256 else { return false }
        func ok(_ c: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
        return ok(last) && rest.allSatisfy { ok($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") }
    }

    /// The Secret holding this token, with the keys Kubernetes reads (`token-id`,
    /// `token-secret`, `expiration`, `usage-bootstrap-authentication`,
    /// `usage-bootstrap-signing`, `auth-extra-groups`, `description`), base64 in `data`.
    public var secretObject: JSONValue {
        var data: [String: String] = [
            "token-id": id, "token-secret": secret, "usage-bootstrap-authentication": "true",
            "usage-bootstrap-signing": "true",
        ]
        if let expiration { data["expiration"] = Timestamp.format(expiration) }
        if !extraGroups.isEmpty { data["auth-extra-groups"] = extraGroups.joined(separator: ",") }
        if !description.isEmpty { data["description"] = description }
        var encoded = JSONObject()
        for (key, value) in data.sorted(by: { $0.key < $1.key }) { encoded[key] = .string(Data(value.utf8).base64EncodedString()) }
        return [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(Self.secretPrefix + id), "namespace": .string(Self.namespace)],
            "type": .string(Self.secretType), "data": .object(encoded),
        ]
    }

    /// The token a bootstrap token Secret holds (of the right type and name); nil for any
    /// other Secret. Expiry is not checked here.
    public init?(secret object: JSONValue) {
        guard object["type"]?.stringValue == Self.secretType else { return nil }
        func value(_ key: String) -> String? {
            guard let b64 = object["data"]?[key]?.stringValue, let bytes = Data(base64Encoded: b64) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let id = value("token-id"), let secret = value("token-secret"),
            object["metadata"]?["name"]?.stringValue == Self.secretPrefix + id
        else { return nil }
        self.init(id: id, secret: secret)
        if let text = value("expiration") {
            // An expiration that does not parse never lets the token authenticate.
            expiration = Timestamp.parse(text) ?? Date(timeIntervalSince1970: 0)
        }
        extraGroups = (value("auth-extra-groups") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        description = value("description") ?? ""
        usableForAuthentication = value("usage-bootstrap-authentication") == "true"
    }

    /// Whether the Secret says `usage-bootstrap-authentication: "true"` (always for tokens made here).
    public var usableForAuthentication = true
}
