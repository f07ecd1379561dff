import Testing

@testable import KubeAPI

@Suite struct BufferedSystemRandomTests {
    /// Across several refills of the pool (512 words each; the two generators draw from the same
    /// pool): no word repeats and every bit is set about half the time (for 4,096 words, 2,048
    /// ± 10 standard deviations of 32 each, so a working source never fails this and a stuck,
    /// zeroed or partly filled pool always does).
    @Test func wordsAcrossRefillsAreDistinctAndEachBitIsBalanced() {
        var a = BufferedSystemRandom()
        var b = BufferedSystemRandom()
        var words: [UInt64] = []
        for i in 0..<4_096 { words.append(i % 2 == 0 ? a.next() : b.next()) }
        #expect(Set(words).count == words.count)
        for bit in 0..<64 {
            let ones = words.count { $0 & (1 << UInt64(bit)) != 0 }
            #expect((1_728...2_368).contains(ones), "bit \(bit) set in \(ones) of 4096 words")
        }
    }

    @Test func drawsFromRangesLikeAnyGenerator() {
        var generator = BufferedSystemRandom()
        let draws = (0..<1_000).map { _ in Int.random(in: 0..<27, using: &generator) }
        #expect(draws.allSatisfy { (0..<27).contains($0) })
        #expect(Set(draws).count == 27)
    }
}
