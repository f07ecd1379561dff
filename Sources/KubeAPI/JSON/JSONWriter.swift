extension JSONValue {
    /// The compact JSON text of this value, as UTF-8 bytes.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    /// The compact JSON text of this value.
    public var jsonString: String { String(decoding: serialized(), as: UTF8.self) }

    /// Appends the compact JSON text of this value to `out`.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b):
            if b { out.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else {
                out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
            }
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            // Through the buffer, the elements are read in place instead of copied (retained
            // and released) one by one.
            items.withUnsafeBufferPointer { items in
                for i in items.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    items[i].write(to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let obj):
            out.append(UInt8(ascii: "{"))
            obj.members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    JSONValue.writeString(members[i].key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    members[i].value.write(to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `s` as a quoted JSON string, escaping as Go's encoder does (`<`, `>`, `&` as \u00XX).
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            var i = 0
            let n = buf.count
            while i < n {
                // Eight bytes at a time while none of them needs an escape (most strings).
                if i + 8 <= n, !JSONEscapes.anyIn(ByteWord.load(UnsafeRawBufferPointer(buf), at: i)) {
                    i += 8
                    continue
                }
                let c = buf[i]
                if let escape = JSONEscapes.escape(c) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                    out.append(contentsOf: escape)
                    runStart = i + 1
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<n]))
            out.append(UInt8(ascii: "\""))
        }
    }
}

/// Which bytes a JSON string escapes, and how: `"`, `\\`, control characters, and `<`, `>`, `&`
/// as Go writes them.
enum JSONEscapes {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The escape of byte `c`, nil when it is written as it is.
    @inline(__always)
    static func escape(_ c: UInt8) -> [UInt8]? {
        if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x3C && c != 0x3E && c != 0x26 { return nil }
        switch c {
        case 0x22: return [0x5C, 0x22]
        case 0x5C: return [0x5C, 0x5C]
        case 0x0A: return [0x5C, UInt8(ascii: "n")]
        case 0x0D: return [0x5C, UInt8(ascii: "r")]
        case 0x09: return [0x5C, UInt8(ascii: "t")]
        default: return [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(c >> 4)], hexDigits[Int(c & 0xF)]]
        }
    }

    /// True when some byte of `word` may need an escape; never false when one does.
    @inline(__always)
    static func anyIn(_ word: UInt64) -> Bool {
        let special = ByteWord.equal(word, 0x22) | ByteWord.equal(word, 0x5C) | ByteWord.equal(word, 0x3C)
            | ByteWord.equal(word, 0x3E) | ByteWord.equal(word, 0x26)
        return (ByteWord.below0x20(word) | special) != 0
    }
}
