import Testing

@testable import KubeAPI

@Suite struct JSONKnownStringsTests {
    /// The address of a string's UTF-8 bytes: equal for two values sharing one copy.
    func storage(_ s: String) -> UnsafeRawPointer? {
        var s = s
        return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    func lookup(_ table: JSONKnownStrings, _ s: String) -> String? {
        Array(s.utf8).withUnsafeBytes { table.string(for: $0) }
    }

    @Test func everyLongFieldNameAndItsManagedFieldsKeyIsKnown() {
        var checked = 0
        for definition in StandardDefinitions.all {
            for field in definition.fields where field.name.utf8.count > JSONKnownStrings.inlineLimit {
                #expect(lookup(.standard, field.name) == field.name)
                #expect(lookup(.standard, "f:" + field.name) == "f:" + field.name)
                checked += 1
            }
        }
        #expect(checked > 100)
        #expect(lookup(.standard, "default-scheduler") == "default-scheduler")
        #expect(lookup(.standard, "PreemptLowerPriority") == "PreemptLowerPriority", "an enum's value")
        #expect(lookup(.standard, #"k:{"type":"Ready"}"#) == #"k:{"type":"Ready"}"#)
    }

    @Test func onlyTheSameBytesMatch() {
        let table = JSONKnownStrings(["terminationMessagePath", "abcdefgh12345678", "short"])
        #expect(table.count == 2, "strings stored inline are left out")
        #expect(lookup(table, "terminationMessagePath") == "terminationMessagePath")
        // The same length and the same first and last eight bytes, another middle.
        #expect(lookup(table, "terminationXessagePath") == nil)
        #expect(lookup(table, "terminationMessagePat") == nil)
        #expect(lookup(table, "terminationMessagePathX") == nil)
        #expect(lookup(table, "abcdefgh12345679") == nil)
        // Many strings in a small table: every one found through its collisions.
        let many = (0..<500).map { "a-long-enough-string-\($0)" }
        let big = JSONKnownStrings(many)
        #expect(many.allSatisfy { lookup(big, $0) == $0 })
        #expect(lookup(big, "a-long-enough-string-500") == nil)
    }

    @Test func entriesThatHashAlikeAreEachFoundAndNoOtherStringIs() {
        // The same length, first eight and last eight bytes: the same hash, told apart by the
        // bytes between.
        let alike = ["abcdefgh-one-12345678", "abcdefgh-two-12345678", "abcdefgh-six-12345678"]
        let table = JSONKnownStrings(alike)
        #expect(alike.allSatisfy { lookup(table, $0) == $0 })
        #expect(lookup(table, "abcdefgh-ten-12345678") == nil)
        // Every byte of strings of 16 to 40 bytes changed in turn: never a match.
        let strings = (16...40).map { String(repeating: "k", count: $0 - 2) + "\($0)" }
        let byLength = JSONKnownStrings(strings)
        for s in strings {
            #expect(lookup(byLength, s) == s)
            for position in 0..<s.utf8.count {
                var bytes = Array(s.utf8)
                bytes[position] ^= 0x01
                #expect(bytes.withUnsafeBytes { byLength.string(for: $0) } == nil, "\(s) changed at \(position)")
            }
        }
    }

    @Test func theParserSharesKnownStringsAndCopiesOthers() throws {
        let text = #"{"terminationMessagePath":"/dev/termination-log","f:a":{"k:{\"type\":\"Ready\"}":{}},"x":"an-unknown-long-value"}"#
        let first = try JSONValue.parse(text)
        let second = try JSONValue.parse(text)
        #expect(first == second)
        #expect(first.jsonString == text)
        func keys(_ v: JSONValue) -> [String] { v.objectValue?.keys ?? [] }
        #expect(storage(keys(first)[0]) == storage(keys(second)[0]))
        #expect(storage(first["terminationMessagePath"]?.stringValue ?? "") == storage(second["terminationMessagePath"]?.stringValue ?? ""))
        // An escaped key is matched by what it decodes to.
        #expect(storage(keys(first["f:a"] ?? .null)[0]) == storage(keys(second["f:a"] ?? .null)[0]))
        #expect(storage(first["x"]?.stringValue ?? "") != storage(second["x"]?.stringValue ?? ""))
    }

    /// Keys a writer builds come out as the parser's shared copies when the table knows them.
    @Test func aBuiltKeyIsTheSharedCopyWhenKnown() throws {
        let parsed = try JSONValue.parse(#"{"f:containerStatuses":{},"k:{\"type\":\"Ready\"}":{},"f:zzzUnknownFieldName":{}}"#)
        let keys = parsed.objectValue?.keys ?? []
        let status = JSONValue.sharedString(prefix: "f:", "containerStatuses")
        let ready = JSONValue.sharedString(prefix: "k:", JSONValue.object(JSONObject([("type", "Ready")])).serialized())
        let unknown = JSONValue.sharedString(prefix: "f:", "zzzUnknownFieldName")
        #expect([status, ready, unknown] == keys)
        #expect(storage(status) == storage(keys[0]) && storage(ready) == storage(keys[1]))
        #expect(storage(unknown) != storage(keys[2]))
        #expect(JSONValue.sharedString(prefix: "f:", "name") == "f:name")
        #expect(JSONValue.sharedString(prefix: "v:", [UInt8]()) == "v:")
    }
}
