import KubeAPI
import Testing

@testable import KubeAPIServer

/// One JSON merge patch case (the RFC 7386 appendix examples and Kubernetes' null pruning).
struct MergePatchCase: Sendable, CustomTestStringConvertible {
    var target: String
    var patch: String
    var expected: String
    var testDescription: String { "\(target) + \(patch)" }
}

@Suite("JSON merge patch")
struct JSONMergePatchTests {
    static let cases: [MergePatchCase] = [
        MergePatchCase(target: #"{"a":"b"}"#, patch: #"{"a":"c"}"#, expected: #"{"a":"c"}"#),
        MergePatchCase(target: #"{"a":"b"}"#, patch: #"{"b":"c"}"#, expected: #"{"a":"b","b":"c"}"#),
        MergePatchCase(target: #"{"a":"b"}"#, patch: #"{"a":null}"#, expected: #"{}"#),
        MergePatchCase(target: #"{"a":"b","b":"c"}"#, patch: #"{"a":null}"#, expected: #"{"b":"c"}"#),
        MergePatchCase(target: #"{"a":["b"]}"#, patch: #"{"a":"c"}"#, expected: #"{"a":"c"}"#),
        MergePatchCase(target: #"{"a":"c"}"#, patch: #"{"a":["b"]}"#, expected: #"{"a":["b"]}"#),
        MergePatchCase(target: #"{"a":{"b":"c"}}"#, patch: #"{"a":{"b":"d","c":null}}"#, expected: #"{"a":{"b":"d"}}"#),
        MergePatchCase(target: #"{"a":[{"b":"c"}]}"#, patch: #"{"a":[1]}"#, expected: #"{"a":[1]}"#),
        MergePatchCase(target: #"["a","b"]"#, patch: #"{"a":"c"}"#, expected: #"{"a":"c"}"#),
        MergePatchCase(target: #"{"e":null}"#, patch: #"{"a":1}"#, expected: #"{"e":null,"a":1}"#),
        MergePatchCase(target: #"{}"#, patch: #"{"a":{"bb":{"ccc":null}}}"#, expected: #"{"a":{"bb":{}}}"#),
        MergePatchCase(target: #"{"a":1}"#, patch: #"{"a":[{"x":null,"y":1},null]}"#, expected: #"{"a":[{"y":1},null]}"#),
        MergePatchCase(target: #"{"spec":{"replicas":1,"x":2}}"#, patch: #"{"spec":{"replicas":3}}"#,
                       expected: #"{"spec":{"replicas":3,"x":2}}"#),
    ]

    @Test(arguments: cases)
    func merges(_ c: MergePatchCase) throws {
        let result = try JSONMergePatch.apply(try patchJSON(c.patch), to: try patchJSON(c.target))
        #expect(result == (try patchJSON(c.expected)), "\(result.jsonString)")
    }

    @Test(arguments: ["null", "1", #""x""#, "[1]", "true"])
    func rejectsNonObjectPatches(_ patch: String) throws {
        let p = try patchJSON(patch)
        #expect { try JSONMergePatch.apply(p, to: [:]) } throws: { error in
            guard let e = error as? APIError else { return false }
            return e.code == 400 && e.message == "Invalid JSON Patch"
        }
    }

    @Test func keepsKeyOrder() throws {
        let result = try JSONMergePatch.apply(try patchJSON(#"{"c":3,"a":9}"#), to: try patchJSON(#"{"a":1,"b":2}"#))
        #expect(result.jsonString == #"{"a":9,"b":2,"c":3}"#)
    }

    @Test func rejectsDeepNesting() throws {
        var deep: JSONValue = 1
        for _ in 0..<300 { deep = ["a": deep] }
        #expect(throws: APIError.self) { try JSONMergePatch.apply(deep, to: [:]) }
        #expect(throws: APIError.self) { try JSONMergePatch.apply(["a": 1], to: deep) }
    }
}
