import Testing

@testable import KubeAPI

@Suite struct NameValidationTests {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    @Test(arguments: ["example.com", "a", "a-b.c", "0.1", "x1-2.y", String(repeating: "a", count: 63)])
    func validSubdomains(_ name: String) {
        #expect(NameValidation.isDNS1123Subdomain(name).isEmpty)
    }

    @Test(arguments: ["Example.com", "-a", "a-", "a..b", ".a", "a.", "a_b", "", "a b", "é"])
    func invalidSubdomainsUseKubernetesWording(_ name: String) {
        #expect(NameValidation.isDNS1123Subdomain(name) == [Self.subdomainMessage])
    }

    @Test func subdomainLengthLimit() {
        #expect(NameValidation.isDNS1123Subdomain(String(repeating: "a", count: 253)).isEmpty)
        #expect(
            NameValidation.isDNS1123Subdomain(String(repeating: "a", count: 254)) == [
                "must be no more than 253 characters"
            ])
        let bad = String(repeating: "A", count: 254)
        #expect(
            NameValidation.isDNS1123Subdomain(bad) == ["must be no more than 253 characters", Self.subdomainMessage])
    }

    @Test func labelRules() {
        #expect(NameValidation.isDNS1123Label("my-name").isEmpty)
        #expect(NameValidation.isDNS1123Label("a.b") == ["must not contain dots"])
        #expect(NameValidation.isDNS1123Label("-a").count == 1)
        #expect(NameValidation.isDNS1123Label("-a")[0].hasPrefix("a lowercase RFC 1123 label must consist of"))
        #expect(
            NameValidation.isDNS1123Label("-a")[0].hasSuffix(
                "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"))
        #expect(
            NameValidation.isDNS1123Label(String(repeating: "a", count: 64)) == ["must be no more than 63 characters"])
    }

    @Test func dns1035LabelsStartWithALetter() {
        #expect(NameValidation.isDNS1035Label("web").isEmpty)
        let errs = NameValidation.isDNS1035Label("1web")
        #expect(errs.count == 1)
        #expect(
            errs.first?.hasPrefix(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character"
            ) == true)
    }

    @Test(arguments: ["app", "example.com/my-key", "MyName", "a_b.c", "k8s.io/x", "A"])
    func validQualifiedNames(_ key: String) {
        #expect(NameValidation.isQualifiedName(key).isEmpty)
    }

    @Test func qualifiedNameMessages() {
        #expect(
            NameValidation.isQualifiedName("a/b/c") == [
                "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ])
        #expect(NameValidation.isQualifiedName("/a") == ["prefix part must be non-empty"])
        let emptyName = NameValidation.isQualifiedName("a/")
        #expect(emptyName.count == 2)
        #expect(emptyName.first == "name part must be non-empty")
        #expect(
            NameValidation.isQualifiedName(String(repeating: "n", count: 64)) == [
                "name part must be no more than 63 characters"
            ])
        #expect(NameValidation.isQualifiedName("Example.com/x") == ["prefix part " + Self.subdomainMessage])
        #expect(
            NameValidation.isQualifiedName("-x").first?.hasPrefix("name part must consist of alphanumeric characters")
                == true)
    }

    @Test func labelValues() {
        #expect(NameValidation.isValidLabelValue("").isEmpty)
        #expect(NameValidation.isValidLabelValue("v1.2_3-x").isEmpty)
        #expect(
            NameValidation.isValidLabelValue("a b") == [
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            ])
        #expect(
            NameValidation.isValidLabelValue(String(repeating: "v", count: 64)) == [
                "must be no more than 63 characters"
            ])
    }

    @Test func configMapKeys() {
        #expect(NameValidation.isConfigMapKey("key.name").isEmpty)
        #expect(NameValidation.isConfigMapKey("KEY_NAME-1").isEmpty)
        #expect(NameValidation.isConfigMapKey(".") == ["must not be '.'"])
        #expect(NameValidation.isConfigMapKey("..") == ["must not be '..'"])
        #expect(NameValidation.isConfigMapKey("..a") == ["must not start with '..'"])
        #expect(NameValidation.isConfigMapKey(".hidden").isEmpty)
        #expect(
            NameValidation.isConfigMapKey("a/b").first?.hasPrefix(
                "a valid config key must consist of alphanumeric characters") == true)
        #expect(
            NameValidation.isConfigMapKey(String(repeating: "k", count: 254)) == ["must be no more than 253 characters"]
        )
    }

    @Test func portNames() {
        #expect(NameValidation.isValidPortName("http").isEmpty)
        #expect(NameValidation.isValidPortName("web-8080").isEmpty)
        #expect(NameValidation.isValidPortName("-http") == ["must not begin or end with a hyphen"])
        #expect(NameValidation.isValidPortName("ht--tp") == ["must not contain consecutive hyphens"])
        #expect(NameValidation.isValidPortName("1234") == ["must contain at least one letter (a-z)"])
        #expect(
            NameValidation.isValidPortName("HTTP") == [
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)",
            ])
        #expect(NameValidation.isValidPortName("abcdefghijklmnop") == ["must be no more than 15 characters"])
    }

    @Test func percentagesAndHeadersAndEnv() {
        #expect(NameValidation.isValidPercent("25%").isEmpty)
        #expect(NameValidation.isValidPercent("25").count == 1)
        #expect(NameValidation.isValidPercent("%").count == 1)
        #expect(NameValidation.isHTTPHeaderName("X-Custom-1").isEmpty)
        #expect(NameValidation.isHTTPHeaderName("X Custom").count == 1)
        #expect(NameValidation.isEnvVarName("MY_VAR.1").isEmpty)
        #expect(NameValidation.isEnvVarName("1ABC").isEmpty)
        #expect(
            NameValidation.isEnvVarName("A=B") == [
                "a valid environment variable name must consist only of printable ASCII characters other than '='"
            ])
        #expect(NameValidation.isEnvVarName("") == ["environment variable name must be non-empty"])
    }

    @Test func pathSegmentsAndGenerateNamePrefixes() {
        #expect(NameValidation.isPathSegmentName("Any_Name:1").isEmpty)
        #expect(NameValidation.isPathSegmentName("..") == ["may not be '..'"])
        #expect(NameValidation.isPathSegmentName("a/b%c") == ["may not contain '/'", "may not contain '%'"])
        #expect(NameValidation.maskTrailingDash("web-") == "wea")
        #expect(NameValidation.maskTrailingDash("-") == "-")
        #expect(NameRule.dnsSubdomain.messages("web-", prefix: true).isEmpty)
        #expect(!NameRule.dnsSubdomain.messages("web-", prefix: false).isEmpty)
        #expect(NameRule.pathSegment.messages(".", prefix: true).isEmpty)
    }

    @Test func goQuoting() {
        #expect(FieldError.goQuote("plain") == "\"plain\"")
        #expect(FieldError.goQuote("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\x01\"")
        #expect(FieldError.goQuote("héllo") == "\"héllo\"")
    }

    @Test func ipAddresses() {
        #expect(ParsedIP("10.0.0.1")?.canonical == "10.0.0.1")
        #expect(ParsedIP("2001:0DB8:0:0:0:0:0:1")?.canonical == "2001:db8::1")
        #expect(ParsedIP("::")?.canonical == "::")
        #expect(ParsedIP("1:0:0:2:0:0:0:3")?.canonical == "1:0:0:2::3")
        #expect(ParsedIP("::ffff:1.2.3.4")?.isV4Mapped == true)
        #expect(ParsedIP("::ffff:1.2.3.4")?.canonical == "1.2.3.4")
        #expect(ParsedIP("010.1.1.1")?.hadLeadingZeros == true)
        for bad in [
            "1.2.3", "1.2.3.256", "1.2.3.4.5", "a.b.c.d", ":::", "1::2::3", "12345::", "fe80::1%eth0", "", "1.2.3.4/24",
        ] {
            #expect(ParsedIP(bad) == nil, "\(bad) should not parse")
        }
        #expect(ParsedIP("127.0.0.1")?.isLoopback == true)
        #expect(ParsedIP("169.254.1.1")?.isLinkLocalUnicast == true)
        #expect(ParsedIP("fe80::1")?.isLinkLocalUnicast == true)
        #expect(ParsedIP("0.0.0.0")?.isUnspecified == true)
        #expect(ParsedIP("224.0.0.5")?.isLinkLocalMulticast == true)
        var list = CauseList()
        IPValidation.validateIP("2001:DB8::1", "ip", into: &list)
        #expect(
            list.causes.map(\.message) == [
                "Invalid value: \"2001:DB8::1\": must be in canonical form (\"2001:db8::1\")"
            ])
    }

    @Test func quantitiesAreStoredCanonically() throws {
        let cases: [(String, String)] = [
            ("0.5", "500m"), ("1.5Gi", "1536Mi"), ("1000M", "1G"), ("512Ki", "512Ki"), ("1024", "1024"),
            ("2048Ki", "2Mi"),
            ("1e3", "1e3"), ("100m", "100m"), ("0", "0"), ("1500m", "1500m"), ("0.0001", "1m"), ("1000", "1k"),
            ("2", "2"),
        ]
        for (text, canonical) in cases {
            var limits = JSONObject([("cpu", .string(text))])
            PodDefaults.canonicalizeQuantities(&limits)
            #expect(limits["cpu"] == .string(canonical), "\(text)")
        }
        var numeric = JSONObject([("cpu", .number("250e-3")), ("bad", .string("lots"))])
        PodDefaults.canonicalizeQuantities(&numeric)
        #expect(numeric["cpu"] == "250e-3")
        #expect(numeric["bad"] == "lots")
    }
}
