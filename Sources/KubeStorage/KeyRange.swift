/// Helpers for prefix ranges over byte-ordered string keys.
enum KeyRange {
    /// The smallest key greater than every key starting with `prefix` (prefix with its last byte
    /// incremented), or nil when there is none.
    static func end(ofPrefix prefix: String) -> String? {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes.removeLast()
        }
        return nil
    }
}
