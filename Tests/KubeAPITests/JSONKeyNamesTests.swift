import Testing

@testable import KubeAPI

/// The filter's names as bytes, which the filtered parse matches keys against.
struct JSONKeyNamesTests {
    /// Every way of building a filter leaves the byte table naming exactly its children, at
    /// every level, with the child filters as they ended up.
    @Test func everyFilterKeepsItsNamesInStep() {
        let filters: [JSONKeyFilter] = [
            JSONKeyFilter(paths: [["metadata", "name"], ["metadata", "labels"], ["spec", "nodeName"], ["status"]]),
            JSONKeyFilter(omitting: [["metadata", "managedFields"], ["spec", "volumes"]]),
            .keys(["b", "a", "ab"]),
            .object(["spec": .object(["containers": .keys(["name"])], keepingOthers: true), "status": .skipped]),
            .nothing, .whole,
        ]
        func check(_ f: JSONKeyFilter) {
            #expect(f.names.usable)
            #expect(f.names.entries.map(\.name) == f.children.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            for entry in f.names.entries {
                #expect(entry.filter == f.children[entry.name], "\(entry.name)")
                check(entry.filter)
            }
        }
        for f in filters { check(f) }
        #expect(JSONKeyFilter.keys(["ab", "a"]).names.index(of: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
        let ab = Array("ab".utf8)
        #expect(ab.withUnsafeBytes { JSONKeyFilter.keys(["b", "ab", "a"]).names.index(of: $0) }.map {
            JSONKeyFilter.keys(["b", "ab", "a"]).names.entries[$0].name
        } == "ab")
    }

    /// Keys that are not plain ASCII text (escaped, non-ASCII, canonically equal to a name) are
    /// found as the string lookup finds them; so are names that are not ASCII.
    @Test(arguments: [
        #"{"kind":"Pod","\u006Bind":"escaped","Kelvin":1,"\u212Aelvin":2,"e\u0301":3,"é":4,"spec":{"x":1},"":5}"#,
        #"{"Kelvin":{"a":1},"Kelvin":{"b":2},"kind":"repeated","kind":"last"}"#,
        #"{"\u212Aelvin":0,"ab":[1,{"ab":2}],"a":{"b":{"ab":3}},"b":null}"#,
        "{\"\u{212A}elvin\":7,\"kind\":\"k\",\"\u{212A}ind\":8,\"e\u{301}\":9}",
    ])
    func keysOutsidePlainASCIIMatchAsStrings(_ text: String) throws {
        let bytes = Array(text.utf8)
        let filters: [JSONKeyFilter] = [
            .keys(["kind", "Kelvin", "é"]),
            .object(["Kelvin": .skipped, "spec": .keys(["x"])], keepingOthers: true),
            .keys(["\u{212A}elvin", "ab"]),
            .object(["é": .whole, "a": .object(["b": .keys(["ab"])])], keepingOthers: true),
            .keys([""]),
        ]
        #expect(!JSONKeyFilter.keys(["é"]).names.usable)
        for filter in filters {
            let parsed = try JSONValue.parse(bytes, keeping: filter)
            #expect(try parsed == JSONValue.parse(bytes).filtered(by: filter), "\(filter.children.keys.sorted())")
        }
        for text in [#"{"\u212Aelvin":2}"#, "{\"\u{212A}elvin\":2}"] {
            let kelvin = try JSONValue.parse(Array(text.utf8), keeping: .keys(["Kelvin"]))
            #expect(kelvin.objectValue?.count == 1, "U+212A KELVIN SIGN equals K, as in a string lookup: \(text)")
        }
        #expect(JSONKeyFilter.keys(["K"]) == JSONKeyFilter.keys(["\u{212A}"]), "filters compare their names as strings")
    }

    /// Malformed keys fail as the full parse fails.
    @Test(arguments: [#"{"a"#, "{\"a\u{01}\":1}", #"{"a\q":1}"#, #"{"kind""#, #"{"kind" 1}"#])
    func brokenKeysThrow(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8), keeping: .keys(["kind", "a"])) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }
}
