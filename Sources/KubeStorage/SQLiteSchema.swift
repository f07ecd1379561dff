/// The SQL text of the embedded store.
enum SQLiteSchema {
    /// The log (row id = revision; a delete row holds the value before the delete) and metadata.
    static let create = """
        CREATE TABLE IF NOT EXISTS log (
            rev INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            create_rev INTEGER NOT NULL,
            prev_rev INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS log_key_rev ON log(key, rev);
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """

    /// Removes, at or below the given revision, tombstones and values superseded by a later one.
    static let compact = """
        DELETE FROM log WHERE rev <= ?1 AND (deleted = 1 OR EXISTS (
            SELECT 1 FROM log AS newer WHERE newer.key = log.key AND newer.rev > log.rev AND newer.rev <= ?1))
        """
}
