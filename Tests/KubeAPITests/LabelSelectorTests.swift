import Testing

@testable import KubeAPI

struct LabelSelectorParseTests {
    /// Input → canonical string form.
    @Test(arguments: [
        ("", ""), ("x=a", "x=a"), ("x=a,y=b,z=c", "x=a,y=b,z=c"), ("z=c,x=a,y=b", "x=a,y=b,z=c"),
        ("x==a", "x==a"), ("x!=a", "x!=a"), ("x in (a,b)", "x in (a,b)"), ("x in (b,a)", "x in (a,b)"),
        ("x notin (a)", "x notin (a)"), ("x in (a,,b)", "x in (,a,b)"), ("x in ()", "x in ()"),
        ("x in (,)", "x in ()"), ("x in (,a)", "x in (,a)"), ("x in (a,)", "x in (,a)"), ("x in (a,a)", "x in (a)"),
        ("x", "x"), ("!x", "!x"), (" x ", "x"), ("x,y", "x,y"), ("!x,y=z", "!x,y=z"), ("x=", "x="),
        ("x=,y=b", "x=,y=b"), ("x==", "x=="), ("x>1", "x>1"), ("x<10", "x<10"),
        ("  x  in  ( a , b )  ,  y  ", "x in (a,b),y"), ("\tx\n=\ra", "x=a"),
        ("example.com/app=web", "example.com/app=web"), ("in in (in)", "in in (in)"), ("notin=x", "notin=x"),
        ("x=in", "x=in"), ("x notin (notin,in)", "x notin (in,notin)"), ("y=a,!x", "!x,y=a"),
        ("a.b-c_D=E.f-G_h", "a.b-c_D=E.f-G_h"), ("x=123", "x=123"), ("x!=", "x!="),
    ])
    func parses(_ input: String, _ expected: String) throws {
        let selector = try LabelSelector(parsing: input)
        #expect(selector.description == expected, "\(input)")
        // The printed form parses back to the same selector.
        #expect(try LabelSelector(parsing: selector.description) == selector, "\(input)")
    }

    @Test func duplicateKeysKeepTheirOrder() throws {
        let selector = try LabelSelector(parsing: "x notin (b),a,x in (a)")
        #expect(selector.description == "a,x notin (b),x in (a)")
        #expect(selector.requirements.map(\.operator) == [.exists, .notIn, .in])
    }

    static let keyRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let valueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    static let subdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let requirement = "unable to parse requirement: "
    static let long = String(repeating: "a", count: 64)

    /// Input → the exact Kubernetes error message.
    static let invalid: [(String, String)] = [
        ("x=a=b", "found '=', expected: ',' or 'end of string'"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("!x=y", "found '=', expected: ',' or 'end of string'"),
        (",", "found ',', expected: !, identifier, or 'end of string'"),
        ("=x", "found '=', expected: !, identifier, or 'end of string'"),
        ("!=x", "found '!=', expected: !, identifier, or 'end of string'"),
        ("(x)", "found '(', expected: !, identifier, or 'end of string'"),
        ("x,", "found '', expected: identifier after ','"),
        ("x,,y", "found ',', expected: identifier after ','"),
        ("x,=", "found '=', expected: identifier after ','"),
        ("x in a", requirement + "found 'a' expected: '('"),
        ("x in", requirement + "found '' expected: '('"),
        ("x in (", requirement + "found '', expected: ',', ')' or identifier"),
        ("x in (=)", requirement + "found '=', expected: ',', ')' or identifier"),
        ("x in (a", requirement + "found '', expected: ',' or ')'"),
        ("x in (a b)", requirement + "found 'b', expected: ',' or ')'"),
        ("x in (a,(b))", requirement + "found '(', expected: ',', or identifier"),
        ("x y", requirement + "found 'y', expected: in, notin, =, ==, !=, gt, lt"),
        ("x (", requirement + "found '(', expected: in, notin, =, ==, !=, gt, lt"),
        ("x!y", requirement + "found '!', expected: in, notin, =, ==, !=, gt, lt"),
        ("x>=1", requirement + "found '=', expected: identifier"),
        ("x=(a)", requirement + "found '(', expected: identifier"),
        ("!", requirement + "found '', expected: identifier"),
        ("!!x", requirement + "found '!', expected: identifier"),
        ("-x=y", requirement + "<nil>: Invalid value: \"-x\": name part " + keyRule),
        ("a/b/c", requirement
            + "<nil>: Invalid value: \"a/b/c\": a valid label key " + keyRule
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        ("/a", requirement + "<nil>: Invalid value: \"/a\": prefix part must be non-empty"),
        ("Example.com/a", requirement + "<nil>: Invalid value: \"Example.com/a\": prefix part " + subdomainRule),
        ("a/", requirement + "<nil>: Invalid value: \"a/\": name part must be non-empty; name part " + keyRule),
        (long, requirement + "<nil>: Invalid value: \"\(long)\": name part must be no more than 63 bytes"),
        ("x\"=a", requirement + "<nil>: Invalid value: \"x\\\"\": name part " + keyRule),
        ("x=-a", requirement + "values[0][x]: Invalid value: \"-a\": " + valueRule),
        ("x in (-b,-a)", requirement
            + "[values[0][x]: Invalid value: \"-a\": \(valueRule), values[1][x]: Invalid value: \"-b\": \(valueRule)]"),
        ("x>a", requirement + "values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("x<-1", requirement + "values[0][x]: Invalid value: \"-1\": " + valueRule),
        ("x>", requirement + "values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("x=\(long)", requirement + "values[0][x]: Invalid value: \"\(long)\": must be no more than 63 bytes"),
        ("x=é", requirement + "values[0][x]: Invalid value: \"é\": " + valueRule),
    ]

    @Test(arguments: invalid)
    func rejects(_ input: String, _ message: String) {
        #expect(throws: APIError.badRequest(message)) { try LabelSelector(parsing: input) }
    }
}

struct LabelSelectorMatchTests {
    /// Selector, labels, expected match.
    @Test(arguments: [
        ("", [:], true), ("", ["a": "b"], true),
        ("x=a", ["x": "a"], true), ("x=a", ["x": "b"], false), ("x=a", [:], false),
        ("x==a", ["x": "a"], true), ("x!=a", [:], true), ("x!=a", ["x": "a"], false), ("x!=a", ["x": "b"], true),
        ("x in (a,b)", ["x": "b"], true), ("x in (a,b)", ["x": "c"], false), ("x in (a,b)", [:], false),
        ("x notin (a)", [:], true), ("x notin (a)", ["x": "a"], false), ("x notin (a)", ["x": "b"], true),
        ("x", ["x": ""], true), ("x", [:], false), ("!x", [:], true), ("!x", ["x": "a"], false),
        ("x>5", ["x": "6"], true), ("x>5", ["x": "5"], false), ("x>5", ["x": "abc"], false), ("x>5", [:], false),
        ("x<5", ["x": "-1"], true), ("x<5", ["x": "5"], false),
        ("x=a,y", ["x": "a", "y": "z"], true), ("x=a,y", ["x": "a"], false),
        ("x=", ["x": ""], true), ("x=", [:], false), ("x in ()", ["x": ""], true),
        ("app=web,tier notin (db),!legacy", ["app": "web", "tier": "fe"], true),
        ("app=web,tier notin (db),!legacy", ["app": "web", "tier": "fe", "legacy": "1"], false),
    ] as [(String, [String: String], Bool)])
    func matches(_ text: String, _ labels: [String: String], _ expected: Bool) throws {
        let selector = try LabelSelector(parsing: text)
        #expect(selector.matches(labels) == expected, "\(text) on \(labels)")
        #expect(selector.matches(labelValue: { labels[$0] }) == expected, "\(text) on \(labels)")
        var object = JSONObject()
        for (key, value) in labels { object[key] = .string(value) }
        #expect(selector.matches(labelValue: { object[$0]?.stringValue }) == expected)
    }

    @Test func everything() {
        #expect(LabelSelector.everything.isEmpty)
        #expect(LabelSelector.everything.matches(["a": "b"]))
        #expect(LabelSelector.everything.description == "")
    }

    @Test func requiredValue() throws {
        let selector = try LabelSelector(parsing: "a=b,c in (d),e in (f,g),h!=i")
        #expect(selector.requiredValue(for: "a") == "b")
        #expect(selector.requiredValue(for: "c") == "d")
        #expect(selector.requiredValue(for: "e") == nil)
        #expect(selector.requiredValue(for: "h") == nil)
        #expect(selector.requiredValue(for: "zz") == nil)
    }

    @Test func requirementsBuiltInCode() throws {
        let r = try LabelSelector.Requirement(key: "env", operator: .in, values: ["prod", "dev"])
        #expect(r.description == "env in (dev,prod)")
        #expect(r.values == ["prod", "dev"])
        let selector = try LabelSelector(matchLabels: ["b": "2", "a": "1"])
        #expect(selector.description == "a=1,b=2")
        #expect(throws: APIError.badRequest(
            "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"))
        {
            try LabelSelector.Requirement(key: "a", operator: .in, values: [])
        }
        #expect(throws: APIError.badRequest(
            "values: Invalid value: []string{\"a\", \"b\"}: exact-match compatibility requires one single value"))
        {
            try LabelSelector.Requirement(key: "k", operator: .equals, values: ["a", "b"])
        }
        #expect(throws: APIError.badRequest(
            "values: Invalid value: []string{\"1\", \"2\"}: for 'Gt', 'Lt' operators, exactly one value is required"))
        {
            try LabelSelector.Requirement(key: "k", operator: .greaterThan, values: ["1", "2"])
        }
        #expect(throws: APIError.self) { try LabelSelector(matchLabels: ["a b": "c"]) }
    }
}

struct LabelSelectorObjectTests {
    @Test(arguments: [
        (#"{}"#, ""),
        (#"{"matchLabels":{"tier":"fe","app":"web"}}"#, "app=web,tier=fe"),
        (#"{"matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]}]}"#, "env in (dev,prod)"),
        (#"{"matchLabels":{"z":"1"},"matchExpressions":[{"key":"a","operator":"Exists"}]}"#, "a,z=1"),
        (#"{"matchExpressions":[{"key":"a","operator":"DoesNotExist","values":[]}]}"#, "!a"),
        (#"{"matchExpressions":[{"key":"a","operator":"NotIn","values":["x"]}]}"#, "a notin (x)"),
        (#"{"matchLabels":null,"matchExpressions":null}"#, ""),
        (#"{"matchLabels":{"app":""}}"#, "app="),
    ])
    func builds(_ json: String, _ expected: String) throws {
        let selector = try LabelSelector(selectorObject: try JSONValue.parse(json))
        #expect(selector.description == expected, "\(json)")
    }

    @Test func emptyObjectMatchesEverything() throws {
        let selector = try LabelSelector(selectorObject: try JSONValue.parse("{}"))
        #expect(selector == .everything)
        #expect(selector.matches([:]))
        #expect(selector.matches(["app": "web"]))
    }

    @Test func objectSelectorMatches() throws {
        let json = #"{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"NotIn","values":["dev"]}]}"#
        let selector = try LabelSelector(selectorObject: try JSONValue.parse(json))
        #expect(selector.matches(["app": "web"]))
        #expect(selector.matches(["app": "web", "env": "prod"]))
        #expect(!selector.matches(["app": "web", "env": "dev"]))
        #expect(!selector.matches(["env": "prod"]))
    }

    @Test(arguments: [
        (#"{"matchExpressions":[{"key":"a","operator":"Foo"}]}"#, "\"Foo\" is not a valid label selector operator"),
        (#"{"matchExpressions":[{"key":"a"}]}"#, "\"\" is not a valid label selector operator"),
        (#"{"matchExpressions":[{"key":"a","operator":"In"}]}"#,
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
        (#"{"matchExpressions":[{"key":"a","operator":"Exists","values":["a"]}]}"#,
            "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist"),
        (#"{"matchExpressions":[{"operator":"Exists"}]}"#,
            "key: Invalid value: \"\": name part must be non-empty; name part " + LabelSelectorParseTests.keyRule),
        (#"{"matchLabels":{"-a":"b"}}"#, "key: Invalid value: \"-a\": name part " + LabelSelectorParseTests.keyRule),
        (#"{"matchLabels":{"app":"-x"}}"#, "values[0][app]: Invalid value: \"-x\": " + LabelSelectorParseTests.valueRule),
        (#"null"#, "a label selector must be a JSON object, not null"),
        (#"[]"#, "a label selector must be a JSON object, not array"),
        (#"{"matchLabels":[]}"#, "matchLabels must be an object of strings"),
        (#"{"matchLabels":{"a":1}}"#, "matchLabels.a must be a string"),
        (#"{"matchExpressions":{}}"#, "matchExpressions must be an array"),
        (#"{"matchExpressions":[1]}"#, "matchExpressions[0] must be an object"),
        (#"{"matchExpressions":[{"key":1,"operator":"Exists"}]}"#, "matchExpressions[0].key must be a string"),
        (#"{"matchExpressions":[{"key":"a","operator":"In","values":[1]}]}"#,
            "matchExpressions[0].values must be an array of strings"),
    ])
    func rejects(_ json: String, _ message: String) throws {
        let value = try JSONValue.parse(json)
        #expect(throws: APIError.badRequest(message)) { try LabelSelector(selectorObject: value) }
    }
}

struct LabelValidationTests {
    @Test(arguments: ["a", "A", "a.b-c_d", "example.com/x", "a1/b", "x/Y9", String(repeating: "a", count: 63),
        String(repeating: "a", count: 253) + "/b", "k8s.io/app.kubernetes.io-name"])
    func validKeys(_ key: String) {
        #expect(LabelValidation.labelKeyErrors(key).isEmpty, "\(key)")
    }

    @Test(arguments: ["", "-a", "a-", "a b", "a/b/c", "/a", "a/", "A.com/b", "a..b/c", ".a/b", "a_/b", "é",
        String(repeating: "a", count: 64), String(repeating: "a", count: 254) + "/b"])
    func invalidKeys(_ key: String) {
        #expect(!LabelValidation.labelKeyErrors(key).isEmpty, "\(key)")
    }

    @Test(arguments: ["", "a", "A-b_c.D", "123", String(repeating: "z", count: 63)])
    func validValues(_ value: String) {
        #expect(LabelValidation.labelValueErrors(value).isEmpty, "\(value)")
    }

    @Test(arguments: ["-", "a-", "_a", "a b", "a/b", "é", String(repeating: "z", count: 64)])
    func invalidValues(_ value: String) {
        #expect(!LabelValidation.labelValueErrors(value).isEmpty, "\(value)")
    }
}

struct SelectorRandomizedTests {
    /// Random selector text never crashes; whatever parses prints text that parses back to it.
    @Test func randomLabelSelectors() {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array("ab=!(), in notin<>-./x1\t")
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...14, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            guard let selector = try? LabelSelector(parsing: text) else { continue }
            parsed += 1
            #expect((try? LabelSelector(parsing: selector.description)) == selector, "\(text)")
        }
        #expect(parsed > 500)
    }

    @Test func randomFieldSelectors() {
        var rng = SplitMix64(seed: 5)
        let alphabet = Array(#"ab=!,\.xé"#)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            guard let selector = try? FieldSelector(parsing: text) else { continue }
            // Terms are ordered by their written text (as Kubernetes orders them), so `==` versus
            // `=` can reorder a reparse; the set of requirements is what must survive.
            let reparsed = try? FieldSelector(parsing: selector.description)
            #expect(reparsed.map { Set($0.requirements) } == Set(selector.requirements), "\(text)")
        }
    }
}
