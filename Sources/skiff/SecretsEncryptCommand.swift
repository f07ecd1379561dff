import ArgumentParser
import Foundation
import KubeAPIServer
import KubeStorage
import Logging

/// Secrets encryption at rest for `skiff server`: where its configuration lives, how it is made
/// and how a store is wrapped with it.
enum SecretsEncryption {
    /// The configuration `skiff server --secrets-encryption` uses (as k3s keeps it).
    static func configPath(dataDir: String) -> String { "\(dataDir)/server/cred/encryption-config.yaml" }

    /// A new random 32-byte AES-GCM key named after the time it was made.
    static func newKey(now: Date = Date()) -> EncryptionKey {
        EncryptionKey.random(name: "aesgcmkey-\(Int(now.timeIntervalSince1970))")
    }

    /// Writes `configuration` to `path` with mode 0600, creating its folder.
    static func write(_ configuration: EncryptionConfiguration, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try Data(configuration.text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// The configuration to use: `explicitPath` when given; else the data dir's file, made with
    /// a fresh key when `enable` and absent (once made, it stays in use); nil when encryption is off.
    static func configuration(dataDir: String, enable: Bool, explicitPath: String?) throws -> EncryptionConfiguration? {
        if let explicitPath { return try EncryptionConfiguration.load(path: explicitPath) }
        let path = configPath(dataDir: dataDir)
        if FileManager.default.fileExists(atPath: path) { return try EncryptionConfiguration.load(path: path) }
        guard enable else { return nil }
        let configuration = EncryptionConfiguration(rules: [.init(resources: ["secrets"], providers: [.aesgcm([newKey()]), .identity])])
        try write(configuration, to: path)
        return configuration
    }

    /// `store` wrapped with `configuration`, after rewriting the values that the current write
    /// key did not write (so turning encryption on, or rotating, leaves no old ciphertext behind).
    static func wrap(_ store: any KeyValueStore, _ configuration: EncryptionConfiguration, logger: Logger) async throws -> any KeyValueStore {
        let encrypting = try EncryptingStore(base: store, configuration: configuration)
        let rewritten = try await encrypting.rewriteStale()
        if rewritten > 0 { logger.info("secrets encryption: rewrote \(rewritten) stored values with the current key") }
        return encrypting
    }
}

/// `skiff secrets-encrypt`: shows and rotates the keys of secrets encryption at rest (the names
/// follow k3s). A rotation takes effect when the server restarts, which re-encrypts every secret.
struct SecretsEncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets-encrypt", abstract: "Show or rotate the keys that encrypt Secrets at rest.",
        subcommands: [Status.self, RotateKeys.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print whether encryption is on and which key is active.")

        @Option(name: .customLong("data-dir"), help: "Folder holding the cluster state.")
        var dataDir = "/var/lib/skiff"

        func run() throws {
            let path = SecretsEncryption.configPath(dataDir: dataDir)
            guard FileManager.default.fileExists(atPath: path) else {
                print("Encryption Status: Disabled")
                return
            }
            let config = try EncryptionConfiguration.load(path: path)
            let providers = config.providers(for: "secrets") ?? []
            print("Encryption Status: \(providers.first == .identity || providers.isEmpty ? "Disabled" : "Enabled")")
            print("Active  Key Type  Name")
            print("------  --------  ----")
            var first = true
            for case .aesgcm(let keys) in providers {
                for key in keys {
                    print(" \(first ? "*" : " ")      AES-GCM   \(key.name)")
                    first = false
                }
            }
        }
    }

    struct RotateKeys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-keys",
            abstract: "Make a new key the one that encrypts; old keys still decrypt. Restart the server to re-encrypt.")

        @Option(name: .customLong("data-dir"), help: "Folder holding the cluster state.")
        var dataDir = "/var/lib/skiff"

        func run() throws {
            let path = SecretsEncryption.configPath(dataDir: dataDir)
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("secrets encryption is not enabled (no \(path)); start the server with --secrets-encryption")
            }
            var config = try EncryptionConfiguration.load(path: path)
            let key = SecretsEncryption.newKey()
            for index in config.rules.indices {
                var providers = config.rules[index].providers
                if case .aesgcm(let keys) = providers.first {
                    providers[0] = .aesgcm([key] + keys.filter { $0.name != key.name })
                } else {
                    providers.insert(.aesgcm([key]), at: 0)
                }
                config.rules[index].providers = providers
            }
            try SecretsEncryption.write(config, to: path)
            print("new key \(key.name) is active; restart skiff server to re-encrypt all secrets with it")
        }
    }
}
