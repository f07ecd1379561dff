import ArgumentParser
import Foundation
import KubePKI

/// `skiff certificate`: the cluster's certificates.
struct CertificateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "Manage the cluster's certificates.", subcommands: [Rotate.self])

    /// `skiff certificate rotate`: backs up `<data-dir>/server/tls` and removes the leaf
    /// certificates (all, or those of `--service`), so that the next `skiff server` start issues
    /// new ones from the same CAs. Run it with the server stopped, as k3s' `certificate rotate`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Renew the leaf certificates at the next server start.")

        @Option(name: .customLong("data-dir"), help: "Skiff's data directory.")
        var dataDir = "/var/lib/skiff"

        @Option(name: .customLong("service"), help: "A certificate to rotate, e.g. serving-kube-apiserver or client-admin (repeatable; all without).")
        var services: [String] = []

        func run() async throws {
            let result = try ClusterPKI.rotate(dataDir: dataDir, names: Set(services), now: Date())
            print("certificates backed up to \(result.backup)")
            for name in result.removed { print("removed \(name).crt; a new one is issued at the next server start") }
        }
    }
}
