import CSkiffJSONScan

extension JSONValue {
    /// Parses only the parts of a JSON object that `filter` keeps, skipping the rest without
    /// building it; the document must still be well-formed where it is read.
    public static func parse(_ bytes: [UInt8], keeping filter: JSONKeyFilter) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buf in
            do throws(JSONParseError) {
                return .success(
                    try JSONParser.with(buf) { p throws(JSONParseError) in
                        p.skipSpace()
                        return try p.parseFiltered(filter)
                    })
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
        if filter.children.isEmpty && !filter.keepsOthers {
            // Nothing of it is kept: its members are not read one by one.
            try skipContainer()
            return .object(JSONObject())
        }
        try enter()
        defer { depth -= 1 }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject()) }
        let start = stack.members.count  // as parseObject
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string object key") }
            let key = try filteredKey(filter)
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after object key") }
            i += 1
            skipSpace()
            switch key {
            case .child(let name, let child) where !child.skips:
                let value = try parseFiltered(child)
                stack.addMember(name, value, from: start)
            case .other(let text) where filter.keepsOthers:
                let name = Self.string(UnsafeRawBufferPointer(rebasing: bytes[text]))
                let value = try parseValue()
                stack.addMember(name, value, from: start)
            case .string(let name):
                if let child = filter.children[name] {
                    if child.skips {
                        try skipValue()
                    } else {
                        let value = try parseFiltered(child)
                        stack.addMember(name, value, from: start)
                    }
                } else if filter.keepsOthers {
                    let value = try parseValue()
                    stack.addMember(name, value, from: start)
                } else {
                    try skipValue()
                }
            default:
                try skipValue()
            }
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of JSON input") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(stack.popObject(from: start)) }
            throw fail("expected ',' or '}' after object value")
        }
    }

    /// An object key as `parseFiltered` reads it.
    enum FilteredKey {
        /// A key spelling one of the filter's names (all ASCII), with the filter's copy of it.
        case child(String, JSONKeyFilter)
        /// An ASCII key the filter does not name, with the range of its text.
        case other(Range<Int>)
        /// Any other key (escaped, not ASCII, or the filter's names are not all ASCII), read
        /// as a string to be looked up in `children`.
        case string(String)
    }

    /// Reads the key at the cursor (a quote) for `filter`: a plain ASCII key is matched against
    /// the filter's names by its bytes, without a `String` being made of it.
    mutating func filteredKey(_ filter: JSONKeyFilter) throws(JSONParseError) -> FilteredKey {
        guard filter.names.usable else { return .string(try parseString()) }
        let quote = i
        i += 1
        let start = i
        skipToStringStop()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            i = quote
            return .string(try parseString())
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
        i += 1
        if let index = filter.names.index(of: text) {
            let entry = filter.names.entries[index]
            return .child(entry.name, entry.filter)
        }
        guard text.allSatisfy({ $0 < 0x80 }) else {
            i = quote
            return .string(try parseString())
        }
        return .other(start..<(i - 1))
    }

    /// Moves past one value without building it.
    mutating func skipValue() throws(JSONParseError) {
        guard i < bytes.count else { throw fail("unexpected end of JSON input") }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            i += 1
            while true {
                skipToStringStop()
                guard i < bytes.count else { break }
                let c = bytes[i]
                if c == UInt8(ascii: "\\") { i += 2; continue }
                i += 1
                if c == UInt8(ascii: "\"") { return }
            }
            throw fail("unexpected end of JSON input in string literal")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer()
        default:
            _ = try parseValue()
        }
    }

    /// Moves past the object or array at the cursor without building it, 64 bytes a step
    /// (`skiff_json_skip_container`: the bytes' quotes, backslashes and brackets found as bit
    /// masks, the strings' extent from the quotes' running parity, and the brackets outside
    /// strings counted). Nesting is limited as in `parseValue`; the rest is not validated.
    mutating func skipContainer() throws(JSONParseError) {
        guard let base = bytes.baseAddress else { throw fail("unexpected end of JSON input") }
        var end = 0
        let result = skiff_json_skip_container(
            base.assumingMemoryBound(to: UInt8.self), bytes.count, i, JSONValue.maximumDepth, &end)
        i = end
        switch result {
        case SKIFF_JSON_SCAN_CLOSED: return
        case SKIFF_JSON_SCAN_TOO_DEEP: throw fail("exceeded max depth of \(JSONValue.maximumDepth)")
        default: throw fail("unexpected end of JSON input")
        }
    }
}
