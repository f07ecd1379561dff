import KubeAPI

/// How objects are laid out in the store and how their resourceVersion is added on the way out.
///
/// The stored form is compact JSON with `kind`, `apiVersion` and `metadata` first and no
/// `metadata.resourceVersion`; the revision comes from the store and is spliced into the bytes
/// (`withResourceVersion`), so every reader and watcher shares one encoding per revision.
enum StoredObject {
    /// The storage bytes of `object`: top-level keys reordered, resourceVersion removed.
    static func encode(_ object: JSONValue) -> [UInt8] {
        layout(object).serialized()
    }

    /// `object` as it is stored: `kind`, `apiVersion` and `metadata` first, no resourceVersion.
    /// Its serialization is `encode(object)`.
    static func layout(_ object: JSONValue) -> JSONValue {
        guard case .object(let o) = object else { return object }
        var out = JSONObject()
        if let kind = o["kind"] { out["kind"] = kind }
        if let apiVersion = o["apiVersion"] { out["apiVersion"] = apiVersion }
        var meta = o["metadata"]?.objectValue ?? JSONObject()
        meta["resourceVersion"] = nil
        out["metadata"] = .object(meta)
        for m in o where m.key != "kind" && m.key != "apiVersion" && m.key != "metadata" {
            out[m.key] = m.value
        }
        return .object(out)
    }

    private static let metadataKey: [UInt8] = Array("\"metadata\":{".utf8)

    /// `stored` with `"resourceVersion":"<revision>"` added to its metadata.
    ///
    /// The first `"metadata":{` in compact JSON written by `encode` is the top-level metadata: an
    /// unescaped quote cannot occur inside a string, and `encode` writes metadata before any
    /// nested object.
    static func withResourceVersion(_ stored: [UInt8], _ revision: Int64) -> [UInt8] {
        guard let at = firstIndex(of: metadataKey, in: stored) else { return stored }
        let insertAt = at + metadataKey.count
        var out: [UInt8] = []
        out.reserveCapacity(stored.count + 32)
        out.append(contentsOf: stored[0..<insertAt])
        out.append(contentsOf: "\"resourceVersion\":\"".utf8)
        out.append(contentsOf: String(revision).utf8)
        out.append(UInt8(ascii: "\""))
        if insertAt < stored.count, stored[insertAt] != UInt8(ascii: "}") { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: stored[insertAt...])
        return out
    }

    private static func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count, let first = needle.first else { return nil }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
