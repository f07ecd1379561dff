import KubeAPI
import Testing

@testable import KubeAPIServer

/// One strategic merge patch case: applying `patch` to `original` gives `expected`.
struct SMPCase: Sendable, CustomTestStringConvertible {
    var name: String
    var root = "test.mergeItem"
    var original: String
    var patch: String
    var expected: String
    var testDescription: String { name }
}

@Suite("Strategic merge patch")
struct StrategicMergePatchTests {
    static let cases: [SMPCase] = [
        SMPCase(name: "add field to map", original: #"{"name":"1"}"#, patch: #"{"value":"1"}"#,
                expected: #"{"name":"1","value":"1"}"#),
        SMPCase(name: "null deletes a field", original: #"{"name":"1","value":"1","other":"a"}"#,
                patch: #"{"name":null,"value":"2"}"#, expected: #"{"value":"2","other":"a"}"#),
        SMPCase(name: "null for a missing field is ignored", original: #"{"name":"1"}"#,
                patch: #"{"value":null}"#, expected: #"{"name":"1"}"#),
        SMPCase(name: "nested map merge", original: #"{"simpleMap":{"key1":"1","key2":"1"}}"#,
                patch: #"{"simpleMap":{"key2":null,"key3":"3"}}"#, expected: #"{"simpleMap":{"key1":"1","key3":"3"}}"#),
        SMPCase(name: "new member with nulls and directives is cleaned", original: #"{}"#,
                patch: #"{"simpleMap":{"a":null,"b":"x"},"mergingList":[{"name":"1","value":null},{"name":"2","$patch":"delete"}]}"#,
                expected: #"{"simpleMap":{"b":"x"},"mergingList":[{"name":"1"}]}"#),
        SMPCase(name: "merge existing element of a keyed list",
                original: #"{"mergingList":[{"name":"1","value":"a"},{"name":"2","value":"b"}]}"#,
                patch: #"{"mergingList":[{"name":"2","value":"c","other":"x"}]}"#,
                expected: #"{"mergingList":[{"name":"1","value":"a"},{"name":"2","value":"c","other":"x"}]}"#),
        SMPCase(name: "new keyed elements come before server-only ones",
                original: #"{"mergingList":[{"name":"1"},{"name":"2"}]}"#,
                patch: #"{"mergingList":[{"name":"3"},{"name":"1","value":"v"}]}"#,
                expected: #"{"mergingList":[{"name":"3"},{"name":"1","value":"v"},{"name":"2"}]}"#),
        SMPCase(name: "delete element by $patch",
                original: #"{"mergingList":[{"name":"1"},{"name":"2","value":"b"},{"name":"3"}]}"#,
                patch: #"{"mergingList":[{"name":"2","$patch":"delete"},{"name":"9","$patch":"delete"}]}"#,
                expected: #"{"mergingList":[{"name":"1"},{"name":"3"}]}"#),
        SMPCase(name: "replace whole keyed list by $patch",
                original: #"{"mergingList":[{"name":"1"},{"name":"2"}]}"#,
                patch: #"{"mergingList":[{"name":"5","value":"x"},{"$patch":"replace"}]}"#,
                expected: #"{"mergingList":[{"name":"5","value":"x"}]}"#),
        SMPCase(name: "$patch merge element is the default",
                original: #"{"mergingList":[{"name":"1"}]}"#,
                patch: #"{"mergingList":[{"$patch":"merge"},{"name":"1","value":"x"}]}"#,
                expected: #"{"mergingList":[{"name":"1","value":"x"}]}"#),
        SMPCase(name: "replace map by $patch", original: #"{"simpleMap":{"a":"1","b":"2"},"name":"n"}"#,
                patch: #"{"simpleMap":{"$patch":"replace","c":"3"}}"#, expected: #"{"simpleMap":{"c":"3"},"name":"n"}"#),
        SMPCase(name: "delete map by $patch", original: #"{"simpleMap":{"a":"1"},"name":"n"}"#,
                patch: #"{"simpleMap":{"$patch":"delete"}}"#, expected: #"{"simpleMap":{},"name":"n"}"#),
        SMPCase(name: "$patch merge on a map merges", original: #"{"simpleMap":{"a":"1"}}"#,
                patch: #"{"simpleMap":{"$patch":"merge","b":"2"}}"#, expected: #"{"simpleMap":{"a":"1","b":"2"}}"#),
        SMPCase(name: "$patch replace at the top level", original: #"{"name":"1","value":"2"}"#,
                patch: #"{"$patch":"replace","other":"3"}"#, expected: #"{"other":"3"}"#),
        SMPCase(name: "set list is a union in patch order", original: #"{"mergingIntList":[1,2,3]}"#,
                patch: #"{"mergingIntList":[4,2]}"#, expected: #"{"mergingIntList":[4,1,2,3]}"#),
        SMPCase(name: "atomic list is replaced", original: #"{"nonMergingIntList":[1,2]}"#,
                patch: #"{"nonMergingIntList":[2,3]}"#, expected: #"{"nonMergingIntList":[2,3]}"#),
        SMPCase(name: "atomic list of maps is replaced",
                original: #"{"nonMergingList":[{"name":"1","value":"a"}]}"#,
                patch: #"{"nonMergingList":[{"name":"1"}]}"#, expected: #"{"nonMergingList":[{"name":"1"}]}"#),
        SMPCase(name: "$deleteFromPrimitiveList removes scalars", original: #"{"mergingIntList":[1,2,3,2]}"#,
                patch: #"{"$deleteFromPrimitiveList/mergingIntList":[2,7]}"#, expected: #"{"mergingIntList":[1,3]}"#),
        SMPCase(name: "$deleteFromPrimitiveList works on atomic lists", original: #"{"nonMergingIntList":[1,2,3]}"#,
                patch: #"{"$deleteFromPrimitiveList/nonMergingIntList":[2]}"#, expected: #"{"nonMergingIntList":[1,3]}"#),
        SMPCase(name: "$deleteFromPrimitiveList on a missing list adds nothing", original: #"{"name":"1"}"#,
                patch: #"{"$deleteFromPrimitiveList/mergingIntList":[2]}"#, expected: #"{"name":"1"}"#),
        SMPCase(name: "delete and reorder scalars", original: #"{"mergingIntList":[1,2,3,4]}"#,
                patch: #"{"$setElementOrder/mergingIntList":[1,2],"$deleteFromPrimitiveList/mergingIntList":[3]}"#,
                expected: #"{"mergingIntList":[1,2,4]}"#),
        SMPCase(name: "setElementOrder adds items in place",
                original: #"{"mergingList":[{"name":"1","other":"a"},{"name":"2","value":"2","other":"b"}]}"#,
                patch: #"{"$setElementOrder/mergingList":[{"name":"1"},{"name":"4"},{"name":"2"},{"name":"3"}],"mergingList":[{"name":"4","value":"4"},{"name":"3","value":"3"}]}"#,
                expected: #"{"mergingList":[{"name":"1","other":"a"},{"name":"4","value":"4"},{"name":"2","value":"2","other":"b"},{"name":"3","value":"3"}]}"#),
        SMPCase(name: "setElementOrder with server-only items",
                original: #"{"mergingList":[{"name":"1","other":"a"},{"name":"3","value":"3"},{"name":"4","value":"4"},{"name":"2","value":"2"},{"name":"9"}]}"#,
                patch: #"{"$setElementOrder/mergingList":[{"name":"4"},{"name":"2"},{"name":"3"},{"name":"1"}]}"#,
                expected: #"{"mergingList":[{"name":"4","value":"4"},{"name":"2","value":"2"},{"name":"3","value":"3"},{"name":"1","other":"a"},{"name":"9"}]}"#),
        SMPCase(name: "setElementOrder with server-only items 2",
                original: #"{"mergingList":[{"name":"1","other":"a"},{"name":"2","value":"2"},{"name":"9"},{"name":"3","value":"3"},{"name":"4","value":"4"}]}"#,
                patch: #"{"$setElementOrder/mergingList":[{"name":"2"},{"name":"1"},{"name":"4"},{"name":"3"}]}"#,
                expected: #"{"mergingList":[{"name":"2","value":"2"},{"name":"1","other":"a"},{"name":"9"},{"name":"4","value":"4"},{"name":"3","value":"3"}]}"#),
        SMPCase(name: "setElementOrder with server-only items 3",
                original: #"{"mergingList":[{"name":"1","other":"a"},{"name":"2","value":"2"},{"name":"7"},{"name":"9"},{"name":"8"},{"name":"3","value":"3"},{"name":"4","value":"4"}]}"#,
                patch: #"{"$setElementOrder/mergingList":[{"name":"2"},{"name":"1"},{"name":"4"},{"name":"3"}]}"#,
                expected: #"{"mergingList":[{"name":"2","value":"2"},{"name":"1","other":"a"},{"name":"7"},{"name":"9"},{"name":"8"},{"name":"4","value":"4"},{"name":"3","value":"3"}]}"#),
        SMPCase(name: "setElementOrder with deletion",
                original: #"{"mergingList":[{"name":"1","other":"a"},{"name":"2","value":"2","other":"b"},{"name":"3","value":"3"}]}"#,
                patch: #"{"$setElementOrder/mergingList":[{"name":"2"},{"name":"1"}],"mergingList":[{"name":"3","$patch":"delete"}]}"#,
                expected: #"{"mergingList":[{"name":"2","value":"2","other":"b"},{"name":"1","other":"a"}]}"#),
        SMPCase(name: "setElementOrder for a list only the patch has", original: #"{}"#,
                patch: #"{"$setElementOrder/mergingList":[{"name":"b"},{"name":"a"}],"mergingList":[{"name":"b","value":"1"},{"name":"a","$patch":"delete"}]}"#,
                expected: #"{"mergingList":[{"name":"b","value":"1"}]}"#),
        SMPCase(name: "retainKeys on a map clears unlisted fields", original: #"{"retainKeysMap":{"value":"foo"}}"#,
                patch: #"{"retainKeysMap":{"$retainKeys":["other"],"other":"bar"}}"#,
                expected: #"{"retainKeysMap":{"other":"bar"}}"#),
        SMPCase(name: "retainKeys inside a keyed list element",
                original: #"{"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a","other":"x"}]}"#,
                patch: #"{"$setElementOrder/retainKeysMergingList":[{"name":"bar"},{"name":"foo"}],"retainKeysMergingList":[{"$retainKeys":["name","value"],"name":"foo"}]}"#,
                expected: #"{"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]}"#),
        SMPCase(name: "type change replaces the value", original: #"{"name":{"a":1},"value":"x"}"#,
                patch: #"{"name":"plain","value":{"b":null,"c":2}}"#, expected: #"{"name":"plain","value":{"c":2}}"#),
        SMPCase(name: "unknown fields merge like a JSON merge patch", root: "test.Pod",
                original: #"{"spec":{"extra":{"a":1,"b":[1,2]},"containers":[]}}"#,
                patch: #"{"spec":{"extra":{"a":null,"b":[3],"c":{"d":1}}}}"#,
                expected: #"{"spec":{"extra":{"b":[3],"c":{"d":1}},"containers":[]}}"#),
        SMPCase(name: "containers, ports and env merge by their keys", root: "test.Pod",
                original: #"{"spec":{"containers":[{"name":"a","image":"x:1","ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"1"}]},{"name":"b","image":"y"}]}}"#,
                patch: #"{"spec":{"containers":[{"name":"a","image":"x:2","ports":[{"containerPort":443}],"env":[{"name":"A","value":"2"},{"name":"B","value":"3"}]}]}}"#,
                expected: #"{"spec":{"containers":[{"name":"a","image":"x:2","ports":[{"containerPort":443},{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"2"},{"name":"B","value":"3"}]},{"name":"b","image":"y"}]}}"#),
        SMPCase(name: "merge keys compare numbers by value", root: "test.Pod",
                original: #"{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}"#,
                patch: #"{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80.0,"name":"web"}]}]}}"#,
                expected: #"{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80.0,"name":"web"}]}]}}"#),
        SMPCase(name: "tolerations are atomic, labels merge", root: "test.Pod",
                original: #"{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"tolerations":[{"key":"k1"},{"key":"k2"}]}}"#,
                patch: #"{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"tolerations":[{"key":"k3"}]}}"#,
                expected: #"{"metadata":{"labels":{"b":"2","c":"3"}},"spec":{"tolerations":[{"key":"k3"}]}}"#),
        SMPCase(name: "finalizers merge as a set", root: "test.Pod",
                original: #"{"metadata":{"finalizers":["a","b"]}}"#,
                patch: #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c"]}}"#,
                expected: #"{"metadata":{"finalizers":["c","b"]}}"#),
        SMPCase(name: "volumes keep retainKeys semantics", root: "test.Pod",
                original: #"{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}"#,
                patch: #"{"spec":{"volumes":[{"$retainKeys":["hostPath","name"],"name":"v","hostPath":{"path":"/x"}}]}}"#,
                expected: #"{"spec":{"volumes":[{"name":"v","hostPath":{"path":"/x"}}]}}"#),
        SMPCase(name: "empty patch changes nothing", original: #"{"name":"1","mergingList":[{"name":"a"}]}"#,
                patch: #"{}"#, expected: #"{"name":"1","mergingList":[{"name":"a"}]}"#),
    ]

    @Test(arguments: cases)
    func applies(_ c: SMPCase) throws {
        let result = try StrategicMergePatch.apply(
            try patchJSON(c.patch), to: try patchJSON(c.original), schema: PatchTestSchemas.registry, root: c.root)
        #expect(result == (try patchJSON(c.expected)), "\(result.jsonString)")
    }

    @Test func keepsOriginalKeyOrderAndAppendsNewKeys() throws {
        let result = try StrategicMergePatch.apply(
            try patchJSON(#"{"value":"2","name":"n","other":"o"}"#), to: try patchJSON(#"{"name":"1","value":"1"}"#),
            schema: PatchTestSchemas.registry, root: "test.mergeItem")
        #expect(result.jsonString == #"{"name":"n","value":"2","other":"o"}"#)
    }

    @Test func cleansNewValuesAndKeepsCleanOnesAsTheyAre() throws {
        let engine = StrategicMergeEngine(registry: PatchTestSchemas.registry)
        let clean = try patchJSON(#"{"a":{"b":[{"name":"1","v":[1,2]},"x"],"c":true},"d":[{"e":"f"}]}"#)
        let kept = try #require(engine.clean(clean))
        #expect(kept == clean)
        #expect(kept.objectValue?.sharesMembers(with: clean.objectValue ?? JSONObject()) == true)
        let dirty = try patchJSON(
            #"{"a":{"b":[{"name":"1","v":null},{"$patch":"replace","name":"2"},"x"],"c":null},"$retainKeys":["a"],"d":[{"e":"f"}],"g":{"$patch":"delete"}}"#)
        #expect(engine.clean(dirty)?.jsonString == #"{"a":{"b":[{"name":"1"},"x"]},"d":[{"e":"f"}]}"#)
        #expect(engine.clean(try patchJSON(#"{"$patch":"delete","a":1}"#)) == nil)
        #expect(engine.clean(try patchJSON(#"{"$patch":"replace","a":1}"#))?.jsonString == #"{"a":1}"#)
        #expect(engine.clean(try patchJSON(#"{"$patch":"replace","a":1}"#), inList: true) == nil)
        #expect(engine.clean(.null) == .null)
    }

    /// Long lists find their elements through a table, short ones by a scan: both merge and
    /// order alike (patch elements in patch order, each server-only element before a patch
    /// element it preceded on the server, repeated keys found at their first place).
    // The original list holds `count + 1` elements: 12, exactly the scan limit, one past it, 41.
    @Test(arguments: [11, ElementPositions.scanLimit - 1, ElementPositions.scanLimit, 40])
    func longAndShortKeyedListsMergeAlike(_ count: Int) throws {
        let late = count - 4
        let original: [JSONValue] = (0..<count).map { ["name": .string("e\($0)"), "value": "old"] }
            + [["name": "e3", "value": "repeat"]]
        let patch: [JSONValue] = [
            ["name": .string("e\(late)"), "value": "new"], ["name": "e3", "value": "new"], ["name": "added"],
        ]
        let result = try StrategicMergePatch.apply(
            ["mergingList": .array(patch)], to: ["mergingList": .array(original)], schema: PatchTestSchemas.registry,
            root: "test.mergeItem")
        let names = result["mergingList"]?.arrayValue?.map { $0["name"]?.stringValue ?? "?" } ?? []
        // The repeated e3 shares the merged one's key, so it is ordered as a patch element too.
        let expected = (0..<late).filter { $0 != 3 }.map { "e\($0)" } + ["e\(late)", "e3", "e3", "added"]
            + (late + 1..<count).map { "e\($0)" }
        #expect(names == expected)
        let values = result["mergingList"]?.arrayValue?.map { $0["value"]?.stringValue ?? "-" } ?? []
        #expect(Array(values[(late - 1)..<(late + 3)]) == ["new", "new", "repeat", "-"], "\(values)")
    }

    @Test func acceptsNullOriginalAsEmpty() throws {
        let result = try StrategicMergePatch.apply(
            try patchJSON(#"{"name":"x"}"#), to: .null, schema: PatchTestSchemas.registry, root: "test.mergeItem")
        #expect(result == ["name": "x"])
    }
}
