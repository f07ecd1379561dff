import Foundation
import Testing

@testable import KubeAPI

@Suite struct ObjectUIDTests {
    @Test func randomUIDsAreLowercaseVersion4UUIDs() throws {
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let uid = ObjectUID.random()
            let parsed = try #require(UUID(uuidString: uid), "\(uid) is not a UUID")
            #expect(parsed.uuidString.lowercased() == uid)
            let digits = Array(uid)
            #expect(digits[14] == "4", "version nibble of \(uid)")
            #expect("89ab".contains(digits[19]), "variant nibble of \(uid)")
            seen.insert(uid)
        }
        #expect(seen.count == 1_000)
    }

    @Test func formatsEveryBitInPlace() {
        #expect(ObjectUID.format(high: 0, low: 0) == "00000000-0000-4000-8000-000000000000")
        #expect(ObjectUID.format(high: .max, low: .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(
            ObjectUID.format(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
                == "01234567-89ab-4def-bedc-ba9876543210")
    }
}
