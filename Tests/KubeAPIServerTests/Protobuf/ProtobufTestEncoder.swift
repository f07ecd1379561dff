import KubeAPI
import KubeAPIServer

/// A tiny protobuf writer for building request bodies by hand in tests.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    /// A message built by `build`.
    init(_ build: (inout ProtoWriter) -> Void) { build(&self) }

    /// A complete request body: magic, then `runtime.Unknown{typeMeta, raw}`.
    static func body(_ apiVersion: String, _ kind: String, _ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        envelope(apiVersion, kind, raw: ProtoWriter(build).bytes)
    }

    /// A body around already encoded object bytes, with optional envelope extras.
    static func envelope(
        _ apiVersion: String, _ kind: String, raw: [UInt8], contentEncoding: String = "", contentType: String = ""
    ) -> [UInt8] {
        var unknown = ProtoWriter()
        unknown.message(1) { t in
            t.string(1, apiVersion)
            t.string(2, kind)
        }
        unknown.bytes(2, raw)
        if !contentEncoding.isEmpty { unknown.string(3, contentEncoding) }
        if !contentType.isEmpty { unknown.string(4, contentType) }
        return KubeProtobuf.magic + unknown.bytes
    }

    mutating func raw(_ more: [UInt8]) { bytes += more }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, _ wireType: Int) { varint(UInt64(field << 3 | wireType)) }

    /// An int32/int64/enum field; negative values take ten bytes, as Go writes them.
    mutating func int(_ field: Int, _ value: Int64) {
        key(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: Int, _ value: Bool) { int(field, value ? 1 : 0) }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, 2)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) { bytes(field, ProtoWriter(build).bytes) }

    /// A `map<string, string>` entry.
    mutating func entry(_ field: Int, _ key: String, _ value: String) {
        message(field) { e in
            e.string(1, key)
            e.string(2, value)
        }
    }

    /// A `map<string, Quantity>` entry.
    mutating func quantity(_ field: Int, _ key: String, _ value: String) {
        message(field) { e in
            e.string(1, key)
            e.message(2) { q in q.string(1, value) }
        }
    }

    /// An `IntOrString` holding a number.
    mutating func intOrString(_ field: Int, _ value: Int32) {
        message(field) { m in
            m.int(1, 0)
            m.int(2, Int64(value))
            m.string(3, "")
        }
    }

    /// An `IntOrString` holding a string.
    mutating func intOrString(_ field: Int, _ value: String) {
        message(field) { m in
            m.int(1, 1)
            m.int(2, 0)
            m.string(3, value)
        }
    }

    /// A `metav1.Time` or `MicroTime`.
    mutating func time(_ field: Int, seconds: Int64, nanos: Int32 = 0) {
        message(field) { t in
            t.int(1, seconds)
            if nanos != 0 { t.int(2, Int64(nanos)) }
        }
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        key(field, 1)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        key(field, 5)
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * i))) }
    }

    /// Packed varints in one length-delimited field.
    mutating func packed(_ field: Int, _ values: [Int64]) {
        var inner = ProtoWriter()
        for v in values { inner.varint(UInt64(bitPattern: v)) }
        bytes(field, inner.bytes)
    }

    /// ObjectMeta as Go writes it: every non-pointer string and int present even when empty.
    mutating func goObjectMeta(_ field: Int, name: String, namespace: String = "", labels: [(String, String)] = []) {
        message(field) { m in
            m.string(1, name)
            m.string(2, "")
            m.string(3, namespace)
            for f in 4...6 { m.string(f, "") }
            m.int(7, 0)
            m.bytes(8, [])
            for (k, v) in labels { m.entry(11, k, v) }
        }
    }
}

/// Parses JSON text for expectations.
func jsonValue(_ text: String) throws -> JSONValue {
    try JSONValue.parse(text)
}
