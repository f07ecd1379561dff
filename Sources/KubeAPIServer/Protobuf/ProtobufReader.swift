import KubeAPI

/// One field's payload as the wire carries it.
enum ProtobufWireValue: Sendable, Hashable {
    /// Wire type 0: a varint (int32, int64, bool, enum); negative int32/int64 are ten-byte varints.
    case varint(UInt64)
    /// Wire type 1: eight little-endian bytes (double, fixed64).
    case fixed64(UInt64)
    /// Wire type 5: four little-endian bytes (float, fixed32).
    case fixed32(UInt32)
    /// Wire type 2: a length-delimited payload (string, bytes, message, packed scalars), as the
    /// range of the buffer it occupies.
    case bytes(Range<Int>)

    /// The wire type number, for error messages.
    var wireType: Int {
        switch self {
        case .varint: return 0
        case .fixed64: return 1
        case .bytes: return 2
        case .fixed32: return 5
        }
    }
}

/// Reads protobuf wire format from a range of a byte array without copying it.
///
/// Every read checks the bounds of the range; truncated or oversized input throws
/// `APIError.badRequest` rather than trapping.
struct ProtobufReader {
    /// The whole buffer.
    let bytes: [UInt8]
    /// The next byte to read.
    private(set) var position: Int
    /// One past the last byte of the range being read.
    let end: Int

    /// A reader of `range` within `bytes`; the range must lie within the buffer.
    init(_ bytes: [UInt8], _ range: Range<Int>) {
        self.bytes = bytes
        let lower = max(0, min(range.lowerBound, bytes.count))
        self.position = lower
        self.end = max(lower, min(range.upperBound, bytes.count))
    }

    /// True when the whole range has been read.
    var isAtEnd: Bool { position >= end }

    /// Reads a base-128 varint of at most ten bytes.
    mutating func readVarint() throws(APIError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw Self.malformed("truncated varint") }
            guard shift < 64 else { throw Self.malformed("varint longer than ten bytes") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a field key: the field number and the wire type.
    mutating func readTag() throws(APIError) -> (number: Int, wireType: Int) {
        let key = try readVarint()
        let number = key >> 3
        guard number > 0, number <= 0x1FFF_FFFF else { throw Self.malformed("illegal field number \(number)") }
        return (Int(number), Int(key & 7))
    }

    /// Reads the payload of a field of `wireType`.
    mutating func readValue(wireType: Int) throws(APIError) -> ProtobufWireValue {
        switch wireType {
        case 0:
            return .varint(try readVarint())
        case 1:
            return .fixed64(try readLittleEndian(count: 8))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(end - position) else { throw Self.malformed("length \(length) runs past the end") }
            let start = position
            position += Int(length)
            return .bytes(start..<position)
        case 5:
            return .fixed32(UInt32(truncatingIfNeeded: try readLittleEndian(count: 4)))
        default:
            throw Self.malformed("unsupported wire type \(wireType)")
        }
    }

    /// Reads the next field: its number and payload.
    mutating func readField() throws(APIError) -> (number: Int, value: ProtobufWireValue) {
        let (number, wireType) = try readTag()
        return (number, try readValue(wireType: wireType))
    }

    private mutating func readLittleEndian(count: Int) throws(APIError) -> UInt64 {
        guard end - position >= count else { throw Self.malformed("truncated fixed-width value") }
        var result: UInt64 = 0
        for i in 0..<count {
            result |= UInt64(bytes[position + i]) << UInt64(8 * i)
        }
        position += count
        return result
    }

    /// The error for malformed input.
    static func malformed(_ detail: String) -> APIError {
        .badRequest("the request body is not valid protobuf: \(detail)")
    }
}

extension ProtobufWireValue {
    /// The payload as a signed 64-bit integer (int64, or int32 sign-extended on the wire).
    var int64: Int64? {
        if case .varint(let v) = self { return Int64(bitPattern: v) }
        return nil
    }

    /// The payload as a 32-bit integer; like Go, a wider varint is truncated.
    var int32: Int32? {
        if case .varint(let v) = self { return Int32(truncatingIfNeeded: v) }
        return nil
    }

    /// The range of a length-delimited payload.
    var range: Range<Int>? {
        if case .bytes(let r) = self { return r }
        return nil
    }
}
