import ArgumentParser
import Foundation
import KubeStorage

/// `skiff etcd-snapshot`: backs up and restores the whole cluster state, on the embedded SQLite
/// store or on etcd alike (the command name and the snapshot folder follow k3s). A snapshot taken
/// from one backend restores into the other.
struct EtcdSnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etcd-snapshot", abstract: "Save, list, delete and restore snapshots of the cluster state.",
        subcommands: [Save.self, List.self, Delete.self, Restore.self])

    /// The flags every subcommand takes.
    struct Location: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "Folder holding the cluster state.")
        var dataDir = "/var/lib/skiff"

        @Option(name: .customLong("dir"), help: "Folder of the snapshots (default: <data-dir>/db/snapshots).")
        var dir: String?

        var snapshotDir: String { dir ?? "\(dataDir)/db/snapshots" }
    }

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a snapshot of the datastore now (the server may run).")

        @OptionGroup var location: Location
        @OptionGroup var datastore: DatastoreFlags

        @Option(help: "Name prefix of the snapshot file.")
        var name = "on-demand"

        func run() async throws {
            let snapshot = try await datastore.withStore(dataDir: location.dataDir) { store in
                try await StoreSnapshot.capture(from: store, source: datastore.backendName)
            }
            let node = ProcessInfo.processInfo.hostName.lowercased()
            let file = "\(location.snapshotDir)/\(name)-\(node)-\(Int(Date().timeIntervalSince1970))"
            try snapshot.write(to: file)
            print("Snapshot \((file as NSString).lastPathComponent) saved: \(snapshot.header.keys) keys at revision \(snapshot.header.revision).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the snapshots.", aliases: ["list"])

        @OptionGroup var location: Location

        func run() throws {
            let dir = location.snapshotDir
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasSuffix(".part") }.sorted()
            var rows = [["Name", "Location", "Size", "Created"]]
            for name in names {
                let path = "\(dir)/\(name)"
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let created = (attributes[.modificationDate] as? Date).map { ISO8601DateFormatter().string(from: $0) } ?? ""
                rows.append([name, "file://\(path)", String(size), created])
            }
            print(TextColumns.render(rows), terminator: "")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete snapshots by name.", aliases: ["rm"])

        @OptionGroup var location: Location

        @Argument(help: "Names of the snapshots to delete.")
        var names: [String]

        func run() throws {
            for name in names {
                guard !name.contains("/") else { throw ValidationError("\(name): a snapshot name, not a path") }
                try FileManager.default.removeItem(atPath: "\(location.snapshotDir)/\(name)")
                print("Snapshot \(name) deleted.")
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a snapshot into the datastore. Stop the server first.",
            discussion: """
                On the embedded store the current database is kept as state.db.pre-restore-<time> and a new one is
                written with the snapshot's resourceVersions, moved on by 1000000000 so that no client's old
                resourceVersion names a new state. On etcd the target must be empty; objects are written oldest
                change first, so their new resourceVersions keep the old order. Secrets encrypted at rest stay
                encrypted: the server needs the same encryption configuration.
                """)

        @OptionGroup var location: Location
        @OptionGroup var datastore: DatastoreFlags

        @Argument(help: "Path of the snapshot file.")
        var path: String

        func run() async throws {
            let snapshot = try StoreSnapshot.read(from: path)
            if datastore.isEtcd {
                try await datastore.withStore(dataDir: location.dataDir) { store in try await snapshot.restore(into: store) }
            } else {
                let db = try datastore.sqlitePath(dataDir: location.dataDir)
                let kept = try Self.moveAside(db)
                try SQLiteStore.restore(snapshot, toNewDatabaseAt: db)
                if let kept { print("The previous database is kept as \(kept).") }
            }
            print("Restored \(snapshot.header.keys) keys from \(path) (taken \(snapshot.header.createdAt) from \(snapshot.header.source)).")
        }

        /// Renames `db` and its WAL files to `<db>.pre-restore-<unix time>`; nil when there was none.
        static func moveAside(_ db: String) throws -> String? {
            let fm = FileManager.default
            guard fm.fileExists(atPath: db) else { return nil }
            let kept = "\(db).pre-restore-\(Int(Date().timeIntervalSince1970))"
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: db + suffix) {
                try fm.moveItem(atPath: db + suffix, toPath: kept + suffix)
            }
            return kept
        }
    }
}
