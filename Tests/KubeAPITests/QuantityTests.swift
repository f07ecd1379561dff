import Foundation
import Testing

@testable import KubeAPI

/// Parsing and printing facts taken from Kubernetes' own quantity tables.
struct QuantityParseTests {
    /// Input → what Kubernetes' `String()` prints → format after parsing.
    static let printed: [(String, String, Quantity.Format)] = [
        ("0", "0", .decimalSI), ("0n", "0", .decimalSI), ("0u", "0", .decimalSI), ("0m", "0", .decimalSI),
        ("0Ki", "0", .binarySI), ("0k", "0", .decimalSI), ("0Mi", "0", .binarySI), ("0M", "0", .decimalSI),
        ("0Gi", "0", .binarySI), ("0G", "0", .decimalSI), ("0Ti", "0", .binarySI), ("0T", "0", .decimalSI),
        ("1", "1", .decimalSI), ("-1", "-1", .decimalSI), ("+1", "+1", .decimalSI), ("01", "01", .decimalSI),
        ("1Ki", "1Ki", .binarySI), ("8Ki", "8Ki", .binarySI), ("7Mi", "7Mi", .binarySI), ("6Gi", "6Gi", .binarySI),
        ("5Ti", "5Ti", .binarySI), ("4Pi", "4Pi", .binarySI), ("3Ei", "3Ei", .binarySI),
        ("10Ti", "10Ti", .binarySI), ("100Ti", "100Ti", .binarySI),
        ("5n", "5n", .decimalSI), ("4u", "4u", .decimalSI), ("3m", "3m", .decimalSI), ("9", "9", .decimalSI),
        ("8k", "8k", .decimalSI), ("50k", "50k", .decimalSI), ("7M", "7M", .decimalSI), ("6G", "6G", .decimalSI),
        ("5T", "5T", .decimalSI), ("40T", "40T", .decimalSI), ("300T", "300T", .decimalSI), ("2P", "2P", .decimalSI),
        ("1E", "1E", .decimalSI), ("12E", "12E", .decimalSI),
        ("1E-3", "1E-3", .decimalExponent), ("1e3", "1e3", .decimalExponent), ("1E6", "1E6", .decimalExponent),
        ("1e9", "1e9", .decimalExponent), ("1E12", "1E12", .decimalExponent), ("1e15", "1e15", .decimalExponent),
        ("1E18", "1E18", .decimalExponent), ("1e+3", "1e+3", .decimalExponent),
        ("1e14", "100e12", .decimalExponent), ("1e13", "10e12", .decimalExponent),
        ("100.035k", "100.035k", .decimalSI), ("10.035M", "10.035M", .decimalSI), ("7.123456M", "7.123456M", .decimalSI),
        ("0.001", "1m", .decimalSI), ("0.0005k", "500m", .decimalSI), ("0.005", "5m", .decimalSI),
        ("0.05", "50m", .decimalSI), ("0.5", "500m", .decimalSI), ("0.00050k", "500m", .decimalSI),
        ("0.00500", "5m", .decimalSI), ("0.05000", "50m", .decimalSI), ("0.50000", "500m", .decimalSI),
        ("0.5e0", "500e-3", .decimalExponent), ("0.5e-1", "50e-3", .decimalExponent),
        ("0.5e-2", "5e-3", .decimalExponent), ("1.2e3", "1200", .decimalExponent),
        ("1.3E+6", "1300e3", .decimalExponent), ("1.40e9", "1400e6", .decimalExponent),
        ("1.53E12", "1530e9", .decimalExponent), ("1.6e15", "1600e12", .decimalExponent),
        ("1.7E18", "1700e15", .decimalExponent),
        ("9.01", "9010m", .decimalSI), ("8.1k", "8100", .decimalSI), ("6.987654321G", "6.987654321G", .decimalSI),
        ("5.444T", "5.444T", .decimalSI), ("40.1T", "40100G", .decimalSI), ("300.2T", "300200G", .decimalSI),
        ("2.5P", "2500T", .decimalSI), ("1.01E", "1010P", .decimalSI),
        ("3.001n", "4n", .decimalSI), ("1.1E-9", "2e-9", .decimalExponent), ("0.0000000001", "1n", .decimalSI),
        ("0.0000000005", "1n", .decimalSI), ("0.00000000050", "1n", .decimalSI), ("0.5e-9", "1e-9", .decimalExponent),
        ("0.9n", "1n", .decimalSI), ("0.00000012345", "124n", .decimalSI), ("0.00000012354", "124n", .decimalSI),
        ("9Ei", "9223372036854775807", .binarySI), ("9223372036854775807Ki", "9223372036854775807", .binarySI),
        ("100.035Ki", "102435840m", .binarySI), ("0.5Mi", "512Ki", .binarySI),
        ("0.05Gi", "53687091200m", .binarySI), ("0.025Ti", "27487790694400m", .binarySI),
        ("0.000000000001Ki", "2n", .decimalSI), (".001", "1m", .decimalSI), (".0001k", "100m", .decimalSI),
        ("1.", "1.", .decimalSI), ("1.G", "1.G", .decimalSI), ("1.5", "1500m", .decimalSI),
        ("1.5Gi", "1536Mi", .binarySI), ("1024Mi", "1Gi", .binarySI), ("1000M", "1G", .decimalSI),
        ("1000", "1k", .decimalSI), ("1000m", "1", .decimalSI), ("100m", "100m", .decimalSI),
        (".001Ki", "1024m", .binarySI), (".000001Ki", "1024u", .decimalSI), (".000000001Ki", "1024n", .decimalSI),
        ("1000E", "1e21", .decimalSI), ("5000E", "5e21", .decimalSI), ("1000000E", "1e24", .decimalSI),
        ("1.500", "1.500", .decimalSI), ("-0.5", "-500m", .decimalSI), ("-1.5Gi", "-1536Mi", .binarySI),
        ("1e2147483647", "10e2147483646", .decimalExponent), ("1e2147483646", "1e2147483646", .decimalExponent), ("1e-2147483647", "1e-9", .decimalExponent),
        ("123456789012345678901234567890", "123456789012345678901234567890", .decimalSI),
        ("0.1234567890123456789012345", "123456790n", .decimalSI),
        ("-", "0", .decimalSI), ("+", "0", .decimalSI), (".", "0", .decimalSI), ("Ki", "0", .binarySI),
        ("m", "0", .decimalSI), ("00", "0", .decimalSI), ("-0", "0", .decimalSI),
    ]

    @Test(arguments: printed)
    func parsesAndPrints(_ input: String, _ expected: String, _ format: Quantity.Format) throws {
        let q = try Quantity(parsing: input)
        #expect(q.description == expected, "\(input)")
        #expect(q.format == format, "\(input)")
        // Whatever was printed parses back to the same value.
        #expect(try Quantity(parsing: q.description) == q, "\(input)")
        #expect(try Quantity(parsing: q.canonicalString) == q, "\(input)")
    }

    /// Negating any input negates the value and keeps the format.
    @Test(arguments: printed)
    func negatedInputs(_ input: String, _ expected: String, _ format: Quantity.Format) throws {
        let body = input.hasPrefix("-") || input.hasPrefix("+") ? String(input.dropFirst()) : input
        guard !body.isEmpty else { return }
        let positive = try Quantity(parsing: body)
        let negative = try Quantity(parsing: "-" + body)
        #expect(negative == -positive, "\(input)")
        #expect(negative.format == positive.format, "\(input)")
        #expect(try Quantity(parsing: "+" + body) == positive, "\(input)")
        if !positive.isZero {
            #expect(negative.canonicalString == "-" + positive.canonicalString, "\(input)")
        }
    }

    static let invalid: [(String, String)] = [
        ("", Quantity.formatErrorMessage), ("1.1.M", Quantity.formatErrorMessage),
        ("1+1.0M", Quantity.formatErrorMessage), ("0.1mi", Quantity.suffixErrorMessage),
        ("0.1am", Quantity.formatErrorMessage), ("aoeu", Quantity.formatErrorMessage),
        (".5i", Quantity.suffixErrorMessage), ("1i", Quantity.suffixErrorMessage),
        ("-3.01i", Quantity.suffixErrorMessage), ("-3.01e-", Quantity.suffixErrorMessage),
        ("1e4294967297", Quantity.suffixErrorMessage), ("1e2147483648", Quantity.suffixErrorMessage),
        ("1e-2147483648", Quantity.suffixErrorMessage), ("1E9223372036854775808", Quantity.suffixErrorMessage),
        (" 1", Quantity.formatErrorMessage), ("1 ", Quantity.formatErrorMessage),
        ("1e", Quantity.suffixErrorMessage), ("1Ki3", Quantity.suffixErrorMessage),
        ("1k2", Quantity.suffixErrorMessage), ("--1", Quantity.suffixErrorMessage),
        ("1ee3", Quantity.suffixErrorMessage), ("1KiB", Quantity.formatErrorMessage),
        ("1.5.5", Quantity.formatErrorMessage), ("1,5", Quantity.formatErrorMessage),
        ("Pi", Quantity.numericErrorMessage), (".Ei", Quantity.numericErrorMessage),
        ("-.e-10", Quantity.numericErrorMessage), ("１", Quantity.formatErrorMessage),
        ("1\u{0}", Quantity.formatErrorMessage), ("0x10", Quantity.formatErrorMessage),
        ("NaN", Quantity.formatErrorMessage), ("1e3.5", Quantity.formatErrorMessage),
    ]

    @Test(arguments: invalid)
    func rejects(_ input: String, _ message: String) {
        #expect(throws: APIError.badRequest(message)) { try Quantity(parsing: input) }
    }

    @Test func errorMessageMatchesKubernetes() {
        #expect(
            Quantity.formatErrorMessage
                == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    }
}

/// Canonical printing from value and format (Kubernetes' `TestQuantityString` facts).
struct QuantityFormattingTests {
    static let cases: [(Quantity, String)] = [
        (Quantity(1024 * 1024 * 1024, format: .binarySI), "1Gi"),
        (Quantity(300 * 1024 * 1024, format: .binarySI), "300Mi"),
        (Quantity(6 * 1024, format: .binarySI), "6Ki"),
        (Quantity(1001 * 1024 * 1024 * 1024, format: .binarySI), "1001Gi"),
        (Quantity(1024 * 1024 * 1024 * 1024, format: .binarySI), "1Ti"),
        (Quantity(5, format: .binarySI), "5"), (Quantity(milli: 500, format: .binarySI), "500m"),
        (Quantity(scaled: 1, scale: 9), "1G"), (Quantity(scaled: 1000, scale: 6), "1G"),
        (Quantity(scaled: 1_000_000, scale: 3), "1G"), (Quantity(1_000_000_000), "1G"),
        (Quantity(milli: 1), "1m"), (Quantity(milli: 80), "80m"), (Quantity(milli: 1080), "1080m"),
        (Quantity(scaled: 108, scale: -2), "1080m"), (Quantity(scaled: 10800, scale: -4), "1080m"),
        (Quantity(scaled: 300, scale: 6), "300M"), (Quantity(scaled: 1, scale: 12), "1T"),
        (Quantity(scaled: 1, scale: 18), "1E"), (Quantity(scaled: 1, scale: 21), "1e21"),
        (Quantity(scaled: 5, scale: 21), "5e21"), (Quantity(scaled: 1, scale: 24), "1e24"),
        (Quantity(scaled: 1_234_567, scale: 6), "1234567M"), (Quantity(milli: 1_234_567, format: .binarySI), "1234567m"),
        (Quantity(scaled: 3, scale: 3), "3k"), (Quantity(1025, format: .binarySI), "1025"),
        (Quantity(0), "0"), (Quantity(0, format: .binarySI), "0"), (Quantity(0, format: .decimalExponent), "0"),
        (Quantity(scaled: 1, scale: -9), "1n"), (Quantity(scaled: 80, scale: -9), "80n"),
        (Quantity(scaled: 1080, scale: -9), "1080n"), (Quantity(scaled: 108, scale: -8), "1080n"),
        (Quantity(scaled: 10800, scale: -10), "1080n"), (Quantity(scaled: 1, scale: -6), "1u"),
        (Quantity(scaled: 80, scale: -6), "80u"), (Quantity(scaled: 1080, scale: -6), "1080u"),
        (Quantity(scaled: 1, scale: -12), "1e-12"), (Quantity(scaled: 1, scale: -10), "100e-12"),
        (Quantity(2000, format: .binarySI), "2000"), (Quantity(-2000, format: .binarySI), "-2000"),
        (Quantity(-1024, format: .binarySI), "-1Ki"), (Quantity(1023, format: .binarySI), "1023"),
        (Quantity(1_000_000, format: .decimalExponent), "1e6"), (Quantity(-1, format: .decimalExponent), "-1"),
        (Quantity(milli: -1500), "-1500m"), (Quantity(Int64.min), "-9223372036854775808"),
    ]

    @Test(arguments: cases)
    func prints(_ quantity: Quantity, _ expected: String) {
        #expect(quantity.description == expected)
        #expect(quantity.canonicalString == expected)
    }

    /// `(value, scale, format)` values past the binary suffixes fall back to decimal notation.
    @Test func binaryPastExbi() throws {
        func amount(_ exponent: Int, _ significand: Int64) -> Quantity {
            var q = Quantity(scaled: significand, scale: exponent)
            q.format = .binarySI
            return q
        }
        #expect(amount(70, 1).description == "10e69")
        #expect(amount(70, 2).description == "20e69")
        #expect(amount(72, 1).description == "1e72")
        var q = try Quantity(parsing: "1Ei")
        let step = q
        for _ in 1..<1024 { q += step }
        #expect(q.description == "1180591620717411303424")
        #expect(try Quantity(parsing: q.description) == q)
    }

    /// Canonical spellings keep their text; alternates recompute it.
    @Test(arguments: [
        ("1024Mi", "1Gi"), ("307200Ki", "300Mi"), ("1025024Mi", "1001Gi"), ("1024Gi", "1Ti"), ("5000m", "5"),
        ("1000M", "1G"), ("0.001T", "1G"), ("1000u", "1m"), ("1.08", "1080m"), ("1080000000n", "1080m"),
        (".001e12", "1e9"), ("0.001e0", "1e-3"), ("1000e-12", "1e-9"), ("00", "0"),
    ])
    func alternateSpellings(_ input: String, _ expected: String) throws {
        let q = try Quantity(parsing: input)
        #expect(q.preservedText == nil)
        #expect(q.description == expected)
        let canonical = try Quantity(parsing: expected)
        #expect(canonical.preservedText == expected)
        #expect(canonical == q)
    }

    @Test func changingFormatDropsPreservedSpelling() throws {
        var q = try Quantity(parsing: "1e3")
        #expect(q.description == "1e3")
        q.format = .decimalSI
        #expect(q.description == "1k")
        q.format = .binarySI
        #expect(q.description == "1k")
    }
}

/// Values, comparison, arithmetic and coding.
struct QuantityValueTests {
    @Test(arguments: [
        ("9.01", Int64(10), Int64(9010)), ("-9.01", -10, -9010), ("1n", 1, 1), ("-1n", -1, -1),
        ("100m", 1, 100), ("1", 1, 1000), ("1Ki", 1024, 1_024_000), ("1.5", 2, 1500), ("0", 0, 0),
        ("1E", 1_000_000_000_000_000_000, Int64.max), ("-1E", -1_000_000_000_000_000_000, Int64.min),
        ("9223372036854775807", Int64.max, Int64.max), ("-9223372036854775808", Int64.min, Int64.min),
        ("9223372036854775808", Int64.max, Int64.max), ("1e2147483647", Int64.max, Int64.max),
        ("0.1m", 1, 1), ("8Ei", Int64.max, Int64.max), ("123456789012345678901234567890", Int64.max, Int64.max),
    ])
    func values(_ input: String, _ value: Int64, _ milli: Int64) throws {
        let q = try Quantity(parsing: input)
        #expect(q.value == value, "\(input)")
        #expect(q.milliValue == milli, "\(input)")
    }

    @Test func scaledValues() throws {
        let q = try Quantity(parsing: "1.5Gi")
        #expect(q.scaledValue(-9) == 1_610_612_736_000_000_000)
        #expect(q.scaledValue(6) == 1611)
        #expect(try Quantity(parsing: "250m").scaledValue(-9) == 250_000_000)
        #expect(try Quantity(parsing: "1.5").doubleValue == 1.5)
        #expect(q.scaledValue(Int.max) == 1)
        #expect(q.scaledValue(Int.min) == Int64.max)
        #expect((-q).scaledValue(Int.max) == -1)
        let extreme = Quantity(scaled: 1, scale: Int.max)
        #expect(extreme.description == "10e2147483646")
        #expect(Quantity(scaled: 1, scale: Int.min).milliValue == 1)
        #expect(extreme + Quantity(scaled: 1, scale: Int.min) == extreme)
    }

    @Test(arguments: [
        ("0", "0", 0), ("100m", "50m", 1), ("50m", "100m", -1), ("10000T", "100Gi", 1), ("1Ki", "1024", 0),
        ("1", "1000m", 0), ("-1", "1m", -1), ("1e2000000000", "9E", 1), ("-1e2000000000", "-9E", -1),
        ("1e2000000000", "1e2000000001", -1), ("123456789012345678901", "123456789012345678900", 1),
        ("0.5", "500m", 0), ("1.5Gi", "1536Mi", 0), ("9Ei", "9223372036854775807", 0),
    ])
    func compares(_ a: String, _ b: String, _ expected: Int) throws {
        let x = try Quantity(parsing: a), y = try Quantity(parsing: b)
        #expect((x < y ? -1 : (x == y ? 0 : 1)) == expected, "\(a) vs \(b)")
        #expect((y < x ? -1 : (y == x ? 0 : 1)) == -expected, "\(b) vs \(a)")
        if expected == 0 { #expect(x.hashValue == y.hashValue) }
    }

    @Test(arguments: [
        ("100m", "0", "100m", "100m"), ("0", "100m", "100m", "-100m"), ("1Gi", "0", "1Gi", "1Gi"),
        ("0", "1Gi", "1Gi", "-1Gi"), ("1", "500m", "1500m", "500m"), ("1Gi", "512Mi", "1536Mi", "512Mi"),
        ("1", "1", "2", "0"), ("333m", "667m", "1", "-334m"), ("1e3", "1", "1001", "999"),
        ("9223372036854775807", "1", "9223372036854775808", "9223372036854775806"),
        ("1n", "1E", "1000000000000000000000000001n", "-999999999999999999999999999n"),
    ])
    func arithmetic(_ a: String, _ b: String, _ sum: String, _ difference: String) throws {
        let x = try Quantity(parsing: a), y = try Quantity(parsing: b)
        #expect((x + y).description == sum, "\(a) + \(b)")
        #expect((x - y).description == difference, "\(a) - \(b)")
        var z = x
        z += y
        z -= y
        #expect(z == x)
    }

    @Test func summingRequests() throws {
        var total = Quantity.zero
        for text in ["100m", "250m", "1", "0.5", "150m"] { total += try Quantity(parsing: text) }
        #expect(total.description == "2")
        #expect(total.milliValue == 2000)
        var memory = Quantity.zero
        for text in ["128Mi", "256Mi", "640Mi"] { memory += try Quantity(parsing: text) }
        #expect(memory.description == "1Gi")
    }

    @Test func hugeExponentsStayCheap() throws {
        let huge = try Quantity(parsing: "1e2000000000")
        let one = Quantity(1)
        #expect(huge + one == huge)
        #expect(one + huge == huge)
        #expect((one - huge) == -huge)
        #expect((huge - huge).isZero)
        #expect(huge.value == Int64.max)
        let long = String(repeating: "9", count: 900)
        let big = try Quantity(parsing: long)
        #expect(big.description == long)
        #expect((big + Quantity(scaled: 1, scale: -9)).description == long + "000000001n")
    }

    /// Absurdly long numbers are bounded: sub-nano digits only round up, zeros are free, and more
    /// than `maximumSignificantDigits` significant digits are refused instead of burning CPU.
    @Test func longInputsAreBounded() throws {
        let manyDigits = String(repeating: "7", count: 100_000)
        #expect(try Quantity(parsing: "0." + manyDigits).description == "777777778n")
        #expect(try Quantity(parsing: "-0." + manyDigits).description == "-777777778n")
        #expect(try Quantity(parsing: "1" + String(repeating: "0", count: 100_000)).description == "10e99999")
        #expect(try Quantity(parsing: "0." + String(repeating: "0", count: 100_000) + "1").description == "1n")
        #expect(try Quantity(parsing: String(repeating: "0", count: 100_000) + "5").canonicalString == "5")
        #expect(try Quantity(parsing: String(repeating: "1", count: 1000)).description.count == 1000)
        #expect(throws: APIError.badRequest(Quantity.numericErrorMessage)) {
            try Quantity(parsing: String(repeating: "1", count: 1001))
        }
        #expect(throws: APIError.badRequest(Quantity.numericErrorMessage)) {
            try Quantity(parsing: manyDigits + "Ki")
        }
        #expect(throws: APIError.badRequest(Quantity.numericErrorMessage)) {
            try Quantity(parsing: "0." + manyDigits + "Ki")
        }
    }

    struct Holder: Codable, Equatable {
        var cpu: Quantity
    }

    @Test func codable() throws {
        let encoded = try JSONEncoder().encode(Holder(cpu: try Quantity(parsing: "1.5")))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"cpu":"1500m"}"#)
        let decoder = JSONDecoder()
        for (json, expected) in [
            (#"{"cpu":"100m"}"#, "100m"), (#"{"cpu":" 2Gi "}"#, "2Gi"), (#"{"cpu":1.5}"#, "1500m"),
            (#"{"cpu":2}"#, "2"), (#"{"cpu":null}"#, "0"), (#"{"cpu":1e3}"#, "1k"), (#"{"cpu":0.001}"#, "1m"),
        ] {
            let holder = try decoder.decode(Holder.self, from: Data(json.utf8))
            #expect(holder.cpu.description == expected, "\(json)")
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(Holder.self, from: Data(#"{"cpu":"1x"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(Holder.self, from: Data(#"{"cpu":true}"#.utf8))
        }
    }

    @Test func jsonValues() throws {
        #expect(try Quantity(jsonValue: .number("1e3")).description == "1e3")
        #expect(try Quantity(jsonValue: .number("-1.5")).description == "-1500m")
        #expect(try Quantity(jsonValue: .string(" 64Mi\n")).description == "64Mi")
        #expect(try Quantity(jsonValue: .null).isZero)
        #expect(throws: APIError.badRequest(Quantity.formatErrorMessage)) { try Quantity(jsonValue: .bool(true)) }
        #expect(throws: APIError.badRequest(Quantity.formatErrorMessage)) { try Quantity(jsonValue: .string("")) }
        #expect(try Quantity(parsing: "1.5Gi").jsonValue == .string("1536Mi"))
        let parsed = try JSONValue.parse(#"{"memory":"1Gi","cpu":0.25}"#)
        #expect(try Quantity(jsonValue: parsed["cpu"] ?? .null).milliValue == 250)
    }
}


struct QuantityRandomizedTests {
    /// Random strings never crash the parser; whatever parses prints text that parses back to it.
    @Test func randomStringsRoundTrip() throws {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("0123456789000.+-eEinumkKMGTPi ")
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...10, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "0" })
            guard let q = try? Quantity(parsing: text) else { continue }
            parsed += 1
            #expect(try Quantity(parsing: q.description) == q, "\(text)")
            #expect(try Quantity(parsing: q.canonicalString) == q, "\(text)")
            #expect(try Quantity(parsing: (-q).canonicalString) == -q, "\(text)")
        }
        #expect(parsed > 1000)
    }

    /// Sums and differences are exact: (a + b) - b == a, and order agrees with milli values.
    @Test func arithmeticIsExact() throws {
        var rng = SplitMix64(seed: 7)
        let suffixes = ["", "m", "u", "n", "k", "M", "G", "Ki", "Mi", "Gi", "e3", "e-2"]
        func random() throws -> Quantity {
            let whole = Int.random(in: -99_999...99_999, using: &rng)
            let fraction = Int.random(in: 0...999, using: &rng)
            let suffix = suffixes.randomElement(using: &rng) ?? ""
            return try Quantity(parsing: "\(whole).\(fraction)\(suffix)")
        }
        for _ in 0..<5_000 {
            let a = try random(), b = try random()
            #expect((a + b) - b == a)
            #expect(a + b == b + a)
            #expect((a - b) + (b - a) == .zero)
            if a.milliValue < b.milliValue { #expect(a < b) }
            #expect(try Quantity(parsing: (a + b).description) == a + b)
        }
    }
}
