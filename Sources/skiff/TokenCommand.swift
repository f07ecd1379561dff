import ArgumentParser
import Foundation
import KubeAPI
import KubeClient
import KubePKI

/// `skiff token create|list|delete`: bootstrap tokens for joining agents, as k3s' and
/// kubeadm's `token` commands (the Secrets `kube-system/bootstrap-token-<id>`).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage join tokens (bootstrap tokens).",
        subcommands: [Create.self, List.self, Delete.self])

    /// Where the API server and the server CA are.
    struct Connection: ParsableArguments {
        @Option(help: "Admin kubeconfig.")
        var kubeconfig = "/etc/skiff/skiff.yaml"

        @Option(name: .customLong("data-dir"), help: "The server's data dir (for the CA hash in printed tokens).")
        var dataDir = "/var/lib/skiff"

        func client() throws -> KubeClient {
            KubeClient(config: try ClientConfig.fromKubeconfig(path: kubeconfig, userAgent: "skiff-token"), maxConnections: 2)
        }

        func joinToken(_ token: BootstrapToken) throws -> String {
            let ca = try String(contentsOfFile: "\(dataDir)/server/tls/server-ca.crt", encoding: .utf8)
            return JoinToken(caBundle: ca, credentials: token.text).text
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a join token and print it.")
        @OptionGroup var connection: Connection

        @Option(help: "How long the token authenticates (e.g. 24h, 90m, 0 for ever).")
        var ttl = "24h"

        @Option(help: "A description kept in the token's Secret.")
        var description = ""

        func run() async throws {
            guard let seconds = TokenCommand.seconds(ttl) else { throw ValidationError("--ttl must look like 24h, 90m, 30s or 0") }
            let token = BootstrapToken.generate(
                expiration: seconds == 0 ? nil : Date().addingTimeInterval(seconds), description: description)
            let client = try connection.client()
            defer { Task { await client.shutdown() } }
            _ = try await client.create(.secrets, namespace: BootstrapToken.namespace, token.secretObject)
            print(try connection.joinToken(token))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List join tokens.")
        @OptionGroup var connection: Connection

        func run() async throws {
            let client = try connection.client()
            defer { Task { await client.shutdown() } }
            let secrets = try await client.listAll(.secrets, namespace: BootstrapToken.namespace).items
            print("TOKEN                     EXPIRES                 EXTRA GROUPS")
            for token in secrets.compactMap(BootstrapToken.init(secret:)).sorted(by: { $0.id < $1.id }) {
                let expires = token.expiration.map { Timestamp.format($0) } ?? "<forever>"
                let pad = { (s: String, n: Int) in s + String(repeating: " ", count: max(1, n - s.count)) }
                print(pad(token.text, 26) + pad(expires, 24) + token.extraGroups.joined(separator: ","))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete join tokens by id (or id.secret).")
        @OptionGroup var connection: Connection

        @Argument(help: "Token ids.")
        var ids: [String]

        func run() async throws {
            let client = try connection.client()
            defer { Task { await client.shutdown() } }
            for id in ids {
                let name = BootstrapToken.secretPrefix + (id.split(separator: ".").first.map(String.init) ?? id)
                try await client.delete(.secrets, namespace: BootstrapToken.namespace, name: name)
                print("bootstrap token \"\(id)\" deleted")
            }
        }
    }

    /// Seconds in `24h`, `90m`, `30s`, `2h30m` or `0`; nil when it does not parse.
    static func seconds(_ text: String) -> TimeInterval? {
        if text == "0" { return 0 }
        var total: TimeInterval = 0
        var number = ""
        for c in text {
            if c.isNumber {
                number.append(c)
                continue
            }
            guard let value = Double(number) else { return nil }
            switch c {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}
