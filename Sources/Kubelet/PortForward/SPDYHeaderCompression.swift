import CSkiffZlib
import Foundation

/// One direction of SPDY/3 header-block compression: a single zlib stream over the whole
/// connection, primed with `SPDYDictionary`, flushed (sync flush) at the end of every block.
/// Owned by the one task that reads (inflating) or writes (deflating) frames.
final class SPDYHeaderCompression {
    private let stream: OpaquePointer

    /// A compressor (`deflating`) or decompressor with SPDY/3's dictionary.
    init(deflating: Bool) throws(KubeletError) {
        let made = SPDYDictionary.bytes.withUnsafeBufferPointer { dictionary in
            skiff_zstream_new(deflating ? 1 : 0, dictionary.baseAddress, dictionary.count)
        }
        guard let made else { throw KubeletError(.other, "spdy: zlib could not be set up") }
        stream = made
    }

    deinit { skiff_zstream_free(stream) }

    /// Runs `bytes` through the stream (compressing or decompressing) and returns what came out.
    func process(_ bytes: ArraySlice<UInt8>) throws(KubeletError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let count = bytes.withUnsafeBufferPointer { input in
            skiff_zstream_process(stream, input.baseAddress, input.count, &output)
        }
        defer { free(output) }
        guard count >= 0 else { throw KubeletError(.other, "spdy: invalid compressed header block") }
        guard let output, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: output, count: count))
    }
}

/// A SPDY/3 name/value header block: lower-case names, each with its value (values that hold
/// several entries separate them with NUL; the first is kept).
struct SPDYHeaderBlock: Sendable, Equatable {
    /// Name → value.
    var fields: [String: String]

    /// A block of `fields`.
    init(_ fields: [String: String] = [:]) { self.fields = fields }

    /// The value of `name` (case-insensitive), or nil.
    subscript(_ name: String) -> String? { fields[name.lowercased()] }

    /// The uncompressed wire form: a 32-bit count, then for each pair a 32-bit length and the
    /// name, a 32-bit length and the value (names in sorted order).
    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        SPDYWire.append32(UInt32(fields.count), to: &out)
        for name in fields.keys.sorted() {
            let n = Array(name.lowercased().utf8)
            let v = Array((fields[name] ?? "").utf8)
            SPDYWire.append32(UInt32(n.count), to: &out)
            out += n
            SPDYWire.append32(UInt32(v.count), to: &out)
            out += v
        }
        return out
    }

    /// Parses an uncompressed block; throws when lengths run past its end.
    init(decoding bytes: [UInt8]) throws(KubeletError) {
        var index = 0
        func read32() throws(KubeletError) -> Int {
            guard index + 4 <= bytes.count else { throw KubeletError(.other, "spdy: truncated header block") }
            let value = SPDYWire.read32(bytes, at: index)
            index += 4
            return Int(value)
        }
        func readString() throws(KubeletError) -> String {
            let length = try read32()
            guard length <= bytes.count - index else { throw KubeletError(.other, "spdy: truncated header block") }
            defer { index += length }
            return String(decoding: bytes[index..<(index + length)], as: UTF8.self)
        }
        let count = try read32()
        var fields: [String: String] = [:]
        for _ in 0..<count {
            let name = try readString().lowercased()
            let value = try readString()
            let first = value.split(separator: "\0", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if fields[name] == nil { fields[name] = first }
        }
        self.fields = fields
    }
}

/// Big-endian integers on the wire.
enum SPDYWire {
    /// Appends `value` as 4 big-endian bytes.
    static func append32(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    /// The 4 big-endian bytes at `index` (the caller checks the bounds).
    static func read32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
    }
}
