import KubeAPI
import Testing

@testable import KubeAPIServer

/// One malformed strategic merge patch and the error it must produce.
struct SMPErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var original = #"{"name":"1","mergingList":[{"name":"a"}],"mergingIntList":[1],"simpleMap":{"a":"b"}}"#
    var patch: String
    var code = 400
    var message: String?
    var testDescription: String { name }
}

@Suite("Strategic merge patch errors")
struct StrategicMergePatchErrorTests {
    static let cases: [SMPErrorCase] = [
        SMPErrorCase(name: "patch is an array", patch: "[1]",
                     message: "json: cannot unmarshal array into Go value of type map[string]interface {}"),
        SMPErrorCase(name: "patch is a string", patch: #""x""#),
        SMPErrorCase(name: "missing merge key", patch: #"{"mergingList":[{"value":"x"}]}"#,
                     message: "map: map[value:x] does not contain declared merge key: name"),
        SMPErrorCase(name: "delete directive without merge key", patch: #"{"mergingList":[{"$patch":"delete"}]}"#),
        SMPErrorCase(name: "unknown list directive", patch: #"{"mergingList":[{"name":"a","$patch":"frobnicate"}]}"#),
        SMPErrorCase(name: "unknown map directive", patch: #"{"simpleMap":{"$patch":"frobnicate"}}"#,
                     message: "unknown patch type: frobnicate in map: map[$patch:frobnicate]"),
        SMPErrorCase(name: "non-string map directive", patch: #"{"simpleMap":{"$patch":7}}"#),
        SMPErrorCase(name: "mixed element types", patch: #"{"mergingIntList":["x"]}"#),
        SMPErrorCase(name: "scalar in a keyed list", patch: #"{"mergingList":["x"]}"#),
        SMPErrorCase(name: "list of lists", patch: #"{"mergingIntList":[[1]]}"#, code: 422,
                     message: "the server rejected our request due to an error in our request"),
        SMPErrorCase(name: "retainKeys is not a list", patch: #"{"$retainKeys":"name","name":"x"}"#,
                     message: "invalid patch format of retainKeys"),
        SMPErrorCase(name: "retainKeys omits a patched field", patch: #"{"$retainKeys":["name"],"value":"x"}"#,
                     message: "invalid patch format of retainKeys"),
        SMPErrorCase(name: "setElementOrder is not a list", patch: #"{"$setElementOrder/mergingList":{"name":"a"}}"#),
        SMPErrorCase(name: "setElementOrder without list name", patch: #"{"$setElementOrder":[]}"#,
                     message: "invalid patch format of setElementOrder list"),
        SMPErrorCase(name: "setElementOrder order mismatch",
                     patch: #"{"$setElementOrder/mergingList":[{"name":"a"},{"name":"b"}],"mergingList":[{"name":"b"},{"name":"a","value":"1"}]}"#),
        SMPErrorCase(name: "setElementOrder misses a patched element",
                     patch: #"{"$setElementOrder/mergingList":[{"name":"a"}],"mergingList":[{"name":"z"}]}"#),
        SMPErrorCase(name: "setElementOrder element without merge key",
                     patch: #"{"$setElementOrder/mergingList":[{"value":"a"}],"mergingList":[{"name":"a"}]}"#),
        SMPErrorCase(name: "setElementOrder on a non-list original",
                     patch: #"{"$setElementOrder/name":["a"]}"#),
        SMPErrorCase(name: "setElementOrder with a non-list patch value",
                     patch: #"{"$setElementOrder/mergingList":[{"name":"a"}],"mergingList":null}"#),
        SMPErrorCase(name: "deleteFromPrimitiveList without list name", patch: #"{"$deleteFromPrimitiveList":[1]}"#,
                     message: "invalid patch format of primitive list"),
        SMPErrorCase(name: "deleteFromPrimitiveList on a keyed list of maps",
                     patch: #"{"$deleteFromPrimitiveList/mergingList":[{"name":"a"}]}"#),
        SMPErrorCase(name: "original keyed element lacks the key", original: #"{"mergingList":[{"value":"a"}]}"#,
                     patch: #"{"mergingList":[{"name":"b"}]}"#),
        SMPErrorCase(name: "original keyed element is a scalar", original: #"{"mergingList":["a"]}"#,
                     patch: #"{"mergingList":[{"name":"b"}]}"#),
        SMPErrorCase(name: "huge numbers in messages do not trap",
                     patch: #"{"mergingList":[{"value":1e300,"other":123456789012345678901234567890}]}"#),
    ]

    @Test(arguments: cases)
    func rejects(_ c: SMPErrorCase) throws {
        let patch = try patchJSON(c.patch)
        let original = try patchJSON(c.original)
        do {
            let result = try StrategicMergePatch.apply(
                patch, to: original, schema: PatchTestSchemas.registry, root: "test.mergeItem")
            Issue.record("expected an error, got \(result.jsonString)")
        } catch {
            #expect(error.code == c.code)
            if let message = c.message { #expect(error.message == message) }
        }
    }

    @Test func rejectsDeepNesting() throws {
        var deep: JSONValue = ["x": 1]
        for _ in 0..<300 { deep = ["a": deep] }
        #expect(throws: APIError.self) {
            try StrategicMergePatch.apply(deep, to: ["a": 1], schema: PatchTestSchemas.registry, root: "test.mergeItem")
        }
        // The original is not walked: a patch that replaces its deep member merges.
        let merged = try StrategicMergePatch.apply(["a": 1], to: deep, schema: PatchTestSchemas.registry, root: "test.mergeItem")
        #expect(merged == ["a": 1])
    }

    @Test func rejectsNonObjectOriginal() throws {
        #expect(throws: APIError.self) {
            try StrategicMergePatch.apply(["a": 1], to: [1, 2], schema: PatchTestSchemas.registry, root: "test.mergeItem")
        }
    }
}
