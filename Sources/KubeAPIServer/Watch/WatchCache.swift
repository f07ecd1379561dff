import KubeAPI
import KubeStorage
import Synchronization

/// The type of a watch event.
enum WatchEventType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
}

/// One change as the cache recorded it.
struct CacheEvent: Sendable {
    var type: WatchEventType
    /// The object after the change (for deletes: the last state, with the delete's revision).
    var object: CachedObject
    /// The object before the change.
    var prev: CachedObject?
    var revision: Int64 { object.revision }
}

/// What a watch connection is sent, in order.
enum WatchMessage: Sendable {
    /// An object event.
    case event(WatchEventType, CachedObject)
    /// A BOOKMARK at `revision`; `initialEventsEnd` marks the end of `sendInitialEvents`.
    case bookmark(revision: Int64, initialEventsEnd: Bool)
}

/// The current state and recent history of one resource, kept in memory and fed from the store's
/// watch, so that gets, lists and any number of watchers cost the store nothing.
final class WatchCache: Sendable {
    let resource: ResourceInfo
    /// How many past events are kept for watches that resume from a resourceVersion.
    let historyLimit: Int
    /// What is read of each object (worked out once for the resource).
    let reader: CachedFieldReader

    struct Watcher {
        var filter: ObjectFilter
        var queue: WatchQueue
        var bookmarks: Bool
    }

    struct State {
        var objects: [String: CachedObject] = [:]
        /// The keys of each namespace's objects, so that a namespaced list reads only its namespace.
        var keysByNamespace: [String: Set<String>] = [:]
        var history: [CacheEvent] = []
        /// The history holds every event after this revision.
        var historyStart: Int64
        var revision: Int64
        var watchers: [Int: Watcher] = [:]
        var nextID = 0
        /// How many events have been applied (readers that derive state compare it).
        var changes = 0
        /// Trees of the writes this server is making, handed over by the writers.
        var trees = WrittenTrees()
        /// Every watch was ended (`finishAllWatches`) and new ones are refused: the server stops.
        var finished = false
    }

    let state: Mutex<State>

    /// A cache holding `initial` (read from the store at `revision`).
    init(resource: ResourceInfo, initial: [KeyValue], revision: Int64, historyLimit: Int = 10_000) {
        self.resource = resource
        self.historyLimit = historyLimit
        let reader = CachedFieldReader(resource: resource)
        self.reader = reader
        var s = State(historyStart: revision, revision: revision)
        for kv in initial {
            if let o = CachedObject(key: kv.key, stored: kv.value, revision: kv.modRevision, reading: reader) {
                s.objects[kv.key] = o
                s.keysByNamespace[o.namespace, default: []].insert(kv.key)
            }
        }
        state = Mutex(s)
    }

    /// The revision the cache has caught up to.
    var revision: Int64 { state.withLock { $0.revision } }

    /// How many changes the cache has applied: equal counts mean unchanged objects.
    var changeCount: Int { state.withLock { $0.changes } }

    /// The number of objects held.
    var count: Int { state.withLock { $0.objects.count } }

    /// The number of open watches.
    var watcherCount: Int { state.withLock { $0.watchers.count } }

    /// The object at `key`.
    func get(_ key: String) -> CachedObject? { state.withLock { $0.objects[key] } }

    /// Hands over the tree of a write about to be made: `stored` (its encoding, from
    /// `StoredObject.encode`) at `key`, so that its event need not parse the bytes again.
    func expect(key: String, stored: [UInt8], tree: JSONValue) {
        state.withLock { $0.trees.expect(key: key, stored: stored, tree: tree) }
    }

    /// The matching objects in key order, with the revision they are current at.
    func list(_ filter: ObjectFilter) -> (objects: [CachedObject], revision: Int64) {
        let (all, rev) = state.withLock { s in (s.candidates(for: filter), s.revision) }
        let matching = all.filter { filter.matches($0) }
        return (matching.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }, rev)
    }

    /// Applies committed store events (all belonging to this resource), in revision order.
    func apply(_ events: [StoreEvent]) {
        state.withLock { s in
            for e in events {
                let tree = e.kind == .put ? s.trees.take(key: e.kv.key, stored: e.kv.value) : nil
                let built =
                    if let tree {
                        CachedObject(key: e.kv.key, stored: e.kv.value, revision: e.revision, tree: tree, reading: reader)
                    } else {
                        CachedObject(key: e.kv.key, stored: e.kv.value, revision: e.revision, reading: reader)
                    }
                guard let object = built else { continue }
                let prev = s.objects[e.kv.key]
                let event: CacheEvent
                switch e.kind {
                case .put:
                    s.objects[e.kv.key] = object
                    s.keysByNamespace[object.namespace, default: []].insert(e.kv.key)
                    event = CacheEvent(type: prev == nil ? .added : .modified, object: object, prev: prev)
                case .delete:
                    s.objects[e.kv.key] = nil
                    s.keysByNamespace[object.namespace]?.remove(e.kv.key)
                    if s.keysByNamespace[object.namespace]?.isEmpty == true { s.keysByNamespace[object.namespace] = nil }
                    event = CacheEvent(type: .deleted, object: object, prev: prev)
                }
                s.revision = max(s.revision, e.revision)
                s.changes += 1
                s.history.append(event)
                for (id, w) in s.watchers { deliver(event, to: w, id: id, state: &s) }
            }
            if s.history.count > historyLimit + historyLimit / 4 {
                let drop = s.history.count - historyLimit
                s.historyStart = s.history[drop - 1].revision
                s.history.removeFirst(drop)
            }
        }
    }

    /// Records that the store has reached `revision` with no further change to this resource.
    func advance(to revision: Int64) {
        state.withLock { s in s.revision = max(s.revision, revision) }
    }

    /// Ends every watch and refuses new ones (server shutdown): clients reconnect elsewhere or
    /// later. A watch opened after this would get no event, bookmark or end until its timeout,
    /// and would hold the HTTP server's graceful shutdown that long.
    func finishAllWatches() {
        let all = state.withLock { s -> [Watcher] in
            s.finished = true
            let w = Array(s.watchers.values)
            s.watchers.removeAll()
            return w
        }
        for w in all { w.queue.finish() }
    }

    /// Sends a BOOKMARK at the current revision to every watcher that asked for bookmarks.
    func sendBookmarks() {
        state.withLock { s in
            for w in s.watchers.values where w.bookmarks {
                _ = w.queue.enqueue(.bookmark(revision: s.revision, initialEventsEnd: false))
            }
        }
    }

    /// Sends `event` to one watcher, translating it for the watcher's filter: an object that
    /// starts matching is ADDED, one that stops matching is DELETED.
    private func deliver(_ event: CacheEvent, to w: Watcher, id: Int, state s: inout State) {
        guard let message = Self.translate(event, for: w.filter) else { return }
        if !w.queue.enqueue(message) {
            // Too slow a reader: end its watch; the client re-lists and watches again.
            w.queue.finish()
            s.watchers[id] = nil
        }
    }
}

extension WatchCache.State {
    /// The objects a filter can match: its namespace's, or all when it names none.
    func candidates(for filter: ObjectFilter) -> [CachedObject] {
        guard let ns = filter.namespace else { return Array(objects.values) }
        return (keysByNamespace[ns] ?? []).compactMap { objects[$0] }
    }
}
