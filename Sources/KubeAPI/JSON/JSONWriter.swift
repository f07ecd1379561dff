extension JSONValue {
    /// The compact JSON text of this value, as UTF-8 bytes.
    public func serialized() -> [UInt8] {
        var out = JSONOutput(capacity: 1024)
        write(to: &out)
        return out.bytes()
    }

    /// The compact JSON text of this value.
    public var jsonString: String { String(decoding: serialized(), as: UTF8.self) }

    /// Appends the compact JSON text of this value to `out`.
    public func write(to out: inout [UInt8]) {
        var text = JSONOutput(capacity: 256)
        write(to: &text)
        text.append(to: &out)
    }

    /// Appends the compact JSON text of this value to `out`.
    func write(to out: inout JSONOutput) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let text): out.append(utf8: text)
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
        var text = JSONOutput(capacity: s.utf8.count + 2)
        writeString(s, to: &text)
        text.append(to: &out)
    }

    /// Appends `s` as a quoted JSON string to `out`.
    static func writeString(_ s: String, to out: inout JSONOutput) {
        JSONOutput.withUTF8(of: s) { writeQuoted($0, to: &out) }
    }

    private static func writeQuoted(_ buf: UnsafeRawBufferPointer, to out: inout JSONOutput) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let n = buf.count
        while i < n {
            // Eight bytes at a time while none of them needs an escape (most strings).
            if i + 8 <= n, !JSONEscapes.anyIn(ByteWord.load(buf, at: i)) {
                i += 8
                continue
            }
            let c = buf[i]
            if JSONEscapes.needsEscape(c) {
                out.append(UnsafeRawBufferPointer(rebasing: buf[runStart..<i]))
                JSONEscapes.writeEscape(c, to: &out)
                runStart = i + 1
            }
            i += 1
        }
        out.append(UnsafeRawBufferPointer(rebasing: buf[runStart..<n]))
        out.append(UInt8(ascii: "\""))
    }
}

/// The JSON writer's output: a growing byte buffer that appends without the uniqueness and
/// capacity checks an `Array` makes on every append (a serialized pod is a few thousand
/// appends, most of them one byte or a short key).
struct JSONOutput: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes before it grows.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit { base.deallocate() }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 of `text`.
    mutating func append(utf8 text: String) {
        Self.withUTF8(of: text) { append($0) }
    }

    /// Calls `body` with the UTF-8 of `text`, read in place (a native string's bytes, or a small
    /// string's copied to the stack) without the copy of `text` that the mutating `withUTF8`
    /// needs; only a string of another kind (bridged) is copied.
    static func withUTF8(of text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) }
        if done == nil {
            var text = text
            text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends the UTF-8 of a literal.
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
        bigger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// The bytes written, as an array.
    func bytes() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let target = buffer.baseAddress { UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: count) }
            initialized = count
        }
    }

    /// Appends the bytes written to `out`.
    func append(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// Which bytes a JSON string escapes, and how: `"`, `\\`, control characters, and `<`, `>`, `&`
/// as Go writes them.
enum JSONEscapes {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// True when byte `c` is written escaped.
    @inline(__always)
    static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26
    }

    /// Writes the escape of byte `c` (one that `needsEscape`).
    static func writeEscape(_ c: UInt8, to out: inout JSONOutput) {
        switch c {
        case 0x22: out.append("\\\"")
        case 0x5C: out.append("\\\\")
        case 0x0A: out.append("\\n")
        case 0x0D: out.append("\\r")
        case 0x09: out.append("\\t")
        default:
            out.append("\\u00")
            out.append(hexDigits[Int(c >> 4)])
            out.append(hexDigits[Int(c & 0xF)])
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
