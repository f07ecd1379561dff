import Testing

@testable import KubeAPI

@Suite struct ByteWordTests {
    /// A word of `filler` bytes with `byte` at `position` (0 is the first byte in memory).
    func word(_ byte: UInt8, at position: Int, filler: UInt8) -> UInt64 {
        var bytes = [UInt8](repeating: filler, count: 8)
        bytes[position] = byte
        return bytes.withUnsafeBytes { ByteWord.load($0, at: 0) }
    }

    @Test func everyByteAtEveryPositionIsSeenExactlyWhenItMatters() {
        for filler: UInt8 in [0x61, 0x20, 0x7F, 0x80, 0xFF] {
            for b in 0...255 {
                let byte = UInt8(b)
                for position in 0..<8 {
                    let w = word(byte, at: position, filler: filler)
                    let stringStop = byte == 0x22 || byte == 0x5C || byte < 0x20
                    let expected: UInt64 = stringStop ? 0x80 << (8 * UInt64(position)) : 0
                    #expect(ByteWord.exactStringStops(w) == expected, "byte \(b) at \(position) in \(filler)")
                    #expect(JSONEscapes.anyIn(w) == JSONEscapes.needsEscape(byte), "byte \(b) at \(position) in \(filler)")
                }
            }
        }
    }

    @Test func stringStopsMarkEveryStopInAWordOfMany() {
        // Words mixing stops and other bytes, the ones next to the stops' values included.
        let choices: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x61, 0x9F, 0xDC, 0xFF]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return choices[Int((state >> 33) % UInt64(choices.count))]
            }
            let w = bytes.withUnsafeBytes { ByteWord.load($0, at: 0) }
            let expected = (0..<8).reduce(UInt64(0)) { mask, k in
                bytes[k] == 0x22 || bytes[k] == 0x5C || bytes[k] < 0x20 ? mask | (0x80 << (8 * UInt64(k))) : mask
            }
            #expect(ByteWord.exactStringStops(w) == expected, "\(bytes)")
        }
    }

    @Test func stringsRoundTripWithSpecialsAnywhere() throws {
        let specials = ["\"", "\\", "\n", "\u{01}", "<", ">", "&", "é", "😀", "\u{7F}", "/"]
        for special in specials {
            for prefix in 0..<20 {
                for suffix in [0, 3, 9] {
                    let s = String(repeating: "a", count: prefix) + special + String(repeating: "b", count: suffix)
                    let bytes = JSONValue.string(s).serialized()
                    #expect(try JSONValue.parse(bytes) == .string(s))
                    let skipped = try JSONValue.parse(Array(#"{"x":"# .utf8) + bytes + Array(#","y":1}"#.utf8), keeping: JSONKeyFilter(paths: [["y"]]))
                    #expect(skipped["y"] == 1, "the filtered parse skips \(s.debugDescription)")
                }
            }
        }
    }

    @Test func exactEqualMarksEveryMatchingByteAndNoOther() {
        for filler: UInt8 in [0x22, 0x21, 0x23, 0x00, 0xA2, 0xFF] {
            for target: UInt8 in [0x22, 0x5C, 0x7B, 0x7D] {
                for mask in 0..<256 {
                    let bytes = (0..<8).map { mask & (1 << $0) != 0 ? target : filler }
                    let w = bytes.withUnsafeBytes { ByteWord.load($0, at: 0) }
                    let expected = (0..<8).reduce(UInt64(0)) { bytes[$1] == target ? $0 | (0x80 << (8 * UInt64($1))) : $0 }
                    #expect(ByteWord.exactEqual(w, target) == expected, "\(bytes) for \(target)")
                }
            }
        }
    }

    @Test func skippedContainersEndAtTheirCloseWhereverEscapesAndBracketsFall() throws {
        // Runs of escaped backslashes long enough to cross a 64-byte block, with and without a quote.
        let inner = [#"\""#, #"\\"#, #"\\\""#, "]", "}", "[", "{", #"\u005d"#,
                     String(repeating: #"\\"#, count: 40), String(repeating: #"\\"#, count: 33) + #"\""#]
        for piece in inner {
            // Every offset across two blocks of the skipping scan (64 bytes) and its words (8).
            for prefix in 0..<140 {
                let text = #"{"x":[{"s":""# + String(repeating: "a", count: prefix) + piece + #"","t":["]","}",[{}]]},2],"y":1}"#
                let parsed = try JSONValue.parse(Array(text.utf8), keeping: JSONKeyFilter(paths: [["y"]]))
                #expect(parsed == ["y": 1], "skipping \(text)")
                #expect(try JSONValue.parse(Array(text.utf8))["y"] == 1)
            }
        }
    }

    @Test func skippingAgreesWithParsingOnGeneratedDocuments() throws {
        // A fixed-seed generator: the same documents on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let pieces = ["a", "b", "{", "}", "[", "]", "\\\"", "\\\\", " ", ",", ":", "é", "\\n", "xyzxyzxyz"]
        func value(_ depth: Int) -> JSONValue {
            switch depth > 6 ? next(3) : next(6) {
            case 0: return .string((0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined())
            case 1: return .number(String(next(100_000)))
            case 2: return next(2) == 0 ? .bool(true) : .null
            case 3, 4: return .object(JSONObject((0..<next(5)).map { _ in ("k\(next(20))", value(depth + 1)) }))
            default: return .array((0..<next(5)).map { _ in value(depth + 1) })
            }
        }
        for round in 0..<2_000 {
            let skipped = value(0)
            let text = #"{"x":"# + String(decoding: skipped.serialized(), as: UTF8.self) + #","y":1}"#
            let parsed = try JSONValue.parse(Array(text.utf8), keeping: JSONKeyFilter(paths: [["y"]]))
            #expect(parsed == ["y": 1], "round \(round): \(text)")
            // The value alone, kept nothing of: its end falls anywhere in the last word.
            if case .object = skipped {
                #expect(try JSONValue.parse(skipped.serialized(), keeping: .nothing) == .object(JSONObject()), "round \(round)")
            }
        }
    }

    @Test func keepingNothingSkipsTheWholeObject() throws {
        let text = #"{"a":{"b":[1,"}\"{"]},"c":"x","d":[{}]}"#
        #expect(try JSONValue.parse(Array(text.utf8), keeping: .nothing) == .object(JSONObject()))
        #expect(try JSONValue.parse(Array("[{\"a\":1},{}]".utf8), keeping: .nothing) == [[:], [:]])
        for broken in [#"{"a":{"b":1}"#, #"{"a":"}"#, "{"] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(broken.utf8), keeping: .nothing) }
        }
    }

    @Test func skippedContainersKeepTheDepthLimit() throws {
        let limit = JSONValue.maximumDepth
        // The document's own object is one level; the skipped value may add limit - 1 more.
        let deepest = String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1)
        #expect(try JSONValue.parse(Array((#"{"x":"# + deepest + #","y":1}"#).utf8), keeping: JSONKeyFilter(paths: [["y"]])) == ["y": 1])
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array((#"{"x":["# + deepest + #"],"y":1}"#).utf8)) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParseError.self) {
            try JSONValue.parse(Array((#"{"x":"# + tooDeep + #","y":1}"#).utf8), keeping: JSONKeyFilter(paths: [["y"]]))
        }
    }

    @Test(arguments: [#"{"x":{"a":"\\\"},"y":1}"#, #"{"x":["\"],"y":1}"#, #"{"x":[[[[[[[[]]]]]]],"y":1"#])
    func unclosedSkippedContainersThrow(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8), keeping: JSONKeyFilter(paths: [["y"]])) }
    }

    @Test func controlCharactersInALongStringAreRefused() {
        let text = "\"" + String(repeating: "a", count: 13) + "\u{01}" + String(repeating: "a", count: 13) + "\""
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }
}
