import KubeAPI
import Testing

@Suite struct StringWhitespaceTests {
    @Test(arguments: [
        ("  a b ", "a b"), ("\t\n\r\u{0B}\u{0C}x\u{85}\u{A0}", "x"), ("", ""), ("   ", ""), ("abc", "abc"),
        ("\u{3000}wide\u{2003}", "wide"), ("é ", "é"),
    ])
    func trimsWhatGoTrimSpaceTrims(_ text: String, _ expected: String) {
        #expect(text.trimmingWhitespace() == expected[...])
        #expect(("[" + text + "]").dropFirst().dropLast().trimmingWhitespace() == expected[...])
    }

    @Test(arguments: [
        ("Bearer abc", "abc"), ("bearer  abc ", "abc"), ("BEARER abc", "abc"), ("Basic abc", nil), ("Bearer ", nil),
        ("Bearer", nil), ("Bearerx abc", nil), ("", nil),
    ] as [(String, String?)])
    func bearerTokens(_ header: String, _ token: String?) {
        #expect(BearerToken.parse(authorization: header) == token)
    }
}
