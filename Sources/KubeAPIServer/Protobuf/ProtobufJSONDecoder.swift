import KubeAPI

/// Converts a protobuf-encoded Kubernetes message to the JSON the same Go object would marshal to.
///
/// The JSON schema (`SchemaRegistry`) says what each JSON field holds; `ProtobufFieldNumbers` says
/// which field number carries it and the few wire details the schema cannot express. Fields the
/// schema does not model, and field numbers the tables do not know, are skipped.
struct ProtobufJSONDecoder {
    /// The deepest nesting of messages accepted.
    static let maximumDepth = 100

    /// The buffer holding every message being decoded.
    let bytes: [UInt8]
    /// The type definitions.
    let schema: SchemaRegistry

    /// Decodes the message in `range` as definition `name`, appending its fields to `object`.
    func fill(_ object: inout JSONObject, from range: Range<Int>, definition name: String, depth: Int)
        throws(APIError)
    {
        try fill(&object, from: range, table: name, definition: schema.definition(name), depth: depth)
    }

    /// Decodes the message in `range` with the field numbers of `table` and the JSON types of
    /// `definition` (they differ for embedded structs, whose fields join the enclosing object).
    private func fill(
        _ object: inout JSONObject, from range: Range<Int>, table: String, definition: TypeDefinition?, depth: Int
    ) throws(APIError) {
        guard depth <= Self.maximumDepth else {
            throw ProtobufReader.malformed("messages nested more than \(Self.maximumDepth) levels deep")
        }
        guard let layout = ProtobufFieldNumbers.layouts[table] else { return }
        var collections = Collections()
        var reader = ProtobufReader(bytes, range)
        while !reader.isAtEnd {
            let (number, value) = try reader.readField()
            guard let entry = layout.entry(number) else { continue }
            if case .inline(let inner) = entry.kind {
                let payload = try expectBytes(value, entry.name)
                try fill(&object, from: payload, table: inner, definition: definition, depth: depth + 1)
                continue
            }
            guard let definition, let index = definition.fields.firstIndex(where: { $0.name == entry.name }) else {
                continue
            }
            let type = definition.fields[index].type
            switch type {
            case .array(let element, _):
                try appendElements(of: element, entry, value, to: &collections, in: &object, depth: depth)
            case .map(let valueType):
                let payload = try expectBytes(value, entry.name)
                let (key, item) = try mapEntry(payload, valueType, entry, depth: depth + 1)
                collections.insert(key, item, field: entry.name, in: &object)
            default:
                guard let item = try single(type, entry, value, depth: depth) else { continue }
                if entry.kind == .plain, Self.isZero(item, type) { continue }
                if case .object(let update) = item, case .object(var existing)? = object[entry.name] {
                    for member in update { existing[member.key] = member.value }
                    object[entry.name] = .object(existing)
                } else {
                    object[entry.name] = item
                }
            }
        }
        collections.store(in: &object)
    }

    /// Appends one occurrence of a repeated field: one element, a packed run of scalars, or the
    /// elements of a wrapping message.
    private func appendElements(
        of element: SchemaType, _ entry: ProtobufFieldEntry, _ value: ProtobufWireValue,
        to collections: inout Collections, in object: inout JSONObject, depth: Int
    ) throws(APIError) {
        if entry.kind == .wrappedList {
            var reader = ProtobufReader(bytes, try expectBytes(value, entry.name))
            while !reader.isAtEnd {
                let (number, inner) = try reader.readField()
                guard number == 1,
                    let item = try single(element, .init(name: entry.name, kind: .plain), inner, depth: depth)
                else { continue }
                collections.append(item, field: entry.name, in: &object)
            }
            return
        }
        if case .bytes(let packed) = value, Self.isPackable(element) {
            var reader = ProtobufReader(bytes, packed)
            while !reader.isAtEnd {
                let inner = try reader.readValue(wireType: element == .number ? 1 : 0)
                if let item = try single(element, entry, inner, depth: depth) {
                    collections.append(item, field: entry.name, in: &object)
                }
            }
            return
        }
        if let item = try single(element, entry, value, depth: depth) {
            collections.append(item, field: entry.name, in: &object)
        }
    }

    /// Decodes a map entry message `{1: key, 2: value}`; a missing value is the type's zero value.
    private func mapEntry(_ range: Range<Int>, _ valueType: SchemaType, _ entry: ProtobufFieldEntry, depth: Int)
        throws(APIError) -> (String, JSONValue)
    {
        guard depth <= Self.maximumDepth else {
            throw ProtobufReader.malformed("messages nested more than \(Self.maximumDepth) levels deep")
        }
        var key = ""
        var item: JSONValue?
        var reader = ProtobufReader(bytes, range)
        while !reader.isAtEnd {
            let (number, value) = try reader.readField()
            switch number {
            case 1: key = string(try expectBytes(value, entry.name))
            case 2: item = try single(valueType, entry, value, depth: depth)
            default: continue
            }
        }
        return (key, item ?? Self.zeroValue(valueType))
    }

    /// Decodes one value of `type` (not a list or map).
    func single(_ type: SchemaType, _ entry: ProtobufFieldEntry, _ value: ProtobufWireValue, depth: Int)
        throws(APIError) -> JSONValue?
    {
        switch entry.kind {
        case .microTime: return try time(value, entry.name, micro: true)
        case .duration: return try duration(value, entry.name)
        case .rawJSON: return try rawJSON(value, entry.name)
        default: break
        }
        switch type {
        case .string(let format, _):
            let payload = try expectBytes(value, entry.name)
            switch format {
            case "date-time": return try time(value, entry.name, micro: false)
            case "byte": return .string(base64(payload))
            default: return .string(string(payload))
            }
        case .integer(let format):
            guard let wide = value.int64, let narrow = value.int32 else { throw wrongWireType(value, entry.name) }
            return format == "int32" ? .int(narrow) : .int(wide)
        case .boolean:
            guard case .varint(let v) = value else { throw wrongWireType(value, entry.name) }
            return .bool(v != 0)
        case .number:
            return try number(value, entry.name)
        case .quantity:
            return try quantity(try expectBytes(value, entry.name), entry.name)
        case .intOrString:
            return try intOrString(try expectBytes(value, entry.name), entry.name)
        case .ref(let name):
            let payload = try expectBytes(value, entry.name)
            var nested = JSONObject()
            try fill(&nested, from: payload, definition: name, depth: depth + 1)
            return .object(nested)
        case .array, .map, .any:
            return nil
        }
    }

    // MARK: - Helpers

    /// The payload range of a length-delimited field, or a wire type error.
    func expectBytes(_ value: ProtobufWireValue, _ field: String) throws(APIError) -> Range<Int> {
        guard let range = value.range else { throw wrongWireType(value, field) }
        return range
    }

    /// The error for a field whose wire type does not match its type.
    func wrongWireType(_ value: ProtobufWireValue, _ field: String) -> APIError {
        ProtobufReader.malformed("wrong wire type \(value.wireType) for field \(field)")
    }

    /// The bytes of `range` as UTF-8 text (invalid sequences become U+FFFD, as Go's JSON does).
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Scalars that may be sent packed in one length-delimited run.
    private static func isPackable(_ type: SchemaType) -> Bool {
        switch type {
        case .integer, .boolean, .number: return true
        default: return false
        }
    }

    /// Whether `value` is the zero value a Go `omitempty` field leaves out of JSON.
    static func isZero(_ value: JSONValue, _ type: SchemaType) -> Bool {
        switch (type, value) {
        case (.string, .string(let s)): return s.isEmpty
        case (.integer, .number(let n)), (.number, .number(let n)): return n == "0"
        case (.boolean, .bool(let b)): return !b
        default: return false
        }
    }

    /// What Go marshals for a map value that is absent from its entry.
    static func zeroValue(_ type: SchemaType) -> JSONValue {
        switch type {
        case .string: return .string("")
        case .integer, .number, .intOrString: return .int(0)
        case .boolean: return .bool(false)
        case .quantity: return .string("0")
        case .ref: return .object(JSONObject())
        case .array: return .array([])
        case .map: return .object(JSONObject())
        case .any: return .null
        }
    }
}

/// Lists and maps being built while a message is read: repeated fields arrive one element at a
/// time, so they are collected here and stored once, keeping the position of their first element.
private struct Collections {
    private var lists: [String: [JSONValue]] = [:]
    private var maps: [String: JSONObject] = [:]

    mutating func append(_ item: JSONValue, field: String, in object: inout JSONObject) {
        if lists[field] == nil {
            lists[field] = object[field]?.arrayValue ?? []
            if object[field] == nil { object[field] = .null }
        }
        lists[field]?.append(item)
    }

    mutating func insert(_ key: String, _ item: JSONValue, field: String, in object: inout JSONObject) {
        if maps[field] == nil {
            maps[field] = object[field]?.objectValue ?? JSONObject()
            if object[field] == nil { object[field] = .null }
        }
        maps[field]?[key] = item
    }

    func store(in object: inout JSONObject) {
        for (field, list) in lists { object[field] = .array(list) }
        for (field, map) in maps { object[field] = .object(map) }
    }
}
