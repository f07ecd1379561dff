import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Kubernetes protobuf bodies: malformed input")
struct KubeProtobufMalformedTests {
    /// Decodes `body` and returns the error, which must be a 400.
    func failure(_ body: [UInt8], schema: SchemaRegistry = .standard) -> APIError? {
        do {
            _ = try KubeProtobuf.decode(body, schema: schema)
            return nil
        } catch {
            return error
        }
    }

    func namespace(_ build: (inout ProtoWriter) -> Void) -> [UInt8] { ProtoWriter.body("v1", "Namespace", build) }

    @Test("bad or missing magic")
    func badMagic() {
        #expect(failure([])?.code == 400)
        #expect(failure([0x6B, 0x38, 0x73])?.code == 400)
        #expect(failure(Array(#"{"kind":"Namespace"}"#.utf8))?.code == 400)
        var body = namespace { _ in }
        body[3] = 1
        #expect(failure(body)?.code == 400)
    }

    @Test("the magic alone has no kind")
    func magicOnly() {
        #expect(failure(KubeProtobuf.magic)?.message.contains("Kind") == true)
    }

    @Test("every truncation of a real body is rejected or decoded, never a crash")
    func truncations() {
        let body = ProtoWriter.body("apps/v1", "Deployment") { o in
            o.goObjectMeta(1, name: "web", labels: [("app", "web")])
            o.message(2) { spec in
                spec.int(1, -1)
                spec.message(3, KubeProtobufWorkloadTests.podTemplate)
            }
        }
        for length in 0..<body.count {
            let prefix = Array(body[0..<length])
            if let error = failure(prefix) { #expect(error.code == 400) }
        }
    }

    @Test("a varint longer than ten bytes")
    func longVarint() {
        var raw = ProtoWriter()
        raw.key(1, 2)
        raw.raw([UInt8](repeating: 0xFF, count: 11) + [0x01])
        let body = ProtoWriter.envelope("v1", "Namespace", raw: raw.bytes)
        #expect(failure(body)?.code == 400)
    }

    @Test("a truncated varint at the end")
    func truncatedVarint() {
        let body = namespace { o in o.raw([0x08, 0x80]) }
        #expect(failure(body)?.code == 400)
    }

    @Test("a length running past the end of its message")
    func lengthPastEnd() {
        let body = namespace { o in
            o.key(1, 2)
            o.varint(0x7FFF_FFFF_FFFF)
            o.raw([0x0A, 0x01])
        }
        #expect(failure(body)?.code == 400)
        let inner = namespace { o in o.bytes(1, [0x0A, 0x05, 0x61]) }
        #expect(failure(inner)?.code == 400)
    }

    @Test("field number 0 and group wire types")
    func illegalKeys() {
        #expect(failure(namespace { o in o.raw([0x02, 0x00]) })?.code == 400)
        #expect(failure(namespace { o in o.raw([0x0B, 0x0C]) })?.code == 400)
        #expect(failure(namespace { o in o.raw([0x0E]) })?.code == 400)
    }

    @Test("a wire type that does not match the field's type")
    func wrongWireType() {
        let stringAsVarint = namespace { o in o.message(1) { m in m.int(1, 5) } }
        #expect(failure(stringAsVarint)?.message.contains("wire type") == true)
        let messageAsFixed = namespace { o in o.fixed32(1, 5) }
        #expect(failure(messageAsFixed)?.code == 400)
        let intAsString = ProtoWriter.body("apps/v1", "Deployment") { o in o.message(2) { s in s.string(1, "3") } }
        #expect(failure(intAsString)?.code == 400)
    }

    @Test("nesting deeper than 100 messages is rejected without deep recursion")
    func deepNesting() {
        // A schema in which LabelSelector.matchLabels refers to LabelSelector again.
        let selector = "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"
        var definitions = Array(SchemaRegistry.standard.definitions.values)
        definitions.append(TypeDefinition(selector, fields: [FieldSchema("matchLabels", .ref(selector))]))
        let schema = SchemaRegistry(definitions)
        var nested = ProtoWriter()
        for _ in 0..<150 {
            var outer = ProtoWriter()
            outer.bytes(1, nested.bytes)
            nested = outer
        }
        let body = ProtoWriter.body("apps/v1", "Deployment") { o in o.message(2) { s in s.bytes(2, nested.bytes) } }
        #expect(failure(body, schema: schema)?.message.contains("nested") == true)

        var shallow = ProtoWriter()
        for _ in 0..<50 {
            var outer = ProtoWriter()
            outer.bytes(1, shallow.bytes)
            shallow = outer
        }
        let ok = ProtoWriter.body("apps/v1", "Deployment") { o in o.message(2) { s in s.bytes(2, shallow.bytes) } }
        #expect(failure(ok, schema: schema) == nil)
    }

    @Test("deeply nested unknown fields are skipped without being parsed")
    func deepUnknown() throws {
        var nested = ProtoWriter()
        for _ in 0..<2_000 {
            var outer = ProtoWriter()
            outer.bytes(1, nested.bytes)
            nested = outer
        }
        let body = namespace { o in o.bytes(50, nested.bytes) }
        #expect(try KubeProtobuf.decode(body) == (try jsonValue(#"{"apiVersion":"v1","kind":"Namespace"}"#)))
    }

    @Test("missing kind or apiVersion, unknown kinds, compressed or foreign embedded content")
    func envelopeProblems() {
        #expect(failure(ProtoWriter.envelope("v1", "", raw: []))?.message.contains("Kind") == true)
        #expect(failure(ProtoWriter.envelope("", "Namespace", raw: []))?.message.contains("apiVersion") == true)
        #expect(failure(ProtoWriter.envelope("v1", "Gadget", raw: []))?.message.contains("Gadget") == true)
        #expect(failure(ProtoWriter.envelope("v1", "Namespace", raw: [], contentEncoding: "gzip"))?.code == 400)
        #expect(failure(ProtoWriter.envelope("v1", "Namespace", raw: [], contentType: "application/yaml"))?.code == 400)
        #expect(
            failure(ProtoWriter.envelope("v1", "Namespace", raw: [0x7B], contentType: "application/json"))?.code == 400)
    }

    @Test("bad values inside well-known types")
    func badWellKnown() {
        let farFuture = namespace { o in o.message(1) { m in m.time(9, seconds: Int64.max) } }
        #expect(failure(farFuture)?.code == 400)
        let farPast = ProtoWriter.body("coordination.k8s.io/v1", "Lease") { o in
            o.message(2) { s in s.time(4, seconds: Int64.min, nanos: -1) }
        }
        #expect(failure(farPast)?.code == 400)
        let badIntOrString = ProtoWriter.body("v1", "Service") { o in
            o.message(2) { s in s.message(1) { p in p.message(4) { v in v.int(1, 7) } } }
        }
        #expect(failure(badIntOrString)?.code == 400)
        let badFields = namespace { o in
            o.message(1) { m in m.message(17) { f in f.message(7) { r in r.string(1, "{not json") } } }
        }
        #expect(failure(badFields)?.code == 400)
    }

    @Test("a negative int32 sent as a ten-byte varint and an int64 at its limits")
    func negativeIntegers() throws {
        let body = ProtoWriter.body("v1", "Pod") { o in
            o.message(1) { m in m.int(10, Int64.min) }
            o.message(2) { s in
                s.int(25, -2_147_483_648)
                s.int(5, Int64.max)
            }
        }
        let decoded = try KubeProtobuf.decode(body)
        #expect(decoded.value(at: ["metadata", "deletionGracePeriodSeconds"]) == .number("-9223372036854775808"))
        #expect(decoded.value(at: ["spec", "priority"]) == .number("-2147483648"))
        #expect(decoded.value(at: ["spec", "activeDeadlineSeconds"]) == .number("9223372036854775807"))
    }
}
