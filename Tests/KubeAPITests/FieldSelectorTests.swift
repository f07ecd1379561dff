import Testing

@testable import KubeAPI

struct FieldSelectorParseTests {
    /// Input → canonical string form.
    @Test(arguments: [
        ("", ""), ("metadata.name=x", "metadata.name=x"), ("metadata.name==x", "metadata.name=x"),
        ("spec.nodeName!=", "spec.nodeName!="), ("spec.nodeName=", "spec.nodeName="),
        ("metadata.name=x,spec.nodeName!=,status.phase==Running",
            "metadata.name=x,spec.nodeName!=,status.phase=Running"),
        ("b=1,a=2", "a=2,b=1"), ("a=b,a!=c", "a!=c,a=b"), (#"a=b\,c"#, #"a=b\,c"#), (#"a=b\=c"#, #"a=b\=c"#),
        (#"a=b\\c"#, #"a=b\\c"#), ("a=,,", "a="), (",,a=b,", "a=b"), ("=", ""), ("=,a=b", "a=b"),
        ("=x", "=x"), ("a!b=c", "a!b=c"), (#"a\,b=c"#, #"a\,b=c"#), (" a = b ", " a = b "),
        ("metadata.name=ñandú", "metadata.name=ñandú"), ("a!=b!c", "a!=b!c"), ("x=!", "x=!"),
    ])
    func parses(_ input: String, _ expected: String) throws {
        let selector = try FieldSelector(parsing: input)
        #expect(selector.description == expected, "\(input)")
        #expect(try FieldSelector(parsing: selector.description) == selector, "\(input)")
    }

    @Test func requirementsAreExposed() throws {
        let selector = try FieldSelector(parsing: #"status.phase==Running,metadata.name=a\,b,spec.nodeName!="#)
        #expect(selector.requirements == [
            .init(field: "metadata.name", operator: .equals, value: "a,b"),
            .init(field: "spec.nodeName", operator: .notEquals, value: ""),
            .init(field: "status.phase", operator: .equals, value: "Running"),
        ])
        #expect(try FieldSelector(parsing: #"a=x\\"#).requirements.first?.value == #"x\"#)
        #expect(try FieldSelector(parsing: "a=b\\=c").requirements.first?.value == "b=c")
        #expect(try FieldSelector(parsing: "=x").requirements.first?.field == "")
        #expect(selector.fieldNames == ["metadata.name", "spec.nodeName", "status.phase"])
    }

    /// Input → the exact Kubernetes error message.
    @Test(arguments: [
        ("a", "invalid selector: 'a'; can't understand 'a'"),
        ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        ("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        ("a!b", "invalid selector: 'a!b'; can't understand 'a!b'"),
        ("a=b=c", "invalid field selector: unescaped character in value: 61"),
        ("a===b", "invalid field selector: unescaped character in value: 61"),
        ("x!=a=b", "invalid field selector: unescaped character in value: 61"),
        (#"a=b\x"#, #"invalid field selector: invalid escape sequence: \x"#),
        (#"a=b\"#, #"invalid field selector: invalid escape sequence: \"#),
        (#"a=\n"#, #"invalid field selector: invalid escape sequence: \n"#),
        (#"a=b\,c\"#, #"invalid field selector: invalid escape sequence: \"#),
    ])
    func rejects(_ input: String, _ message: String) {
        #expect(throws: APIError.badRequest(message)) { try FieldSelector(parsing: input) }
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", #"a\,b"#), ("a=b", #"a\=b"#), (#"a\b"#, #"a\\b"#), (#",=\"#, #"\,\=\\"#), ("", ""),
    ])
    func escapes(_ raw: String, _ escaped: String) throws {
        #expect(FieldSelector.escape(raw) == escaped)
        #expect(try FieldSelector.unescape(escaped) == raw)
        let selector = try FieldSelector(parsing: "f=" + escaped)
        #expect(selector.requirements.first?.value ?? "" == raw)
    }
}

struct FieldSelectorMatchTests {
    static let pod: [String: String] = [
        "metadata.name": "web-1", "metadata.namespace": "default", "spec.nodeName": "node-a",
        "status.phase": "Running",
    ]

    /// Selector, object fields, expected match.
    @Test(arguments: [
        ("", [:], true), ("metadata.name=web-1", pod, true), ("metadata.name=web-2", pod, false),
        ("metadata.name=x", [:], false), ("spec.nodeName!=", pod, true), ("spec.nodeName!=", [:], false),
        ("spec.nodeName=", [:], true), ("spec.nodeName=", pod, false),
        ("status.phase==Running,metadata.namespace!=kube-system", pod, true),
        ("status.phase==Running,metadata.namespace=kube-system", pod, false),
        ("status.phase!=Running", pod, false), ("status.phase!=Pending", pod, true),
        ("metadata.name=web-1,metadata.name!=web-1", pod, false),
    ] as [(String, [String: String], Bool)])
    func matches(_ text: String, _ fields: [String: String], _ expected: Bool) throws {
        let selector = try FieldSelector(parsing: text)
        #expect(selector.matches { fields[$0] } == expected, "\(text)")
    }

    @Test func everything() {
        #expect(FieldSelector.everything.isEmpty)
        #expect(FieldSelector.everything.matches { _ in nil })
        #expect(FieldSelector.everything.description == "")
        #expect(FieldSelector.everything == (try? FieldSelector(parsing: ",,=")))
    }

    @Test func requiredValue() throws {
        let selector = try FieldSelector(parsing: "spec.nodeName=node-a,metadata.name!=x")
        #expect(selector.requiredValue(for: "spec.nodeName") == "node-a")
        #expect(selector.requiredValue(for: "metadata.name") == nil)
        #expect(selector.requiredValue(for: "status.phase") == nil)
    }

    @Test func unsupportedFields() throws {
        let supported: Set<String> = ["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase"]
        try FieldSelector(parsing: "metadata.name=a,spec.nodeName!=").validate(supportedFields: supported)
        #expect(throws: APIError.badRequest("field label not supported: spec.schedulerName")) {
            try FieldSelector(parsing: "metadata.name=a,spec.schedulerName=x").validate(supportedFields: supported)
        }
        #expect(throws: APIError.badRequest("field label not supported: ")) {
            try FieldSelector(parsing: "=x").validate(supportedFields: supported)
        }
        let error = #expect(throws: APIError.self) {
            try FieldSelector(parsing: "foo=bar").validate(supportedFields: supported)
        }
        #expect(error?.code == 400)
        #expect(error?.reason == "BadRequest")
    }
}
