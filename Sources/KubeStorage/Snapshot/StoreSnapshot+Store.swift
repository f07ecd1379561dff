import Foundation

extension StoreSnapshot {
    /// Keys are read in pages of this many.
    static let pageSize = 500

    /// Reads every live key of `store` at one revision (the current one), page by page.
    public static func capture(from store: any KeyValueStore, source: String) async throws(StoreError) -> StoreSnapshot {
        var records: [KeyValue] = []
        var start: String?
        var revision: Int64?
        while true {
            let page = try await store.range(prefix: "/", startKey: start, limit: pageSize, revision: revision)
            revision = page.revision
            records += page.kvs
            guard page.more, let last = page.kvs.last else { break }
            start = last.key + "\u{0}"
        }
        return StoreSnapshot(revision: revision ?? 0, records: records, source: source)
    }

    /// Writes every record into `store`, oldest change first, so that the new resourceVersions
    /// keep the order of the old ones (objects, uids and owner links are in the values and come
    /// across unchanged). The store must hold no key: a restore never merges.
    public func restore(into store: any KeyValueStore) async throws(StoreError) {
        let existing = try await store.count(prefix: "/")
        guard existing == 0 else {
            throw StoreError(.keyExists, "the target datastore already holds \(existing) keys; restore needs an empty one")
        }
        for kv in records {
            _ = try await store.create(kv.key, value: kv.value)
        }
    }

    /// Writes the snapshot to `path` (mode 0600, via a temporary file renamed into place, so a
    /// crash never leaves half a snapshot under the final name).
    public func write(to path: String) throws(StoreError) {
        let bytes = try encoded()
        let dir = (path as NSString).deletingLastPathComponent
        let temporary = path + ".part"
        do {
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600])
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError(.backend, "cannot write snapshot \(path): \(error)")
        }
    }

    /// Reads and checks the snapshot at `path`.
    public static func read(from path: String) throws(StoreError) -> StoreSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(.notFound, "cannot read snapshot \(path)")
        }
        return try StoreSnapshot(decoding: [UInt8](data))
    }
}
