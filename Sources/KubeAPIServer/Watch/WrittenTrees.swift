import KubeAPI

/// The trees of the writes this server is making, so that the watch cache does not parse bytes
/// the server encoded itself a moment before.
///
/// A writer hands over its stored tree and bytes before the store write (`expect`); when the
/// store's event for that key carries the same bytes, the cache reads what it indexes from the
/// tree (`take`). Bytes compare equal only when they encode the same tree, so a stale hand-over
/// (a write that failed, or one overtaken by another server's) is never used. Trees are not kept
/// past their event: a kept tree is freed later and colder, which costs what the parse saved.
struct WrittenTrees {
    /// The most hand-overs waiting for their event (past it, all are dropped).
    let limit: Int

    private var pending: [String: (stored: [UInt8], tree: JSONValue)] = [:]

    init(limit: Int = 1_024) {
        self.limit = limit
    }

    /// Records that `stored` (the encoding of `tree`, without resourceVersion) is about to be
    /// written at `key`.
    mutating func expect(key: String, stored: [UInt8], tree: JSONValue) {
        if pending.count >= limit { pending.removeAll(keepingCapacity: true) }
        pending[key] = (stored, tree)
    }

    /// The handed-over tree for the event that wrote `stored` at `key`, if these are the bytes
    /// that were expected; the hand-over is consumed either way.
    mutating func take(key: String, stored: [UInt8]) -> JSONValue? {
        guard let handed = pending.removeValue(forKey: key), handed.stored == stored else { return nil }
        return handed.tree
    }

    /// The number of hand-overs waiting.
    var waiting: Int { pending.count }
}
