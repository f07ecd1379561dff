import Foundation
import KubeAPI
import Testing

@Suite struct JSONValueTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"},"n":-1.5e3}"#,
        #"[]"#, #"{}"#, #""plain""#, #"0"#, #"-0.0"#, #"1E+2"#,
        #"{"z":1,"a":2,"m":3}"#,
    ])
    func roundTripKeepsTextAndKeyOrder(_ text: String) throws {
        let v = try JSONValue.parse(text)
        #expect(v.jsonString == text)
    }

    @Test func escapesAreDecodedAndWrittenAsGoDoes() throws {
        let v = try JSONValue.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00<&>""#)
        #expect(v.stringValue == "a\"b\\c/d\n\té😀<&>")
        #expect(v.jsonString == #""a\"b\\c/d\n\té😀\u003c\u0026\u003e""#)
    }

    @Test func duplicateKeysKeepTheLastValueOnce() throws {
        let v = try JSONValue.parse(#"{"a":1,"a":2}"#)
        #expect(v.objectValue?.count == 1 && v["a"]?.intValue == 2)
        // At its first position, and per object: an inner object's keys are its own.
        let nested = try JSONValue.parse(#"{"a":1,"b":{"a":3,"c":[{"a":4},{"a":5,"a":6}]},"a":2,"d":[]}"#)
        #expect(nested.objectValue?.keys == ["a", "b", "d"])
        #expect(nested.serialized() == Array(#"{"a":2,"b":{"a":3,"c":[{"a":4},{"a":6}]},"d":[]}"#.utf8))
    }

    @Test func keysAreRepeatsWhenCanonicallyEquivalent() throws {
        // "é" precomposed and as "e" with a combining accent: one key, as `JSONObject` compares.
        let v = try JSONValue.parse("{\"\u{E9}\":1,\"e\u{301}\":2,\"ex\":3,\"fx\":4}")
        #expect(v.objectValue?.count == 3)
        #expect(v["\u{E9}"] == 2 && v["ex"] == 3 && v["fx"] == 4)
        let filtered = try JSONValue.parse(
            Array(#"{"metadata":{"a":1},"x":0,"metadata":{"b":2}}"#.utf8), keeping: JSONKeyFilter(paths: [["metadata"]]))
        #expect(filtered == ["metadata": ["b": 2]])
    }

    @Test func aControlCharacterIsReportedWhereItIs() {
        for offset in 0..<20 {
            let plain = "\"" + String(repeating: "a", count: offset) + "\u{01}\""
            let escaped = "\"\\n" + String(repeating: "a", count: offset) + "\u{01}\""
            for (text, at) in [(plain, offset + 1), (escaped, offset + 3)] {
                do {
                    _ = try JSONValue.parse(text)
                    Issue.record("\(text.debugDescription) parsed")
                } catch {
                    #expect(error.offset == at, "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func manyMembersAndItemsAtManyLevelsComeOutInOrder() throws {
        // More than the parser stack's first room (1 KiB of members, 1 KiB of items), across levels that stay open.
        let inner = (0..<100).map { "\"k\($0)\":[\($0),{\"x\":\($0)}]" }.joined(separator: ",")
        let text = "{\"outer\":{\(inner)},\"list\":[" + (0..<150).map(String.init).joined(separator: ",") + "]}"
        let v = try JSONValue.parse(text)
        #expect(v["outer"]?.objectValue?.count == 100)
        #expect(v["outer"]?["k99"]?[1]?["x"]?.intValue == 99)
        #expect(v["list"]?.arrayValue?.map { $0.intValue ?? -1 } == Array(0..<150))
        #expect(v.serialized() == Array(text.utf8))
    }

    @Test func anErrorDeepInsideOpenLevelsIsReportedAndTheNextParseIsWhole() throws {
        let broken = #"{"a":[1,2,{"b":"c","d":[true,"#
        #expect(throws: JSONParseError.self) { try JSONValue.parse(broken) }
        #expect(try JSONValue.parse(#"{"a":[1,2,{"b":"c"}]}"#)["a"]?[2]?["b"] == "c")
    }

    @Test(arguments: [
        "", "{", "}", "[1,]", "{\"a\"}", "{\"a\":}", "{a:1}", "nul", "tru", "01", "1.", "-", "1e", "\"abc",
        "\"\u{01}\"", "\"\\x\"", "\"\\u12\"", "[1 2]", "{} {}", "[" + String(repeating: "[", count: 600) + "]",
    ])
    func malformedInputThrowsWithAnOffset(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func pathAccessAndMutation() throws {
        var v: JSONValue = ["metadata": ["name": "x", "labels": ["a": "b"]]]
        #expect(v.name == "x" && v.labels == ["a": "b"])
        v.set("y", at: ["metadata", "namespace"])
        v.set(nil, at: ["metadata", "labels"])
        v.set(3, at: ["spec", "replicas"])
        #expect(v.namespace == "y" && v.labels.isEmpty)
        #expect(v["spec"]?["replicas"]?.intValue == 3)
        #expect(v.jsonString == #"{"metadata":{"name":"x","namespace":"y"},"spec":{"replicas":3}}"#)
    }

    @Test func objectEqualityIgnoresKeyOrder() throws {
        #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) == JSONValue.parse(#"{"b":2,"a":1}"#))
        #expect(try JSONValue.parse(#"{"a":1}"#) != JSONValue.parse(#"{"a":1,"b":2}"#))
    }
}

@Suite struct TimestampTests {
    @Test func formatsAndParsesRFC3339() throws {
        #expect(Timestamp.format(epochSeconds: 0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.format(epochSeconds: 1_795_000_000) == "2026-11-18T11:06:40Z")
        #expect(Timestamp.format(epochSeconds: -1) == "1969-12-31T23:59:59Z")
        let d = try #require(Timestamp.parse("2026-11-18T11:06:40Z"))
        #expect(d.timeIntervalSince1970 == 1_795_000_000)
        let offset = try #require(Timestamp.parse("2026-11-18T13:06:40.5+02:00"))
        #expect(offset.timeIntervalSince1970 == 1_795_000_000.5)
        for bad in ["", "2026-11-18", "2026-13-18T00:00:00Z", "2026-11-18T00:00:00", "2026-11-18T00:00:00.Z", "2026-11-18T00:00:00+0200"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct PartialParseTests {
    @Test func keepsOnlyTheNamedPathsAndMatchesAFullParse() throws {
        let text = #"{"kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},"spec":{"nodeName":"n1","containers":[{"name":"c","args":["}","]","\"{"]}]},"status":{"phase":"Running","conditions":[{"type":"Ready"}]}}"#
        let bytes = Array(text.utf8)
        let filter = JSONKeyFilter(paths: [["metadata"], ["spec", "nodeName"], ["status", "phase"]])
        let partial = try JSONValue.parse(bytes, keeping: filter)
        let full = try JSONValue.parse(bytes)
        #expect(partial["metadata"] == full["metadata"])
        #expect(partial["spec"]?["nodeName"] == "n1" && partial["spec"]?["containers"] == nil)
        #expect(partial["status"]?["phase"] == "Running" && partial["status"]?["conditions"] == nil)
        #expect(partial["kind"] == nil)
    }

    @Test func omittingSkipsOnlyTheNamedPaths() throws {
        let text = #"{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p","managedFields":[{"manager":"m","fieldsV1":{"f:spec":{}}}],"labels":{"a":"b"}},"spec":{"nodeName":"n1"}},"managedFields":1}"#
        let bytes = Array(text.utf8)
        let partial = try JSONValue.parse(bytes, keeping: JSONKeyFilter(omitting: [["object", "metadata", "managedFields"]]))
        var expected = try JSONValue.parse(bytes)
        expected["object"]?["metadata"]?["managedFields"] = nil
        #expect(partial == expected)
        #expect(partial["managedFields"] == 1, "a key of the same name elsewhere is kept")
        #expect(try JSONValue.parse(bytes, keeping: JSONKeyFilter(omitting: [])) == JSONValue.parse(bytes))
    }

    @Test func aPathThroughAListAppliesToEveryItem() throws {
        let text = #"{"kind":"PodList","items":[{"metadata":{"name":"a","managedFields":[{"manager":"m"}]}},{"metadata":{"name":"b"}},7,[{"metadata":{"managedFields":1}}]]}"#
        let bytes = Array(text.utf8)
        let partial = try JSONValue.parse(bytes, keeping: JSONKeyFilter(omitting: [["items", "metadata", "managedFields"]]))
        let expected = try JSONValue.parse(
            Array(#"{"kind":"PodList","items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}},7,[{"metadata":{}}]]}"#.utf8))
        #expect(partial == expected)
        let kept = try JSONValue.parse(bytes, keeping: JSONKeyFilter(paths: [["items", "metadata", "name"]]))
        #expect(kept["items"]?.arrayValue?.map { $0["metadata"]?["name"]?.stringValue } == ["a", "b", nil, nil])
        #expect(kept["kind"] == nil)
    }

    @Test func filteringAParsedValueKeepsWhatParsingWithTheFilterKeeps() throws {
        let text = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"},"managedFields":[{"m":1}]},"spec":{"nodeName":"n","volumes":[{"name":"v"}],"containers":[{"name":"c","image":"i","env":[{"name":"E"}]},{"name":"d","image":"j"}]},"status":{"phase":"Running","podIP":"10.0.0.1"}}"#
        let bytes = Array(text.utf8)
        let filters: [JSONKeyFilter] = [
            .whole, .withoutManagedFields, .keys(["kind", "status"]),
            .object(["metadata": .keys(["name"]), "spec": .object(["volumes": .skipped, "containers": .keys(["name"])], keepingOthers: true)]),
            .object(["status": .object(["podIP": .skipped], keepingOthers: true)], keepingOthers: true),
        ]
        for filter in filters {
            #expect(try JSONValue.parse(bytes, keeping: filter) == JSONValue.parse(bytes).filtered(by: filter))
        }
        let picked = try JSONValue.parse(bytes).filtered(by: filters[3])
        #expect(picked == ["metadata": ["name": "p"], "spec": ["nodeName": "n", "containers": [["name": "c"], ["name": "d"]]]])
        #expect(try JSONValue.parse(bytes).filtered(by: .withoutManagedFields)["metadata"] == ["name": "p", "labels": ["a": "b"]])
    }

    @Test(arguments: [#"{"items":[{"metadata":{}},"#, #"{"items":[1 2]}"#, #"{"items":["#])
    func truncatedListsThrowWhenOmitting(_ text: String) {
        let filter = JSONKeyFilter(omitting: [["items", "metadata", "managedFields"]])
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8), keeping: filter) }
    }

    @Test(arguments: [#"{"object":{"metadata":{"managedFields":[1,"#, #"{"object":{"metadata":{"managedFields":{}"#, #"{"object":"#])
    func truncatedInputThrowsWhenOmitting(_ text: String) {
        let filter = JSONKeyFilter(omitting: [["object", "metadata", "managedFields"]])
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8), keeping: filter) }
    }

    @Test(arguments: [#"{"a":"#, #"{"a":[1,2"#, #"{"a":"x"#, #"{"metadata":{"#, #"{"x":{"y":[}"#])
    func truncatedInputThrows(_ text: String) {
        let filter = JSONKeyFilter(paths: [["metadata"]])
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8), keeping: filter) }
    }

    @Test func deepSkippedValuesAreBounded() {
        let deep = #"{"x":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(deep.utf8), keeping: JSONKeyFilter(paths: [["metadata"]])) }
    }
}

@Suite struct JSONWriterTests {
    @Test func everyByteBelowSpaceAndEachSpecialIsEscapedAsGoEscapesIt() {
        var expected = "\""
        var text = ""
        for b in 0..<0x20 {
            text.unicodeScalars.append(Unicode.Scalar(UInt8(b)))
            switch b {
            case 0x0A: expected += "\\n"
            case 0x0D: expected += "\\r"
            case 0x09: expected += "\\t"
            default: expected += String(format: "\\u%04x", b)
            }
        }
        text += "\"\\<>&/é"
        expected += "\\\"\\\\\\u003c\\u003e\\u0026/é\""
        #expect(JSONValue.string(text).jsonString == expected)
    }

    @Test func documentsLargerThanTheFirstBufferComeOutWhole() throws {
        // Members of every kind, well past the writer's first 1 KiB, strings past 8-byte words.
        var object = JSONObject()
        for i in 0..<400 {
            object["key-\(i)"] = i % 4 == 0 ? .string(String(repeating: "v\(i)<", count: i % 13)) : i % 4 == 1 ? .int(Int64(i)) : i % 4 == 2 ? [.bool(true), .null, "x"] : ["n": .number("1.5e3")]
        }
        let value = JSONValue.object(object)
        let bytes = value.serialized()
        #expect(bytes.count > 8 * 1024)
        #expect(try JSONValue.parse(bytes) == value)
        #expect(bytes.first == UInt8(ascii: "{") && bytes.last == UInt8(ascii: "}"))
    }

    @Test func writingAppendsAfterWhatIsThere() {
        var out = Array("prefix:".utf8)
        JSONValue.array(["a", 1, .null, .bool(false)]).write(to: &out)
        JSONValue.writeString("<q>", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix:["a",1,null,false]"\u003cq\u003e""#)
    }
}
