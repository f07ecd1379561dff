import Foundation
import KubeAPI
import KubeStorage

/// How fresh a read must be, from `resourceVersion` and `resourceVersionMatch`.
enum ReadConsistency: Sendable {
    /// Unset: every write acknowledged before the request.
    case latest
    /// `0`: whatever the cache holds.
    case any
    /// `NotOlderThan` (or a plain value on get/list): at least this revision.
    case notOlderThan(Int64)
    /// `Exact`: exactly this revision (lists only).
    case exact(Int64)
}

/// One page of a list.
struct ListPage: Sendable {
    var items: [[UInt8]]
    var revision: Int64
    var continueToken: String?
    var remaining: Int?
}

extension Registry {
    /// Waits until the cache can serve a read of `consistency`.
    func ensureFresh(_ consistency: ReadConsistency) async throws(APIError) {
        switch consistency {
        case .any: return
        case .latest:
            do { try await caches.waitUntilFresh() } catch { throw Self.unavailable(error) }
        case .notOlderThan(let rv), .exact(let rv):
            let current: Int64
            do { current = try await store.currentRevision() } catch { throw APIError.internalError(error.message) }
            if rv > current {
                throw APIError(code: 504, reason: "Timeout", message: "Too large resource version: \(rv), current: \(current)")
            }
            do { try await caches.wait(for: rv) } catch { throw Self.unavailable(error) }
        }
    }

    /// The object `name`.
    func get(_ r: ResourceInfo, namespace: String?, name: String, consistency: ReadConsistency) async throws(APIError) -> CachedObject {
        try await ensureFresh(consistency)
        guard let o = try cache(r).get(r.storageKey(namespace: namespace, name: name)) else {
            throw APIError.notFound(group: r.group, resource: r.resource, name: name)
        }
        return o
    }

    /// One page of matching objects; the first page comes from the cache, later pages (and
    /// `Exact` reads) from the store at the first page's revision.
    func list(
        _ r: ResourceInfo, filter: ObjectFilter, limit: Int?, continueToken: String?, consistency: ReadConsistency
    ) async throws(APIError) -> ListPage {
        let limit = (limit ?? 0) > 0 ? limit : nil
        if let continueToken {
            let token = try ContinueToken.decode(continueToken)
            return try await listFromStore(r, filter: filter, limit: limit, startKey: token.start, revision: token.revision)
        }
        if case .exact(let rv) = consistency {
            return try await listFromStore(r, filter: filter, limit: limit, startKey: nil, revision: rv)
        }
        try await ensureFresh(consistency)
        let (objects, revision) = try cache(r).list(filter)
        guard let limit, objects.count > limit else {
            return ListPage(items: objects.map(\.bytes), revision: revision)
        }
        let page = objects.prefix(limit)
        let last = page.last?.key ?? ""
        return ListPage(
            items: page.map(\.bytes), revision: revision,
            continueToken: ContinueToken(revision: revision, start: last + "\u{0}").encoded,
            remaining: objects.count - limit)
    }

    private func listFromStore(
        _ r: ResourceInfo, filter: ObjectFilter, limit: Int?, startKey: String?, revision: Int64
    ) async throws(APIError) -> ListPage {
        var prefix = r.storagePrefix
        if r.namespaced, let ns = filter.namespace { prefix += ns + "/" }
        var items: [[UInt8]] = []
        var start = startKey
        var lastKey = ""
        let reader = CachedFieldReader(resource: r)
        while true {
            let result: RangeResult
            do {
                result = try await store.range(prefix: prefix, startKey: start, limit: limit.map { max($0, 100) }, revision: revision)
            } catch let e where e.code == .compacted {
                guard startKey != nil else { throw APIError.expired("The resourceVersion for the provided list is too old.") }
                throw APIError.expired(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.")
            } catch {
                throw apiError(error, r, name: "")
            }
            for kv in result.kvs {
                lastKey = kv.key
                guard let o = CachedObject(key: kv.key, stored: kv.value, revision: kv.modRevision, reading: reader),
                    filter.matches(o)
                else { continue }
                items.append(o.bytes)
                if let limit, items.count == limit {
                    let more = kv.key != result.kvs.last?.key || result.more
                    let token = more ? ContinueToken(revision: revision, start: kv.key + "\u{0}").encoded : nil
                    return ListPage(items: items, revision: revision, continueToken: token)
                }
            }
            guard result.more else { break }
            start = lastKey + "\u{0}"
        }
        return ListPage(items: items, revision: revision)
    }
}

/// The opaque `continue` value of a paged list: the revision of the first page and the key to
/// resume from, as base64 JSON.
struct ContinueToken: Sendable {
    var revision: Int64
    var start: String

    var encoded: String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(start)]
        return Data(json.serialized()).base64EncodedString()
    }

    static func decode(_ text: String) throws(APIError) -> ContinueToken {
        guard let data = Data(base64Encoded: text), let json = try? JSONValue.parse([UInt8](data)),
            let rv = json["rv"]?.intValue, let start = json["start"]?.stringValue, start.hasPrefix("/registry/")
        else { throw APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)") }
        return ContinueToken(revision: rv, start: start)
    }
}
