import Foundation
import KubeAPI

// The apimachinery types with their own protobuf shape: Time, MicroTime, Duration, RawExtension,
// FieldsV1, Quantity and IntOrString, plus doubles and bytes.
extension ProtobufJSONDecoder {
    /// The seconds Go's `time.Time` can format in RFC 3339: years 0001 to 9999.
    static let timeRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// A `metav1.Time` (`{1: seconds, 2: nanos}`; nanos are dropped, as Kubernetes does) or
    /// `metav1.MicroTime` (nanos truncated to microseconds). An empty message is the zero time,
    /// which JSON writes as `null`; it is left out.
    func time(_ value: ProtobufWireValue, _ field: String, micro: Bool) throws(APIError) -> JSONValue? {
        let payload = try expectBytes(value, field)
        guard !payload.isEmpty else { return nil }
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        var reader = ProtobufReader(bytes, payload)
        while !reader.isAtEnd {
            let (number, inner) = try reader.readField()
            switch number {
            case 1:
                guard let v = inner.int64 else { throw wrongWireType(inner, field + ".seconds") }
                seconds = v
            case 2:
                guard let v = inner.int32 else { throw wrongWireType(inner, field + ".nanos") }
                nanos = Int64(v)
            default: continue
            }
        }
        guard micro else {
            guard Self.timeRange.contains(seconds) else { throw Self.timeOutOfRange(field) }
            return .string(Timestamp.format(epochSeconds: seconds))
        }
        // time.Unix normalises nanoseconds outside [0, 1e9) into the seconds.
        var carry = nanos / 1_000_000_000
        var fraction = nanos % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            carry -= 1
        }
        guard Self.timeRange.contains(seconds), Self.timeRange.contains(seconds + carry) else {
            throw Self.timeOutOfRange(field)
        }
        let whole = Timestamp.format(epochSeconds: seconds + carry)
        let micros = String(fraction / 1000)
        let padded = String(repeating: "0", count: 6 - micros.count) + micros
        return .string(String(whole.dropLast()) + "." + padded + "Z")
    }

    private static func timeOutOfRange(_ field: String) -> APIError {
        .badRequest("the request body is not valid: \(field): time out of range")
    }

    /// A `metav1.Duration` (`{1: nanoseconds}`) as Go's `time.Duration.String()` writes it.
    func duration(_ value: ProtobufWireValue, _ field: String) throws(APIError) -> JSONValue {
        var nanoseconds: Int64 = 0
        var reader = ProtobufReader(bytes, try expectBytes(value, field))
        while !reader.isAtEnd {
            let (number, inner) = try reader.readField()
            guard number == 1 else { continue }
            guard let v = inner.int64 else { throw wrongWireType(inner, field) }
            nanoseconds = v
        }
        return .string(Self.goDuration(nanoseconds))
    }

    /// Go's duration formatting: `1h0m0s`, `1m30s`, `1.5s`, `250ms`, `3µs`, `0s`.
    static func goDuration(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let u = nanoseconds.magnitude
        if u < 1_000 { return sign + String(u) + "ns" }
        if u < 1_000_000 {
            let (whole, fraction) = split(u, digits: 3)
            return sign + String(whole) + fraction + "µs"
        }
        if u < 1_000_000_000 {
            let (whole, fraction) = split(u, digits: 6)
            return sign + String(whole) + fraction + "ms"
        }
        let (seconds, fraction) = split(u, digits: 9)
        var text = String(seconds % 60) + fraction + "s"
        let minutes = seconds / 60
        if minutes > 0 {
            text = String(minutes % 60) + "m" + text
            let hours = minutes / 60
            if hours > 0 { text = String(hours) + "h" + text }
        }
        return sign + text
    }

    /// `v` divided by 10^digits: the integral part, and the fraction as `.5` with trailing zeros
    /// removed (empty when it is zero).
    private static func split(_ v: UInt64, digits: Int) -> (whole: UInt64, fraction: String) {
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        var remainder = String(v % divisor)
        remainder = String(repeating: "0", count: digits - remainder.count) + remainder
        while remainder.hasSuffix("0") { remainder.removeLast() }
        return (v / divisor, remainder.isEmpty ? "" : "." + remainder)
    }

    /// A `runtime.RawExtension` or `metav1.FieldsV1` (`{1: raw JSON bytes}`); empty is left out.
    func rawJSON(_ value: ProtobufWireValue, _ field: String) throws(APIError) -> JSONValue? {
        var raw: Range<Int>?
        var reader = ProtobufReader(bytes, try expectBytes(value, field))
        while !reader.isAtEnd {
            let (number, inner) = try reader.readField()
            if number == 1 { raw = try expectBytes(inner, field) }
        }
        guard let raw, !raw.isEmpty else { return nil }
        do {
            return try JSONValue.parse(bytes[raw])
        } catch {
            throw .badRequest("the request body is not valid: \(field): embedded object is not JSON: \(error)")
        }
    }

    /// A `resource.Quantity` (`{1: string}`); an empty message is the zero quantity `"0"`.
    func quantity(_ range: Range<Int>, _ field: String) throws(APIError) -> JSONValue {
        var text = "0"
        var reader = ProtobufReader(bytes, range)
        while !reader.isAtEnd {
            let (number, inner) = try reader.readField()
            if number == 1 { text = string(try expectBytes(inner, field)) }
        }
        return .string(text)
    }

    /// An `intstr.IntOrString` (`{1: type, 2: intVal, 3: strVal}`): a number when type is 0, a
    /// string when it is 1.
    func intOrString(_ range: Range<Int>, _ field: String) throws(APIError) -> JSONValue {
        var kind: Int64 = 0
        var intVal: Int32 = 0
        var strVal = ""
        var reader = ProtobufReader(bytes, range)
        while !reader.isAtEnd {
            let (number, inner) = try reader.readField()
            switch number {
            case 1:
                guard let v = inner.int64 else { throw wrongWireType(inner, field + ".type") }
                kind = v
            case 2:
                guard let v = inner.int32 else { throw wrongWireType(inner, field + ".intVal") }
                intVal = v
            case 3: strVal = string(try expectBytes(inner, field + ".strVal"))
            default: continue
            }
        }
        switch kind {
        case 0: return .int(intVal)
        case 1: return .string(strVal)
        default: throw .badRequest("the request body is not valid: \(field): impossible IntOrString type \(kind)")
        }
    }

    /// A double (wire type 1) or float (wire type 5) as JSON writes it.
    func number(_ value: ProtobufWireValue, _ field: String) throws(APIError) -> JSONValue {
        let d: Double
        switch value {
        case .fixed64(let bits): d = Double(bitPattern: bits)
        case .fixed32(let bits): d = Double(Float(bitPattern: bits))
        default: throw wrongWireType(value, field)
        }
        guard d.isFinite else {
            throw .badRequest("the request body is not valid: \(field): \(d) is not a JSON number")
        }
        if d == d.rounded(), abs(d) < 1e15 { return .int(Int64(d)) }
        return .number(String(d))
    }

    /// Bytes as standard base64 with padding, as Go's JSON writes `[]byte`.
    func base64(_ range: Range<Int>) -> String {
        Data(bytes[range]).base64EncodedString()
    }
}
