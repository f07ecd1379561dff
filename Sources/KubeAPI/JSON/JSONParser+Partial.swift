/// Which parts of a JSON object to keep when parsing only part of it: for each key named in
/// `children` what to keep below it, and for the other keys either the whole value
/// (`keepsOthers`) or nothing.
public struct JSONKeyFilter: Sendable, Hashable {
    /// Named keys and what to keep below each.
    public var children: [String: JSONKeyFilter]
    /// Keep the value whole.
    public var keepAll: Bool
    /// Keys not in `children` are kept whole (true) or skipped (false).
    public var keepsOthers = false
    /// The value is skipped without being built.
    public var skips = false

    /// A filter keeping the given nested paths (each a list of keys); a path ends in a kept value.
    public init(paths: [[String]]) {
        children = [:]
        keepAll = false
        for p in paths { add(p[...]) }
    }

    /// A filter keeping everything except the given nested paths (each a list of keys), which
    /// are skipped without being built: `[["metadata", "managedFields"]]` parses an object but
    /// its managed fields.
    public init(omitting paths: [[String]]) {
        children = [:]
        keepAll = false
        keepsOthers = true
        for p in paths { omit(p[...]) }
    }

    private init(keepAll: Bool) {
        children = [:]
        self.keepAll = keepAll
    }

    private mutating func omit(_ path: ArraySlice<String>) {
        guard let first = path.first else {
            skips = true
            return
        }
        var child = children[first] ?? JSONKeyFilter(omitting: [])
        child.omit(path.dropFirst())
        children[first] = child
    }

    private mutating func add(_ path: ArraySlice<String>) {
        guard let first = path.first else {
            keepAll = true
            return
        }
        var child = children[first] ?? JSONKeyFilter(keepAll: false)
        if !child.keepAll { child.add(path.dropFirst()) }
        children[first] = child
    }
}

extension JSONValue {
    /// Parses only the parts of a JSON object that `filter` keeps, skipping the rest without
    /// building it; the document must still be well-formed where it is read.
    public static func parse(_ bytes: [UInt8], keeping filter: JSONKeyFilter) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buf in
            var p = JSONParser(buf)
            do throws(JSONParseError) {
                p.skipSpace()
                let v = try p.parseFiltered(filter)
                return .success(v)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let v): return v
        case .failure(let e): throw e
        }
    }
}

extension JSONParser {
    /// Parses the value at the cursor keeping only what `filter` names (all of it when `keepAll`
    /// or when the value is neither an object nor an array). An array's items are each parsed
    /// with `filter`, so that a path through a list (`items`, then `metadata`) applies to
    /// every item.
    mutating func parseFiltered(_ filter: JSONKeyFilter) throws(JSONParseError) -> JSONValue {
        guard !filter.keepAll, i < bytes.count else { return try parseValue() }
        if bytes[i] == UInt8(ascii: "[") { return try parseArray(filter: filter) }
        guard bytes[i] == UInt8(ascii: "{") else { return try parseValue() }
        try enter()
        defer { depth -= 1 }
        i += 1
        var obj = JSONObject()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(obj) }
        obj.reserveCapacity(4)  // as parseObject
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string object key") }
            let key = try parseString()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            i += 1
            skipSpace()
            if let child = filter.children[key] {
                if child.skips {
                    try skipValue()
                } else {
                    obj[key] = try parseFiltered(child)
                }
            } else if filter.keepsOthers {
                obj[key] = try parseValue()
            } else {
                try skipValue()
            }
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of JSON input") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(obj) }
            throw fail("expected ',' or '}' after object value")
        }
    }

    /// Moves past one value without building it.
    mutating func skipValue() throws(JSONParseError) {
        guard i < bytes.count else { throw fail("unexpected end of JSON input") }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            i += 1
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") { i += 2; continue }
                i += 1
                if c == UInt8(ascii: "\"") { return }
            }
            throw fail("unexpected end of JSON input in string literal")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var nesting = 0
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") {
                    try skipValue()
                    continue
                }
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    nesting += 1
                    if nesting > JSONValue.maximumDepth { throw fail("exceeded max depth of \(JSONValue.maximumDepth)") }
                } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    nesting -= 1
                    if nesting == 0 {
                        i += 1
                        return
                    }
                }
                i += 1
            }
            throw fail("unexpected end of JSON input")
        default:
            _ = try parseValue()
        }
    }
}
