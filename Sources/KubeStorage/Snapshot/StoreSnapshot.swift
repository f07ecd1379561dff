import Crypto
import Foundation

/// A point-in-time copy of every live key of a store, independent of the backend: taken from
/// SQLite or etcd, it restores into either (which is also how a SQLite cluster moves to etcd).
///
/// The file is `SKIFF-SNAPSHOT 1\n`, one JSON header line, the records (each: key length and
/// bytes, value length and bytes, create revision, mod revision; lengths as big-endian UInt32,
/// revisions as big-endian Int64) in mod-revision order, then the SHA-256 of everything before it.
/// Values are the stored bytes as they are, so Secrets encrypted at rest stay encrypted.
public struct StoreSnapshot: Sendable, Equatable {
    /// What the header line records.
    public struct Header: Codable, Sendable, Equatable {
        /// The store revision the snapshot was read at.
        public var revision: Int64
        /// How many records follow.
        public var keys: Int
        /// When it was taken (RFC 3339).
        public var createdAt: String
        /// The backend it came from (`sqlite` or `etcd`).
        public var source: String
    }

    /// The header.
    public var header: Header
    /// The live keys, in mod-revision order (oldest change first).
    public var records: [KeyValue]

    static let magic = Array("SKIFF-SNAPSHOT 1\n".utf8)

    /// A snapshot of `records` read at `revision`.
    public init(revision: Int64, records: [KeyValue], source: String, createdAt: Date = Date()) {
        let sorted = records.sorted { ($0.modRevision, $0.key) < ($1.modRevision, $1.key) }
        header = Header(
            revision: revision, keys: sorted.count,
            createdAt: ISO8601DateFormatter().string(from: createdAt), source: source)
        self.records = sorted
    }

    /// The file's bytes.
    public func encoded() throws(StoreError) -> [UInt8] {
        var out = Self.magic
        do {
            out += try JSONEncoder().encode(header)
        } catch {
            throw StoreError(.backend, "cannot encode snapshot header: \(error)")
        }
        out.append(0x0A)
        for kv in records {
            let key = Array(kv.key.utf8)
            Self.append(UInt32(key.count), to: &out)
            out += key
            Self.append(UInt32(kv.value.count), to: &out)
            out += kv.value
            Self.append(UInt64(bitPattern: kv.createRevision), to: &out)
            Self.append(UInt64(bitPattern: kv.modRevision), to: &out)
        }
        out += Array(SHA256.hash(data: out))
        return out
    }

    /// Parses a snapshot file's bytes; a truncated, altered or foreign file is refused.
    public init(decoding bytes: [UInt8]) throws(StoreError) {
        let digestSize = SHA256.byteCount
        guard bytes.count >= Self.magic.count + digestSize, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw StoreError(.backend, "not a Skiff snapshot (bad magic)")
        }
        let body = bytes[..<(bytes.count - digestSize)]
        guard Array(SHA256.hash(data: body)) == Array(bytes.suffix(digestSize)) else {
            throw StoreError(.backend, "snapshot checksum mismatch: the file is truncated or corrupt")
        }
        var reader = ByteReader(bytes: Array(body), offset: Self.magic.count)
        let headerLine = try reader.line()
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerLine))
        } catch {
            throw StoreError(.backend, "bad snapshot header: \(error)")
        }
        var records: [KeyValue] = []
        records.reserveCapacity(header.keys)
        while !reader.atEnd {
            let key = try reader.bytes(Int(reader.uint32()))
            let value = try reader.bytes(Int(reader.uint32()))
            let create = Int64(bitPattern: try reader.uint64())
            let mod = Int64(bitPattern: try reader.uint64())
            guard let keyString = String(validating: key, as: UTF8.self) else {
                throw StoreError(.backend, "snapshot record \(records.count) has a key that is not UTF-8")
            }
            records.append(KeyValue(key: keyString, value: value, createRevision: create, modRevision: mod))
        }
        guard records.count == header.keys else {
            throw StoreError(.backend, "snapshot header says \(header.keys) keys, the file holds \(records.count)")
        }
        self.records = records
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out += $0 }
    }
}

/// Reads the fixed-width fields of a snapshot, refusing to run past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    var atEnd: Bool { offset >= bytes.count }

    mutating func bytes(_ count: Int) throws(StoreError) -> [UInt8] {
        guard count >= 0, offset + count <= bytes.count else {
            throw StoreError(.backend, "snapshot record runs past the end of the file")
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func uint32() throws(StoreError) -> UInt32 {
        try bytes(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint64() throws(StoreError) -> UInt64 {
        try bytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func line() throws(StoreError) -> [UInt8] {
        guard let end = bytes[offset...].firstIndex(of: 0x0A) else {
            throw StoreError(.backend, "snapshot header line is not terminated")
        }
        defer { offset = end + 1 }
        return Array(bytes[offset..<end])
    }
}
