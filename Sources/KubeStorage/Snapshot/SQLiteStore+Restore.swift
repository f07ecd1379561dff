import Foundation
import GRDB

extension SQLiteStore {
    /// How far a restore moves the revision past the snapshot's, as etcd's recovery guide
    /// suggests for `etcdutl snapshot restore --bump-revision`.
    public static let restoreRevisionBump: Int64 = 1_000_000_000

    /// Creates a new database at `path` (which must not exist) holding `snapshot` with its
    /// original revisions, then moves the revision counter `bump` past the snapshot's and marks
    /// everything up to there compacted (etcd's `--bump-revision` with `--mark-compacted`): a
    /// resourceVersion a client saw before the restore never names another state, and a watch
    /// from one gets 410 Gone and lists again.
    public static func restore(_ snapshot: StoreSnapshot, toNewDatabaseAt path: String, bump: Int64 = restoreRevisionBump)
        throws(StoreError)
    {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.keyExists, "\(path) exists; move it away before restoring")
        }
        let store = try SQLiteStore(path: path)
        let next = snapshot.header.revision + bump
        do {
            try store.pool.write { db in
                let insert = try db.makeStatement(
                    sql: "INSERT INTO log(rev, key, create_rev, prev_rev, deleted, value) VALUES (?, ?, ?, 0, 0, ?)")
                for kv in snapshot.records {
                    try insert.execute(arguments: [kv.modRevision, kv.key, kv.createRevision, Data(kv.value)])
                }
                try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'log'")
                try db.execute(sql: "INSERT INTO sqlite_sequence(name, seq) VALUES('log', ?)", arguments: [next])
                try db.execute(sql: "INSERT INTO meta(name, value) VALUES('compact_rev', ?)", arguments: [next])
            }
            try store.pool.close()
        } catch {
            try? store.pool.close()
            throw StoreError(.backend, "cannot restore into \(path): \(error)")
        }
    }
}
