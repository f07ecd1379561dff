/// An IP address parsed the way Go's `net.ParseIP` (sloppy) does, for validation messages.
struct ParsedIP: Equatable {
    /// Four bytes for IPv4, sixteen for IPv6 (including IPv4-mapped addresses).
    var bytes: [UInt8]
    /// An IPv4 octet was written with a leading zero (rejected by strict parsing).
    var hadLeadingZeros = false

    /// True for IPv4 and for IPv4-mapped IPv6 addresses, as Go's `To4()` sees them.
    var isV4: Bool { bytes.count == 4 || isV4Mapped }
    /// `::ffff:a.b.c.d`.
    var isV4Mapped: Bool {
        bytes.count == 16 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }
    /// The four IPv4 bytes when `isV4`.
    var v4: ArraySlice<UInt8> { bytes.count == 4 ? bytes[0...] : bytes[12...] }

    /// Parses `text`; nil when it is not an IP address.
    init?(_ text: String) {
        let b = Array(text.utf8)
        if b.contains(0x3A) {
            guard let v6 = ParsedIP.parseV6(b[...]) else { return nil }
            bytes = v6
        } else {
            guard let (v4, zeros) = ParsedIP.parseV4(b[...]) else { return nil }
            bytes = v4
            hadLeadingZeros = zeros
        }
    }

    /// Dotted-quad IPv4; leading zeros are accepted (and reported) as Go's sloppy parser does.
    static func parseV4(_ b: ArraySlice<UInt8>) -> ([UInt8], Bool)? {
        var out: [UInt8] = []
        out.reserveCapacity(4)
        var value = 0
        var digits = 0
        var zeros = false
        var firstDigit: UInt8 = 0
        for c in b {
            if c == 0x2E {
                guard digits > 0, out.count < 3 else { return nil }
                if digits > 1 && firstDigit == 0x30 { zeros = true }
                out.append(UInt8(value))
                value = 0
                digits = 0
            } else if c >= 0x30 && c <= 0x39 {
                if digits == 0 { firstDigit = c }
                value = value * 10 + Int(c - 0x30)
                digits += 1
                guard value <= 255, digits <= 3 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, out.count == 3 else { return nil }
        if digits > 1 && firstDigit == 0x30 { zeros = true }
        out.append(UInt8(value))
        return (out, zeros)
    }

    /// IPv6 with optional `::` and an optional trailing dotted IPv4; zones are rejected.
    static func parseV6(_ b: ArraySlice<UInt8>) -> [UInt8]? {
        var groups: [UInt16] = []
        var ellipsis = -1
        var i = b.startIndex
        let end = b.endIndex
        if b.count >= 2 && b[i] == 0x3A && b[i + 1] == 0x3A {
            ellipsis = 0
            i += 2
            if i == end { return [UInt8](repeating: 0, count: 16) }
        }
        var tail: [UInt8]? = nil
        while i < end {
            var j = i
            var value = 0
            while j < end, let h = hexValue(b[j]), j - i < 4 {
                value = value * 16 + h
                j += 1
            }
            if j < end && b[j] == 0x2E {
                // Embedded IPv4 must end the address.
                guard let (v4, _) = parseV4(b[i..<end]), groups.count <= 6 else { return nil }
                tail = v4
                i = end
                break
            }
            guard j > i else { return nil }
            if j < end, hexValue(b[j]) != nil { return nil }  // more than four hex digits
            groups.append(UInt16(value))
            i = j
            if i == end { break }
            guard b[i] == 0x3A else { return nil }
            i += 1
            if i < end && b[i] == 0x3A {
                guard ellipsis < 0 else { return nil }
                ellipsis = groups.count
                i += 1
                if i == end { break }
            } else if i == end {
                return nil
            }
        }
        var total = groups.count + (tail == nil ? 0 : 2)
        if ellipsis >= 0 {
            guard total < 8 else { return nil }
            let fill = 8 - total
            groups.insert(contentsOf: [UInt16](repeating: 0, count: fill), at: ellipsis)
            total = 8
        }
        guard total == 8 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for g in groups {
            out.append(UInt8(g >> 8))
            out.append(UInt8(g & 0xFF))
        }
        if let tail { out.append(contentsOf: tail) }
        return out
    }

    @inline(__always)
    static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        default: return nil
        }
    }

    /// The address as Go's `net.IP.String()` writes it (dotted IPv4, RFC 5952 IPv6).
    var canonical: String {
        if isV4 { return v4.map { String($0) }.joined(separator: ".") }
        var groups: [Int] = []
        for k in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[k]) << 8 | Int(bytes[k + 1])) }
        var bestStart = -1
        var bestLen = 0
        var k = 0
        while k < 8 {
            if groups[k] == 0 {
                var j = k
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - k > bestLen {
                    bestStart = k
                    bestLen = j - k
                }
                k = j
            } else {
                k += 1
            }
        }
        if bestLen < 2 { bestStart = -1 }
        var out = ""
        var g = 0
        while g < 8 {
            if g == bestStart {
                out += "::"
                g += bestLen
                continue
            }
            if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
            out += String(groups[g], radix: 16)
            g += 1
        }
        return out
    }

    var isUnspecified: Bool { isV4 ? v4.allSatisfy { $0 == 0 } : bytes.allSatisfy { $0 == 0 } }
    var isLoopback: Bool {
        if isV4 { return v4.first == 127 }
        return bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
    }
    var isLinkLocalUnicast: Bool {
        if isV4 {
            let a = Array(v4)
            return a[0] == 169 && a[1] == 254
        }
        return bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80
    }
    var isLinkLocalMulticast: Bool {
        if isV4 {
            let a = Array(v4)
            return a[0] == 224 && a[1] == 0 && a[2] == 0
        }
        return bytes[0] == 0xFF && bytes[1] & 0x0F == 0x02
    }
}

/// IP and CIDR checks worded as Kubernetes words them.
enum IPValidation {
    static let invalidIP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    static let invalidCIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"

    /// An IP address in a field that predates strict validation (sloppy parsing, any form).
    static func validateLegacyIP(_ value: String, _ path: String, into list: inout CauseList) {
        if ParsedIP(value) == nil { list.add(FieldError.invalid(path, string: value, invalidIP)) }
    }

    /// An IP address under the current strict rules: no leading zeros, no IPv4-mapped IPv6,
    /// canonical form.
    static func validateIP(_ value: String, _ path: String, into list: inout CauseList) {
        guard let ip = ParsedIP(value) else {
            list.add(FieldError.invalid(path, string: value, invalidIP))
            return
        }
        var bad = false
        if ip.hadLeadingZeros {
            list.add(FieldError.invalid(path, string: value, "must not have leading 0s"))
            bad = true
        }
        if ip.isV4Mapped {
            list.add(FieldError.invalid(path, string: value, "must not be an IPv4-mapped IPv6 address"))
            bad = true
        }
        if !bad && ip.canonical != value {
            list.add(FieldError.invalid(path, string: value, "must be in canonical form (\"\(ip.canonical)\")"))
        }
    }

    /// Endpoint addresses may not be unspecified, loopback or link-local.
    static func validateNonSpecialIP(_ value: String, _ path: String, into list: inout CauseList) {
        guard let ip = ParsedIP(value) else {
            list.add(FieldError.invalid(path, string: value, "must be a valid IP address"))
            return
        }
        if ip.isUnspecified { list.add(FieldError.invalid(path, string: value, "may not be unspecified (\(value))")) }
        if ip.isLoopback {
            list.add(FieldError.invalid(path, string: value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"))
        }
        if ip.isLinkLocalUnicast {
            list.add(
                FieldError.invalid(
                    path, string: value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"))
        }
        if ip.isLinkLocalMulticast {
            list.add(
                FieldError.invalid(
                    path, string: value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"))
        }
    }

    /// A CIDR in a field that predates strict validation.
    static func validateLegacyCIDR(_ value: String, _ path: String, into list: inout CauseList) {
        guard let slash = value.utf8.firstIndex(of: 0x2F) else {
            list.add(FieldError.invalid(path, string: value, invalidCIDR))
            return
        }
        let ipText = String(value[..<slash])
        let lenText = value.utf8[value.utf8.index(after: slash)...]
        guard let ip = ParsedIP(ipText), !lenText.isEmpty, lenText.count <= 3,
            lenText.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let bits = Int(String(decoding: lenText, as: UTF8.self)),
            bits <= (ipText.utf8.contains(0x3A) ? 128 : 32)
        else {
            list.add(FieldError.invalid(path, string: value, invalidCIDR))
            return
        }
        _ = ip
    }
}
