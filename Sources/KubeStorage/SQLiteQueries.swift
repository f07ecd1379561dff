import Foundation
import GRDB

/// The statements of the embedded store, each run inside a GRDB read or write.
enum SQLiteQueries {
    /// The current live value of `key`.
    static func latest(_ db: Database, key: String) throws -> KeyValue? {
        guard let row = try latestRow(db, key: key), row.deleted == false else { return nil }
        return row.kv
    }

    struct LogRow {
        var kv: KeyValue
        var deleted: Bool
    }

    static func latestRow(_ db: Database, key: String) throws -> LogRow? {
        let stmt = try db.cachedStatement(
            sql: "SELECT rev, create_rev, deleted, value FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1")
        guard let row = try Row.fetchOne(stmt, arguments: [key]) else { return nil }
        let value: Data = row[3]
        return LogRow(
            kv: KeyValue(key: key, value: [UInt8](value), createRevision: row[1], modRevision: row[0]),
            deleted: (row[2] as Int64) != 0)
    }

    /// Applies one write inside the batch transaction; throws a `StoreError` for a failed
    /// precondition without writing anything.
    static func apply(_ db: Database, _ op: WriteOp) throws -> StoreEvent {
        switch op {
        case .create(let key, let value):
            let prev = try latestRow(db, key: key)
            if let prev, !prev.deleted {
                throw StoreError(.keyExists, "key \(key) exists", current: prev.kv)
            }
            let rev = try insert(db, key: key, createRev: nil, prevRev: prev?.kv.modRevision ?? 0, deleted: false, value: value)
            return StoreEvent(kind: .put, kv: KeyValue(key: key, value: value, createRevision: rev, modRevision: rev), prev: nil)
        case .update(let key, let value, let expected):
            guard let prev = try latestRow(db, key: key), !prev.deleted else {
                throw StoreError(.notFound, "key \(key) not found")
            }
            guard prev.kv.modRevision == expected else {
                throw StoreError(.conflict, "key \(key) is at revision \(prev.kv.modRevision), not \(expected)", current: prev.kv)
            }
            let rev = try insert(
                db, key: key, createRev: prev.kv.createRevision, prevRev: prev.kv.modRevision, deleted: false, value: value)
            return StoreEvent(
                kind: .put, kv: KeyValue(key: key, value: value, createRevision: prev.kv.createRevision, modRevision: rev),
                prev: prev.kv)
        case .delete(let key, let expected):
            guard let prev = try latestRow(db, key: key), !prev.deleted else {
                throw StoreError(.notFound, "key \(key) not found")
            }
            if let expected, prev.kv.modRevision != expected {
                throw StoreError(.conflict, "key \(key) is at revision \(prev.kv.modRevision), not \(expected)", current: prev.kv)
            }
            let rev = try insert(
                db, key: key, createRev: prev.kv.createRevision, prevRev: prev.kv.modRevision, deleted: true,
                value: prev.kv.value)
            return StoreEvent(
                kind: .delete,
                kv: KeyValue(key: key, value: prev.kv.value, createRevision: prev.kv.createRevision, modRevision: rev),
                prev: prev.kv)
        }
    }

    /// Appends a log row and returns its revision; `createRev` nil means the row creates the key.
    private static func insert(
        _ db: Database, key: String, createRev: Int64?, prevRev: Int64, deleted: Bool, value: [UInt8]
    ) throws -> Int64 {
        if let createRev {
            let stmt = try db.cachedStatement(
                sql: "INSERT INTO log(key, create_rev, prev_rev, deleted, value) VALUES (?, ?, ?, ?, ?)")
            try stmt.execute(arguments: [key, createRev, prevRev, deleted ? 1 : 0, Data(value)])
        } else {
            // The new row's id under AUTOINCREMENT is the sequence plus one: the key's create revision.
            let stmt = try db.cachedStatement(
                sql: """
                    INSERT INTO log(key, create_rev, prev_rev, deleted, value) VALUES
                    (?, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'log'), 0) + 1, ?, ?, ?)
                    """)
            try stmt.execute(arguments: [key, prevRev, deleted ? 1 : 0, Data(value)])
        }
        return db.lastInsertedRowID
    }

    /// The live keys under `prefix` at `revision`, in key order.
    static func range(_ db: Database, prefix: String, startKey: String?, limit: Int?, revision: Int64) throws -> [KeyValue] {
        // Keys never hold NUL, and SQLite text cannot compare past one: "k\0" (etcd's "just after k")
        // becomes an exclusive bound on "k".
        var start = max(startKey ?? prefix, prefix)
        var comparison = ">="
        if start.hasSuffix("\u{0}") {
            start = String(start.dropLast())
            comparison = ">"
        }
        let end = KeyRange.end(ofPrefix: prefix) ?? "\u{10FFFF}"
        let sql = """
            SELECT l.key, l.rev, l.create_rev, l.value FROM log AS l
            JOIN (SELECT key, MAX(rev) AS mrev FROM log WHERE key \(comparison) ? AND key < ? AND rev <= ? GROUP BY key) AS m
              ON l.rev = m.mrev
            WHERE l.deleted = 0 ORDER BY l.key LIMIT ?
            """
        let stmt = try db.cachedStatement(sql: sql)
        var out: [KeyValue] = []
        let rows = try Row.fetchCursor(stmt, arguments: [start, end, revision, limit ?? -1])
        while let row = try rows.next() {
            let value: Data = row[3]
            out.append(KeyValue(key: row[0], value: [UInt8](value), createRevision: row[2], modRevision: row[1]))
        }
        return out
    }

    /// The number of live keys under `prefix` at `revision`.
    static func count(_ db: Database, prefix: String, revision: Int64) throws -> Int {
        let end = KeyRange.end(ofPrefix: prefix) ?? "\u{10FFFF}"
        let sql = """
            SELECT COUNT(*) FROM log AS l
            JOIN (SELECT key, MAX(rev) AS mrev FROM log WHERE key >= ? AND key < ? AND rev <= ? GROUP BY key) AS m
              ON l.rev = m.mrev
            WHERE l.deleted = 0
            """
        return try Int.fetchOne(db, sql: sql, arguments: [prefix, end, revision]) ?? 0
    }

    /// The changes under `prefix` with revisions in `(after, through]`, in revision order.
    static func events(_ db: Database, prefix: String, after: Int64, through: Int64) throws -> [StoreEvent] {
        let end = KeyRange.end(ofPrefix: prefix) ?? "\u{10FFFF}"
        let sql = """
            SELECT l.key, l.rev, l.create_rev, l.deleted, l.value, p.rev, p.create_rev, p.value FROM log AS l
            LEFT JOIN log AS p ON p.rev = l.prev_rev AND p.deleted = 0
            WHERE l.rev > ? AND l.rev <= ? AND l.key >= ? AND l.key < ? ORDER BY l.rev
            """
        var out: [StoreEvent] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [after, through, prefix, end])
        while let row = try rows.next() {
            let key: String = row[0]
            let value: Data = row[4]
            let kv = KeyValue(key: key, value: [UInt8](value), createRevision: row[2], modRevision: row[1])
            var prev: KeyValue?
            if let prevRev: Int64 = row[5], let prevValue: Data = row[7] {
                prev = KeyValue(key: key, value: [UInt8](prevValue), createRevision: row[6], modRevision: prevRev)
            }
            let deleted: Int64 = row[3]
            out.append(StoreEvent(kind: deleted != 0 ? .delete : .put, kv: kv, prev: prev))
        }
        return out
    }
}
