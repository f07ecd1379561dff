/// A syntax error in a JSON document, with the byte offset where it was found.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The byte offset of the problem.
    public var offset: Int
    public var description: String { "\(message) at offset \(offset)" }
}

extension JSONValue {
    /// The deepest nesting the parser accepts; deeper documents are rejected, not recursed into.
    public static let maximumDepth = 512

    /// Parses a complete JSON document (RFC 8259). Trailing non-space bytes are an error.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue
    where Bytes.Element == UInt8 {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buf in
            do throws(JSONParseError) {
                return .success(try JSONParser.with(UnsafeRawBufferPointer(buf)) { p throws(JSONParseError) in try p.parseDocument() })
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let v): return v
        case .failure(let e): throw e
        case nil: break
        }
        return try parse(Array(bytes))
    }

    /// Parses a JSON document from a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// A recursive-descent parser over raw bytes.
struct JSONParser {
    let bytes: UnsafeRawBufferPointer
    var i = 0
    var depth = 0
    /// The members and items of the containers open at the cursor.
    var stack: JSONParseStack

    private init(_ bytes: UnsafeRawBufferPointer, stack: JSONParseStack) {
        self.bytes = bytes
        self.stack = stack
    }

    /// Runs `body` with a parser over `bytes`; whatever the parser leaves on its stack (when
    /// `body` throws) is destroyed after.
    static func with<R>(_ bytes: UnsafeRawBufferPointer, _ body: (inout JSONParser) throws(JSONParseError) -> R) throws(JSONParseError) -> R {
        try JSONParseStack.with { stack throws(JSONParseError) in
            var p = JSONParser(bytes, stack: stack)
            defer { stack = p.stack }
            return try body(&p)
        }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipSpace()
        let v = try parseValue()
        skipSpace()
        if i != bytes.count { throw fail("unexpected data after the top-level value") }
        return v
    }

    func fail(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: i) }

    mutating func skipSpace() {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of JSON input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("invalid character '\(Character(Unicode.Scalar(bytes[i])))' looking for beginning of value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("unexpected end of JSON input") }
        let p = word.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { throw fail("invalid literal") }
        i += n
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONValue.maximumDepth { throw fail("exceeded max depth of \(JSONValue.maximumDepth)") }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject()) }
        // The members go on the stack and leave it as one array of their number.
        let start = stack.members.count
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail("expected a string object key")
            }
            let key = try parseString()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            i += 1
            skipSpace()
            let value = try parseValue()
            stack.addMember(key, value, from: start)
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of JSON input") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(stack.popObject(from: start)) }
            throw fail("expected ',' or '}' after object value")
        }
    }

    /// Parses the array at the cursor; with `filter`, each item is parsed keeping what it names.
    mutating func parseArray(filter: JSONKeyFilter? = nil) throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array([]) }
        // The items go on the stack and leave it as one array of their number.
        let start = stack.items.count
        while true {
            skipSpace()
            let item = if let filter { try parseFiltered(filter) } else { try parseValue() }
            stack.addItem(item)
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of JSON input") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(stack.popItems(from: start)) }
            throw fail("expected ',' or ']' after array element")
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    mutating func parseString() throws(JSONParseError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        skipToStringStop()
        if i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                let s = Self.string(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
                i += 1
                return s
            }
            if c < 0x20 { throw fail("invalid control character in string literal") }
        }
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return out.withUnsafeBytes { Self.string($0) }
            }
            if c < 0x20 { throw fail("invalid control character in string literal") }
            if c != UInt8(ascii: "\\") {
                // A run of plain bytes up to the next quote or escape, copied at once.
                let run = i
                skipToStringStop()
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[run..<i]))
                continue
            }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00, low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw fail("invalid escape in string literal")
            }
        }
        throw fail("unexpected end of JSON input in string literal")
    }

    /// Moves the cursor to the next byte a string scan stops at (`"`, `\\` or a control
    /// character), or to the end: eight bytes a step, and the word holding one gives its
    /// position at once.
    @inline(__always)
    mutating func skipToStringStop() {
        while i + 8 <= bytes.count {
            let stops = ByteWord.exactStringStops(ByteWord.load(bytes, at: i))
            if stops != 0 {
                i += stops.trailingZeroBitCount >> 3
                return
            }
            i += 8
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return }
            i += 1
        }
    }

    /// The string of these UTF-8 bytes: the shared copy when it is a long one Kubernetes objects
    /// repeat (`JSONKnownStrings`), else a new one.
    @inline(__always)
    static func string(_ text: UnsafeRawBufferPointer) -> String {
        if text.count > JSONKnownStrings.inlineLimit, let known = JSONKnownStrings.standard.string(for: text) { return known }
        return String(decoding: text, as: UTF8.self)
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
