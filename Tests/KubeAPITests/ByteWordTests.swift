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
                    #expect(ByteWord.endsOrEscapesString(w) == stringStop, "byte \(b) at \(position) in \(filler)")
                    #expect(JSONEscapes.anyIn(w) == (JSONEscapes.escape(byte) != nil), "byte \(b) at \(position) in \(filler)")
                }
            }
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

    @Test func controlCharactersInALongStringAreRefused() {
        let text = "\"" + String(repeating: "a", count: 13) + "\u{01}" + String(repeating: "a", count: 13) + "\""
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }
}
