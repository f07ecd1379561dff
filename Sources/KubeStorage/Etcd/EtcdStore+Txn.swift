import Foundation

/// One compare of a transaction's guard.
enum TxnCompare: Sendable {
    /// The key does not exist (its create revision is 0).
    case absent(String)
    /// The key exists.
    case present(String)
    /// The key's mod revision is exactly this.
    case modRevision(String, Int64)

    var message: Etcdserverpb_Compare {
        var c = Etcdserverpb_Compare()
        switch self {
        case .absent(let key):
            c.key = Data(key.utf8)
            c.target = .create
            c.result = .equal
            c.targetUnion = .createRevision(0)
        case .present(let key):
            c.key = Data(key.utf8)
            c.target = .create
            c.result = .greater
            c.targetUnion = .createRevision(0)
        case .modRevision(let key, let revision):
            c.key = Data(key.utf8)
            c.target = .mod
            c.result = .equal
            c.targetUnion = .modRevision(revision)
        }
        return c
    }
}

/// One operation of a transaction branch.
enum TxnOp: Sendable {
    /// Writes the key, returning its previous state.
    case put(String, [UInt8])
    /// Deletes the key, returning its last state.
    case delete(String)
    /// Reads the key.
    case get(String)

    var message: Etcdserverpb_RequestOp {
        var op = Etcdserverpb_RequestOp()
        switch self {
        case .put(let key, let value):
            var put = Etcdserverpb_PutRequest()
            put.key = Data(key.utf8)
            put.value = Data(value)
            put.prevKv = true
            op.request = .requestPut(put)
        case .delete(let key):
            var delete = Etcdserverpb_DeleteRangeRequest()
            delete.key = Data(key.utf8)
            delete.prevKv = true
            op.request = .requestDeleteRange(delete)
        case .get(let key):
            var range = Etcdserverpb_RangeRequest()
            range.key = Data(key.utf8)
            op.request = .requestRange(range)
        }
        return op
    }
}

extension EtcdStore {
    /// Runs one transaction: `success` when every compare holds, `failure` otherwise.
    func txn(
        _ what: String, compare: [TxnCompare], success: [TxnOp], failure: [TxnOp]
    ) async throws(StoreError) -> Etcdserverpb_TxnResponse {
        var request = Etcdserverpb_TxnRequest()
        request.compare = compare.map(\.message)
        request.success = success.map(\.message)
        request.failure = failure.map(\.message)
        let message = request
        return try await client.call(what) { m, options in try await m.kv.txn(message, options: options) }
    }
}
