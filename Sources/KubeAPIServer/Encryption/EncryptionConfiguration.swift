import Crypto
import Foundation
import KubeAPI
import Yams

/// An `EncryptionConfiguration` (apiserver.config.k8s.io/v1), as kube-apiserver's
/// `--encryption-provider-config` reads it: for each listed resource, the providers that
/// encrypt what is written (the first) and decrypt what is read (any of them).
///
/// Skiff supports the `aesgcm` and `identity` providers.
public struct EncryptionConfiguration: Sendable, Equatable {
    /// One `resources` entry: which resources, and their providers in order.
    public struct Rule: Sendable, Equatable {
        /// Group-qualified resource names, e.g. `secrets`, `deployments.apps`.
        public var resources: [String]
        /// The providers; the first encrypts writes.
        public var providers: [EncryptionProvider]

        public init(resources: [String], providers: [EncryptionProvider]) {
            self.resources = resources
            self.providers = providers
        }
    }

    /// The rules, in the file's order (the first rule naming a resource applies to it).
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// The error type of configuration problems.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        /// What is wrong, naming the field.
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Parses a configuration file's text (YAML or JSON).
    public init(parsing text: String) throws(Invalid) {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw Invalid(description: "encryption configuration is not YAML or JSON: \(error)")
        }
        guard let root = document as? [String: Any] else { throw Invalid(description: "encryption configuration is not a mapping") }
        guard root["kind"] as? String == "EncryptionConfiguration" else {
            throw Invalid(description: "kind: must be EncryptionConfiguration")
        }
        guard let version = root["apiVersion"] as? String, version == "apiserver.config.k8s.io/v1" || version == "v1" else {
            throw Invalid(description: "apiVersion: must be apiserver.config.k8s.io/v1")
        }
        guard let entries = root["resources"] as? [[String: Any]], !entries.isEmpty else {
            throw Invalid(description: "resources: Required value")
        }
        var rules: [Rule] = []
        for (i, entry) in entries.enumerated() {
            let names = entry["resources"] as? [String] ?? []
            guard !names.isEmpty else { throw Invalid(description: "resources[\(i)].resources: Required value") }
            guard let providers = entry["providers"] as? [[String: Any]], !providers.isEmpty else {
                throw Invalid(description: "resources[\(i)].providers: Required value")
            }
            var parsed: [EncryptionProvider] = []
            for (j, provider) in providers.enumerated() {
                parsed.append(try EncryptionProvider(parsing: provider, field: "resources[\(i)].providers[\(j)]"))
            }
            rules.append(Rule(resources: names, providers: parsed))
        }
        self.rules = rules
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(Invalid) -> EncryptionConfiguration {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Invalid(description: "cannot read encryption configuration \(path)")
        }
        return try EncryptionConfiguration(parsing: text)
    }

    /// The providers for `resource` (group-qualified, `secrets` for the core group), or nil
    /// when no rule names it (it is stored as is).
    public func providers(for resource: String) -> [EncryptionProvider]? {
        rules.first { $0.resources.contains(resource) }?.providers
    }

    /// The configuration's text, as written by `skiff` (YAML).
    public var text: String {
        var lines = ["apiVersion: apiserver.config.k8s.io/v1", "kind: EncryptionConfiguration", "resources:"]
        for rule in rules {
            lines.append("- resources:")
            lines += rule.resources.map { "  - \($0)" }
            lines.append("  providers:")
            for provider in rule.providers {
                switch provider {
                case .identity:
                    lines.append("  - identity: {}")
                case .aesgcm(let keys):
                    lines += ["  - aesgcm:", "      keys:"]
                    for key in keys {
                        lines += ["      - name: \(key.name)", "        secret: \(Data(key.secret).base64EncodedString())"]
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One provider of an `EncryptionConfiguration`.
public enum EncryptionProvider: Sendable, Equatable {
    /// AES-GCM with these keys; the first encrypts.
    case aesgcm([EncryptionKey])
    /// Stores values unencrypted; reads values that carry no encryption prefix.
    case identity

    init(parsing body: [String: Any], field: String) throws(EncryptionConfiguration.Invalid) {
        if body["identity"] != nil {
            self = .identity
            return
        }
        guard let aes = body["aesgcm"] as? [String: Any] else {
            throw EncryptionConfiguration.Invalid(description: "\(field): only aesgcm and identity providers are supported")
        }
        guard let list = aes["keys"] as? [[String: Any]], !list.isEmpty else {
            throw EncryptionConfiguration.Invalid(description: "\(field).aesgcm.keys: Required value")
        }
        var keys: [EncryptionKey] = []
        for (k, entry) in list.enumerated() {
            let name = entry["name"] as? String ?? ""
            guard !name.isEmpty, !name.contains(":") else {
                throw EncryptionConfiguration.Invalid(description: "\(field).aesgcm.keys[\(k)].name: Required value (and no ':')")
            }
            guard !keys.contains(where: { $0.name == name }) else {
                throw EncryptionConfiguration.Invalid(description: "\(field).aesgcm.keys[\(k)].name: Duplicate value: \"\(name)\"")
            }
            guard let encoded = entry["secret"] as? String, let secret = Data(base64Encoded: encoded), [16, 24, 32].contains(secret.count)
            else {
                throw EncryptionConfiguration.Invalid(
                    description: "\(field).aesgcm.keys[\(k)].secret: Invalid value: secrets must be base64 of 16, 24 or 32 bytes")
            }
            keys.append(EncryptionKey(name: name, secret: Array(secret)))
        }
        self = .aesgcm(keys)
    }
}

/// A named AES key.
public struct EncryptionKey: Sendable, Equatable {
    /// The key's name, written into every value it encrypts.
    public var name: String
    /// 16, 24 or 32 bytes.
    public var secret: [UInt8]

    public init(name: String, secret: [UInt8]) {
        self.name = name
        self.secret = secret
    }

    /// A new key of 32 random bytes.
    public static func random(name: String) -> EncryptionKey {
        EncryptionKey(name: name, secret: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }
}
