import KubeAPI
import Testing

@testable import KubeAPIServer

/// One JSON patch case: `expected` is the result, or nil when the patch must fail.
struct JSONPatchCase: Sendable, CustomTestStringConvertible {
    var name: String
    var document = #"{"a":{"b":1,"c":[1,2,3]},"x~y":1,"p/q":2}"#
    var ops: String
    var expected: String?
    var testDescription: String { name }
}

@Suite("JSON patch")
struct JSONPatchTests {
    static let cases: [JSONPatchCase] = [
        JSONPatchCase(name: "add member", ops: #"[{"op":"add","path":"/a/d","value":{"e":null}}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3],"d":{"e":null}},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "add replaces existing member", ops: #"[{"op":"add","path":"/a/b","value":5}]"#,
                      expected: #"{"a":{"b":5,"c":[1,2,3]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "add inserts into array", ops: #"[{"op":"add","path":"/a/c/1","value":9}]"#,
                      expected: #"{"a":{"b":1,"c":[1,9,2,3]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "add appends with -", ops: #"[{"op":"add","path":"/a/c/-","value":4}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3,4]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "add at array end index", ops: #"[{"op":"add","path":"/a/c/3","value":4}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3,4]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "add whole document", ops: #"[{"op":"add","path":"","value":[1]}]"#, expected: "[1]"),
        JSONPatchCase(name: "add member with empty name", ops: #"[{"op":"add","path":"/","value":0}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3]},"x~y":1,"p/q":2,"":0}"#),
        JSONPatchCase(name: "escaped pointer tokens", ops: #"[{"op":"replace","path":"/x~0y","value":3},{"op":"remove","path":"/p~1q"}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3]},"x~y":3}"#),
        JSONPatchCase(name: "remove member", ops: #"[{"op":"remove","path":"/a/b"}]"#,
                      expected: #"{"a":{"c":[1,2,3]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "remove element", ops: #"[{"op":"remove","path":"/a/c/0"}]"#,
                      expected: #"{"a":{"b":1,"c":[2,3]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "replace element", ops: #"[{"op":"replace","path":"/a/c/2","value":"z"}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,"z"]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "replace whole document", ops: #"[{"op":"replace","path":"","value":{"k":1}}]"#,
                      expected: #"{"k":1}"#),
        JSONPatchCase(name: "move member", ops: #"[{"op":"move","from":"/a/b","path":"/moved"}]"#,
                      expected: #"{"a":{"c":[1,2,3]},"x~y":1,"p/q":2,"moved":1}"#),
        JSONPatchCase(name: "move element within array", ops: #"[{"op":"move","from":"/a/c/0","path":"/a/c/-"}]"#,
                      expected: #"{"a":{"b":1,"c":[2,3,1]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "move onto itself", ops: #"[{"op":"move","from":"/a","path":"/a"}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "copy member", ops: #"[{"op":"copy","from":"/a/c","path":"/a/d"}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3],"d":[1,2,3]},"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "test passes then applies", ops: #"[{"op":"test","path":"/a","value":{"c":[1,2,3],"b":1.0}},{"op":"remove","path":"/a"}]"#,
                      expected: #"{"x~y":1,"p/q":2}"#),
        JSONPatchCase(name: "extra members are ignored", ops: #"[{"op":"add","path":"/n","value":1,"comment":"hi"}]"#,
                      expected: #"{"a":{"b":1,"c":[1,2,3]},"x~y":1,"p/q":2,"n":1}"#),
        JSONPatchCase(name: "empty patch", ops: "[]", expected: #"{"a":{"b":1,"c":[1,2,3]},"x~y":1,"p/q":2}"#),
        // Failures: all 422.
        JSONPatchCase(name: "test fails", ops: #"[{"op":"test","path":"/a/b","value":2}]"#),
        JSONPatchCase(name: "test on missing path", ops: #"[{"op":"test","path":"/zz","value":null}]"#),
        JSONPatchCase(name: "unknown op", ops: #"[{"op":"frob","path":"/a"}]"#),
        JSONPatchCase(name: "missing op", ops: #"[{"path":"/a"}]"#),
        JSONPatchCase(name: "null operation", ops: "[null]"),
        JSONPatchCase(name: "op not a string", ops: #"[{"op":1,"path":"/a"}]"#),
        JSONPatchCase(name: "missing path", ops: #"[{"op":"remove"}]"#),
        JSONPatchCase(name: "path not a string", ops: #"[{"op":"remove","path":3}]"#),
        JSONPatchCase(name: "pointer without slash", ops: #"[{"op":"remove","path":"a"}]"#),
        JSONPatchCase(name: "bad escape", ops: #"[{"op":"remove","path":"/x~2y"}]"#),
        JSONPatchCase(name: "dangling escape", ops: #"[{"op":"remove","path":"/x~"}]"#),
        JSONPatchCase(name: "add without value", ops: #"[{"op":"add","path":"/n"}]"#),
        JSONPatchCase(name: "add under missing parent", ops: #"[{"op":"add","path":"/nope/x","value":1}]"#),
        JSONPatchCase(name: "add past array end", ops: #"[{"op":"add","path":"/a/c/5","value":1}]"#),
        JSONPatchCase(name: "add with leading zero index", ops: #"[{"op":"add","path":"/a/c/01","value":1}]"#),
        JSONPatchCase(name: "add with negative index", ops: #"[{"op":"add","path":"/a/c/-1","value":1}]"#),
        JSONPatchCase(name: "add with huge index", ops: #"[{"op":"add","path":"/a/c/99999999999999999999","value":1}]"#),
        JSONPatchCase(name: "add into a scalar", ops: #"[{"op":"add","path":"/a/b/x","value":1}]"#),
        JSONPatchCase(name: "remove missing member", ops: #"[{"op":"remove","path":"/a/zz"}]"#),
        JSONPatchCase(name: "remove with - index", ops: #"[{"op":"remove","path":"/a/c/-"}]"#),
        JSONPatchCase(name: "remove whole document", ops: #"[{"op":"remove","path":""}]"#),
        JSONPatchCase(name: "replace missing member", ops: #"[{"op":"replace","path":"/zz","value":1}]"#),
        JSONPatchCase(name: "replace out of range", ops: #"[{"op":"replace","path":"/a/c/3","value":1}]"#),
        JSONPatchCase(name: "replace without value", ops: #"[{"op":"replace","path":"/a"}]"#),
        JSONPatchCase(name: "move into own child", ops: #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#),
        JSONPatchCase(name: "move from missing", ops: #"[{"op":"move","from":"/zz","path":"/y"}]"#),
        JSONPatchCase(name: "move without from", ops: #"[{"op":"move","path":"/y"}]"#),
        JSONPatchCase(name: "copy from missing", ops: #"[{"op":"copy","from":"/zz","path":"/y"}]"#),
        JSONPatchCase(name: "test without value", ops: #"[{"op":"test","path":"/a"}]"#),
        JSONPatchCase(name: "later failure fails the whole patch",
                      ops: #"[{"op":"add","path":"/n","value":1},{"op":"remove","path":"/zz"}]"#),
    ]

    @Test(arguments: cases)
    func applies(_ c: JSONPatchCase) throws {
        let ops = try patchJSON(c.ops)
        let document = try patchJSON(c.document)
        if let expected = c.expected {
            let result = try JSONPatch.apply(ops, to: document)
            #expect(result == (try patchJSON(expected)), "\(result.jsonString)")
        } else {
            do {
                let result = try JSONPatch.apply(ops, to: document)
                Issue.record("expected failure, got \(result.jsonString)")
            } catch {
                #expect(error.code == 422)
                #expect(error.reason == "Invalid")
                #expect(error.message == "the server rejected our request due to an error in our request")
            }
        }
    }

    @Test(arguments: [#"{"op":"add"}"#, #""x""#, "7", #"["x"]"#, "[[1]]"])
    func rejectsMalformedBodiesWith400(_ body: String) throws {
        let ops = try patchJSON(body)
        #expect { try JSONPatch.apply(ops, to: [:]) } throws: { ($0 as? APIError)?.code == 400 }
    }

    @Test func rejectsTooManyOperations() throws {
        let op: JSONValue = ["op": "test", "path": "", "value": [:]]
        let ops = JSONValue.array(Array(repeating: op, count: JSONPatch.maximumOperations + 1))
        #expect { try JSONPatch.apply(ops, to: [:]) } throws: { error in
            guard let e = error as? APIError else { return false }
            return e.code == 413 && e.reason == "RequestEntityTooLarge"
                && e.message == "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001"
        }
        let allowed = JSONValue.array(Array(repeating: op, count: JSONPatch.maximumOperations))
        #expect(try JSONPatch.apply(allowed, to: [:]) == [:])
    }

    @Test func boundsCopyGrowth() throws {
        // Each copy doubles the document; the copy budget stops it long before memory runs out.
        var ops: [JSONValue] = [["op": "add", "path": "/a", "value": .string(String(repeating: "x", count: 1000))]]
        for i in 0..<40 {
            ops.append(["op": "copy", "from": "", "path": .string("/b\(i)")])
        }
        #expect { try JSONPatch.applyDecoded(ops.compactMap(\.objectValue), to: [:]) } throws: { error in
            (error as? JSONPatchError)?.message.contains("accumulated size increase of copy") == true
        }
    }

    @Test func boundsNesting() throws {
        var ops: [JSONValue] = [["op": "add", "path": "/a", "value": [:]]]
        var path = "/a"
        for _ in 0..<300 {
            path += "/a"
            ops.append(["op": "add", "path": .string(path), "value": [:]])
        }
        #expect(throws: APIError.self) { try JSONPatch.apply(.array(ops), to: [:]) }
    }

    @Test func reportsDetailedReasons() throws {
        let ops = try patchJSON(#"[{"op":"test","path":"/a","value":2}]"#)
        #expect { try JSONPatch.applyDecoded(ops.arrayValue?.compactMap(\.objectValue) ?? [], to: ["a": 1]) } throws: {
            ($0 as? JSONPatchError)?.message == "operation 0: testing value /a failed"
        }
    }
}
