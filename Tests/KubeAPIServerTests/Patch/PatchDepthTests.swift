import KubeAPI
import Testing

@testable import KubeAPIServer

/// The nesting limit the patch engines and the field manager check before they recurse.
@Suite("Patch nesting depth")
struct PatchDepthTests {
    /// `levels` arrays nested in one another, with `innermost` inside the last.
    func nested(_ levels: Int, _ innermost: JSONValue? = nil) -> JSONValue {
        var value: JSONValue = .array(innermost.map { [$0] } ?? [])
        for _ in 1..<levels { value = .array([value]) }
        return value
    }

    @Test(arguments: [
        ("1", 1), ("\"s\"", 1), ("null", 1), ("{}", 1), ("[]", 1), ("{\"a\":1}", 2), ("[1,2]", 2), ("[[]]", 2), ("[[1]]", 3),
        ("{\"a\":{\"b\":[{\"c\":true}],\"d\":1},\"e\":[]}", 5), ("{\"a\":1,\"b\":{\"c\":{}}}", 3),
    ])
    func countsEveryLevelAScalarIsOne(text: String, expected: Int) throws {
        #expect(PatchSupport.depth(of: try patchJSON(text)) == expected)
    }

    @Test func stopsPastTheLimitCountingScalarLeaves() throws {
        #expect(PatchSupport.depth(of: nested(PatchSupport.maximumDepth)) == PatchSupport.maximumDepth)
        #expect(PatchSupport.depth(of: nested(PatchSupport.maximumDepth + 1)) == nil)
        // A scalar inside the deepest allowed container is one level too many.
        #expect(PatchSupport.depth(of: nested(PatchSupport.maximumDepth, 1)) == nil)
        #expect(PatchSupport.depth(of: nested(PatchSupport.maximumDepth - 1, 1)) == PatchSupport.maximumDepth)
        #expect(PatchSupport.depth(of: try patchJSON("{\"a\":1}"), limit: 1) == nil)
        #expect(PatchSupport.depth(of: try patchJSON("{}"), limit: 1) == 1)
        #expect(PatchSupport.depth(of: try patchJSON("[{},[]]"), limit: 2) == 2)
    }

    @Test func aStrategicMergePatchNestedTooDeeplyIsABadRequest() throws {
        let patch: JSONValue = ["spec": ["extra": nested(PatchSupport.maximumDepth)]]
        #expect(throws: APIError.self) {
            _ = try StrategicMergePatch.apply(patch, to: ["spec": [:]], schema: PatchTestSchemas.registry, root: "test.Pod")
        }
        // An original deeper than the limit merges where the patch does not reach into it.
        let original: JSONValue = ["spec": ["extra": nested(PatchSupport.maximumDepth + 10)]]
        let merged = try StrategicMergePatch.apply(["metadata": ["name": "p"]], to: original, schema: PatchTestSchemas.registry, root: "test.Pod")
        #expect(merged["metadata"]?["name"]?.stringValue == "p")
        #expect(merged["spec"] == original["spec"])
    }
}
