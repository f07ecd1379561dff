import Foundation
import Synchronization

/// The store on a real etcd v3 cluster, over its gRPC API. Revisions are etcd's own; writes are
/// transactions whose compares carry the preconditions (absent key for create, mod revision for
/// update and delete), so that any number of API servers can share one etcd safely.
///
/// An empty etcd is at revision 1 (etcd's first revision), not 0.
public final class EtcdStore: KeyValueStore {
    let client: EtcdClient

    /// How many calls to etcd have been tried again (a member unreachable, a connection dropped)
    /// since the store opened; each retry is also logged.
    public var retriedCalls: Int { client.retriedCalls }

    let configuration: EtcdConfiguration
    /// The highest compacted revision seen so far (etcd does not report it directly).
    let knownCompacted = Mutex<Int64>(0)
    let watches = Mutex<(tasks: [Int: Task<Void, Never>], next: Int, closed: Bool)>(([:], 0, false))

    /// Connects (lazily) to the members of `configuration`.
    public init(configuration: EtcdConfiguration) throws(StoreError) {
        self.configuration = configuration
        client = try EtcdClient(configuration: configuration)
    }

    /// Waits until some member answers, up to `timeout`; throws `.backend` otherwise.
    public func waitUntilReachable(timeout: Duration) async throws(StoreError) {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                _ = try await currentRevision()
                return
            } catch {
                if ContinuousClock.now >= deadline { throw error }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// The status of the preferred member (its version, leader, database size).
    func status() async throws(StoreError) -> Etcdserverpb_StatusResponse {
        try await client.call("status") { m, options in
            try await m.maintenance.status(Etcdserverpb_StatusRequest(), options: options)
        }
    }

    public func currentRevision() async throws(StoreError) -> Int64 {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data("/".utf8)
        request.countOnly = true
        let response = try await rangeRPC(request, "current revision")
        return response.header.revision
    }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(key.utf8)
        let response = try await rangeRPC(request, "get \(key)")
        return response.kvs.first.map(Self.keyValue)
    }

    public func create(_ key: String, value: [UInt8]) async throws(StoreError) -> KeyValue {
        let (response, retried) = try await txn(
            "create \(key)", compare: [.absent(key)], success: [.put(key, value)], failure: [.get(key)])
        guard response.succeeded else {
            let current = Self.rangeKVs(response).first.map(Self.keyValue)
            // A retry that finds exactly the bytes it writes finds its own first attempt.
            if retried, let current, current.value == value { return current }
            throw StoreError(.keyExists, "key \(key) exists", current: current)
        }
        let rev = response.header.revision
        return KeyValue(key: key, value: value, createRevision: rev, modRevision: rev)
    }

    public func update(_ key: String, value: [UInt8], expectedModRevision: Int64) async throws(StoreError) -> KeyValue {
        let (response, retried) = try await txn(
            "update \(key)", compare: [.present(key), .modRevision(key, expectedModRevision)],
            success: [.put(key, value)], failure: [.get(key)])
        guard response.succeeded else {
            if retried, let current = Self.rangeKVs(response).first.map(Self.keyValue), current.value == value,
                current.modRevision > expectedModRevision
            {
                return current
            }
            throw Self.preconditionFailure(key, expectedModRevision, response)
        }
        guard case .responsePut(let put)? = response.responses.first?.response, put.hasPrevKv else {
            throw StoreError(.backend, "update \(key): etcd returned no previous value")
        }
        return KeyValue(
            key: key, value: value, createRevision: put.prevKv.createRevision, modRevision: response.header.revision)
    }

    public func delete(_ key: String, expectedModRevision: Int64?) async throws(StoreError) -> StoreEvent {
        var compare: [TxnCompare] = [.present(key)]
        if let expectedModRevision { compare.append(.modRevision(key, expectedModRevision)) }
        let response = try await txn("delete \(key)", compare: compare, success: [.delete(key)], failure: [.get(key)]).response
        guard response.succeeded else { throw Self.preconditionFailure(key, expectedModRevision, response) }
        guard case .responseDeleteRange(let deleted)? = response.responses.first?.response,
            let prev = deleted.prevKvs.first
        else {
            throw StoreError(.backend, "delete \(key): etcd returned no previous value")
        }
        let last = Self.keyValue(prev)
        return StoreEvent(
            kind: .delete,
            kv: KeyValue(key: key, value: last.value, createRevision: last.createRevision, modRevision: response.header.revision),
            prev: last)
    }

    public func range(prefix: String, startKey: String?, limit: Int?, revision: Int64?) async throws(StoreError) -> RangeResult {
        let start = max(startKey ?? prefix, prefix)
        if let limit { return try await rangePage(prefix: prefix, start: start, limit: limit, revision: revision) }
        // Unlimited ranges are read in pages at one revision, so that no response grows past
        // gRPC's message limit however many keys there are.
        var page = try await rangePage(prefix: prefix, start: start, limit: Self.pageSize, revision: revision)
        var all = page.kvs
        while page.more, let last = all.last {
            page = try await rangePage(prefix: prefix, start: last.key + "\u{0}", limit: Self.pageSize, revision: page.revision)
            all += page.kvs
        }
        return RangeResult(kvs: all, revision: page.revision, more: false)
    }

    /// Keys read per request by an unlimited range.
    static let pageSize = 1000

    private func rangePage(prefix: String, start: String, limit: Int, revision: Int64?) async throws(StoreError) -> RangeResult {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(start.utf8)
        request.rangeEnd = Self.rangeEnd(prefix)
        request.limit = Int64(limit)
        if let revision { request.revision = revision }
        let response: Etcdserverpb_RangeResponse
        do {
            response = try await rangeRPC(request, "range \(prefix)")
        } catch let e where e.code == .compacted {
            throw StoreError(.compacted, e.message, compactedRevision: try? await compactedRevision())
        }
        return RangeResult(
            kvs: response.kvs.map(Self.keyValue), revision: revision ?? response.header.revision, more: response.more)
    }

    public func count(prefix: String) async throws(StoreError) -> Int {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(prefix.utf8)
        request.rangeEnd = Self.rangeEnd(prefix)
        request.countOnly = true
        return Int(try await rangeRPC(request, "count \(prefix)").count)
    }

    public func compact(revision: Int64) async throws(StoreError) {
        let target = min(revision, try await currentRevision())
        if target <= knownCompacted.withLock({ $0 }) { return }
        var request = Etcdserverpb_CompactionRequest()
        request.revision = target
        let message = request
        do {
            _ = try await client.call("compact to \(target)") { m, options in
                try await m.kv.compact(message, options: options)
            }
        } catch let e where e.code == .compacted {
            // Already compacted at or past `target` (by another API server).
        }
        knownCompacted.withLock { $0 = max($0, target) }
    }

    /// The smallest readable revision, found by probing reads (etcd reports it only on failed
    /// reads and watches); 0 when nothing was compacted.
    public func compactedRevision() async throws(StoreError) -> Int64 {
        var low = max(knownCompacted.withLock { $0 }, 1)
        if try await readable(at: low) { return low == 1 ? 0 : low }
        var high = try await currentRevision()
        // Invariant: `low` is compacted away and `high` is readable.
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if try await readable(at: mid) { high = mid } else { low = mid }
        }
        knownCompacted.withLock { $0 = max($0, high) }
        return high
    }

    public func close() async {
        let tasks = watches.withLock { w -> [Task<Void, Never>] in
            w.closed = true
            return Array(w.tasks.values)
        }
        for t in tasks { t.cancel() }
        for t in tasks { await t.value }
        await client.close()
    }

    // MARK: - Helpers

    func readable(at revision: Int64) async throws(StoreError) -> Bool {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data("/".utf8)
        request.countOnly = true
        request.revision = revision
        do {
            _ = try await rangeRPC(request, "probe revision \(revision)")
            return true
        } catch let e where e.code == .compacted {
            return false
        }
    }

    func rangeRPC(_ request: Etcdserverpb_RangeRequest, _ what: String) async throws(StoreError) -> Etcdserverpb_RangeResponse {
        try await client.call(what) { m, options in try await m.kv.range(request, options: options) }
    }

    static func preconditionFailure(_ key: String, _ expected: Int64?, _ response: Etcdserverpb_TxnResponse) -> StoreError {
        guard let current = rangeKVs(response).first.map(keyValue) else {
            return StoreError(.notFound, "key \(key) not found")
        }
        return StoreError(
            .conflict, "key \(key) is at revision \(current.modRevision), not \(expected.map(String.init) ?? "any")",
            current: current)
    }

    static func rangeKVs(_ response: Etcdserverpb_TxnResponse) -> [Mvccpb_KeyValue] {
        guard case .responseRange(let range)? = response.responses.first?.response else { return [] }
        return range.kvs
    }

    static func keyValue(_ kv: Mvccpb_KeyValue) -> KeyValue {
        KeyValue(
            key: String(decoding: kv.key, as: UTF8.self), value: [UInt8](kv.value), createRevision: kv.createRevision,
            modRevision: kv.modRevision)
    }

    /// etcd's end of the range of keys starting with `prefix` (`\0` = to the end of the keyspace).
    static func rangeEnd(_ prefix: String) -> Data {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return Data(bytes)
            }
            bytes.removeLast()
        }
        return Data([0])
    }
}
