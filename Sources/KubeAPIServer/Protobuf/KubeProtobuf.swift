import KubeAPI

/// Kubernetes' protobuf wire format for request bodies (`application/vnd.kubernetes.protobuf`),
/// decoded into the JSON the same object would have been sent as, so that the rest of the server
/// only ever sees JSON.
///
/// A body is the four bytes `k8s\0` followed by a `runtime.Unknown` message: field 1 the
/// `TypeMeta` (`apiVersion`, `kind`), field 2 the object's own message, fields 3 and 4 its content
/// encoding and content type (both empty for plain protobuf).
public enum KubeProtobuf {
    /// The protobuf media type clients send in `Content-Type`.
    public static let mediaType = "application/vnd.kubernetes.protobuf"

    /// The prefix of every body: `k8s` and a zero byte.
    public static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// Non-resource kinds that arrive as request bodies, by kind: options and subresource bodies.
    static let nonResourceKinds: [String: String] = [
        "DeleteOptions": "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
        "Binding": "io.k8s.api.core.v1.Binding",
        "Scale": "io.k8s.api.autoscaling.v1.Scale",
    ]

    /// True when a `Content-Type` header value names the protobuf media type (parameters such as
    /// `; charset=` are ignored).
    /// Compared byte by byte, ASCII case folded, with no copy: every request with a body asks.
    public static func isProtobuf(contentType: String) -> Bool {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var essence = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }[...]
        while let b = essence.first, isSpace(b) { essence = essence.dropFirst() }
        while let b = essence.last, isSpace(b) { essence = essence.dropLast() }
        return essence.elementsEqual(mediaType.utf8) { b, expected in
            (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == expected
        }
    }

    /// Decodes a protobuf request body into JSON: an object starting with `apiVersion` and `kind`
    /// from the envelope, then the fields present on the wire in wire order.
    ///
    /// Fields the schema does not model and unknown field numbers are skipped. Throws
    /// `APIError.badRequest` when the magic is missing, the message is malformed (truncated
    /// varints, lengths past the end, wrong wire types, nesting deeper than 100 levels), the kind is
    /// missing or unknown, or the content encoding is not plain.
    public static func decode(_ body: [UInt8], schema: SchemaRegistry = .standard) throws(APIError) -> JSONValue {
        guard body.count >= magic.count, Array(body[0..<magic.count]) == magic else {
            throw .badRequest("the request body is not Kubernetes protobuf: it does not start with \"k8s\\0\"")
        }
        let envelope = try Envelope(body, from: magic.count)
        guard !envelope.kind.isEmpty else {
            throw .badRequest("Object 'Kind' is missing in the protobuf request body")
        }
        guard !envelope.apiVersion.isEmpty else {
            throw .badRequest("Object 'apiVersion' is missing in the protobuf request body")
        }
        guard envelope.contentEncoding.isEmpty else {
            throw .badRequest("unsupported protobuf content encoding \"\(envelope.contentEncoding)\"")
        }
        let raw = envelope.raw ?? body.count..<body.count
        if !envelope.contentType.isEmpty, !isProtobuf(contentType: envelope.contentType) {
            guard envelope.contentType.lowercased().hasPrefix("application/json") else {
                throw .badRequest("unsupported embedded content type \"\(envelope.contentType)\"")
            }
            do {
                return try JSONValue.parse(body[raw])
            } catch {
                throw .badRequest("the embedded JSON object is not valid: \(error)")
            }
        }
        guard let definition = definitionName(apiVersion: envelope.apiVersion, kind: envelope.kind, schema: schema)
        else {
            throw .badRequest("no kind \"\(envelope.kind)\" is registered for version \"\(envelope.apiVersion)\"")
        }
        var object = JSONObject()
        object["apiVersion"] = .string(envelope.apiVersion)
        object["kind"] = .string(envelope.kind)
        let decoder = ProtobufJSONDecoder(bytes: body, schema: schema)
        try decoder.fill(&object, from: raw, definition: definition, depth: 1)
        return .object(object)
    }

    /// The schema definition of `kind` in `apiVersion`: the served resource's definition, a known
    /// non-resource body (DeleteOptions, Binding, Scale), or any definition declaring that kind.
    public static func definitionName(apiVersion: String, kind: String, schema: SchemaRegistry = .standard)
        -> String?
    {
        if let resource = ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind) {
            return resource.definition
        }
        if let name = nonResourceKinds[kind] {
            return name
        }
        return schema.definitions.values
            .filter { $0.groupVersionKinds.contains { $0.apiVersion == apiVersion && $0.kind == kind } }
            .map(\.name).min()
    }
}

/// The `runtime.Unknown` envelope of a protobuf body.
private struct Envelope {
    var apiVersion = ""
    var kind = ""
    var raw: Range<Int>?
    var contentEncoding = ""
    var contentType = ""

    init(_ body: [UInt8], from start: Int) throws(APIError) {
        var reader = ProtobufReader(body, start..<body.count)
        while !reader.isAtEnd {
            let (number, value) = try reader.readField()
            switch number {
            case 1:
                var meta = ProtobufReader(body, try Self.bytes(value, "typeMeta"))
                while !meta.isAtEnd {
                    let (inner, field) = try meta.readField()
                    if inner == 1 { apiVersion = Self.text(body, try Self.bytes(field, "apiVersion")) }
                    if inner == 2 { kind = Self.text(body, try Self.bytes(field, "kind")) }
                }
            case 2: raw = try Self.bytes(value, "raw")
            case 3: contentEncoding = Self.text(body, try Self.bytes(value, "contentEncoding"))
            case 4: contentType = Self.text(body, try Self.bytes(value, "contentType"))
            default: continue
            }
        }
    }

    private static func bytes(_ value: ProtobufWireValue, _ field: String) throws(APIError) -> Range<Int> {
        guard let range = value.range else {
            throw ProtobufReader.malformed("wrong wire type \(value.wireType) for field \(field)")
        }
        return range
    }

    private static func text(_ body: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: body[range], as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
