import KubeStorage

extension EncryptingStore {
    /// How the values under the encrypted prefixes are stored now.
    public struct Usage: Sendable, Equatable {
        /// Values per key name (`identity` for unencrypted ones).
        public var byKey: [String: Int] = [:]
        /// Values not written by the current write provider.
        public var stale = 0

        public init(byKey: [String: Int] = [:], stale: Int = 0) {
            self.byKey = byKey
            self.stale = stale
        }
    }

    /// Counts the stored values under every encrypted prefix by the key that wrote them.
    public func usage() async throws(StoreError) -> Usage {
        var usage = Usage()
        try await forEachStored { kv, transformer throws(StoreError) in
            usage.byKey[Self.keyName(of: kv.value), default: 0] += 1
            if try transformer.decrypt(kv.value, storageKey: kv.key).stale { usage.stale += 1 }
        }
        return usage
    }

    /// Rewrites every value under the encrypted prefixes that the current write provider did not
    /// write (after a key rotation, or when encryption was turned on or off), each with a
    /// mod-revision precondition so that a concurrent write wins. Returns how many were rewritten.
    public func rewriteStale() async throws(StoreError) -> Int {
        var stale: [KeyValue] = []
        try await forEachStored { kv, transformer throws(StoreError) in
            if try transformer.decrypt(kv.value, storageKey: kv.key).stale { stale.append(kv) }
        }
        var rewritten = 0
        for kv in stale {
            guard let transformer = transformer(kv.key) else { continue }
            let plain = try transformer.decrypt(kv.value, storageKey: kv.key).plaintext
            do {
                _ = try await base.update(kv.key, value: try transformer.encrypt(plain, storageKey: kv.key), expectedModRevision: kv.modRevision)
                rewritten += 1
            } catch where error.code == .conflict || error.code == .notFound {
                continue  // written or deleted meanwhile, by the current provider
            }
        }
        return rewritten
    }

    /// The key name in a stored value's `k8s:enc:aesgcm:v1:<name>:` prefix, or `identity`.
    static func keyName(of value: [UInt8]) -> String {
        let head = Array(value.prefix(300))
        guard head.starts(with: ValueTransformer.encryptedMarker) else { return "identity" }
        let fields = head.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count >= 5 else { return "unknown" }
        return String(decoding: fields[4], as: UTF8.self)
    }

    /// Calls `body` with every raw stored value under the encrypted prefixes, in pages.
    private func forEachStored(_ body: (KeyValue, ValueTransformer) throws(StoreError) -> Void) async throws(StoreError) {
        for (prefix, transformer) in transformers {
            var start: String?
            while true {
                let page = try await base.range(prefix: prefix, startKey: start, limit: 500, revision: nil)
                for kv in page.kvs { try body(kv, transformer) }
                guard page.more, let last = page.kvs.last else { break }
                start = last.key + "\u{0}"
            }
        }
    }
}
