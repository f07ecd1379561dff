import ArgumentParser
import Foundation
import KubeStorage

/// `skiff datastore migrate`: copies a cluster's embedded SQLite state into etcd, so that a
/// cluster outgrowing one machine keeps its objects. Stop the server first, then start it again
/// with the same `--datastore-endpoint`.
struct DatastoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datastore", abstract: "Move the cluster state between datastores.", subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the embedded SQLite store into an empty etcd.",
            discussion: """
                Every object keeps its bytes (names, uids, owner references, encrypted Secrets); objects are written
                oldest change first, so their new resourceVersions keep the old order. The SQLite file is left as it was.
                """)

        @Option(name: .customLong("data-dir"), help: "Folder holding the cluster state.")
        var dataDir = "/var/lib/skiff"

        @Option(name: .customLong("from"), help: "The SQLite database to copy (default: <data-dir>/db/state.db).")
        var from: String?

        @OptionGroup var datastore: DatastoreFlags

        func validate() throws {
            guard datastore.isEtcd else { throw ValidationError("--datastore-endpoint must name etcd (http(s)://host:2379,...)") }
        }

        func run() async throws {
            let path = from ?? "\(dataDir)/db/state.db"
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no SQLite database at \(path)") }
            let source = try SQLiteStore(path: path)
            let snapshot = try await StoreSnapshot.capture(from: source, source: "sqlite")
            await source.close()
            try await datastore.withStore(dataDir: dataDir) { target in try await snapshot.restore(into: target) }
            print("Copied \(snapshot.header.keys) keys (revision \(snapshot.header.revision)) from \(path) to \(datastore.endpoint).")
        }
    }
}
