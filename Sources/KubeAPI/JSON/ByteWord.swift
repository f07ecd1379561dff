/// Tests on eight bytes at once (a little-endian `UInt64` loaded from a byte buffer), for the
/// JSON parser's and writer's string scans: most strings hold no byte they must stop at, and
/// checking a word at a time skips them in an eighth of the steps.
///
/// Each test is the "has a zero byte" test of Hacker's Delight on a transformed word: it may
/// report a byte above a matching one as well (a borrow), but never misses a match, so a caller
/// that falls back to looking at single bytes when a word reports one stays exact.
enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Nonzero when `word` has a zero byte.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// Nonzero when `word` has a byte equal to `byte`.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// Nonzero when `word` has a byte below 0x20 (a control character); bytes at or above 0x80
    /// are excluded by `~word`.
    @inline(__always)
    static func below0x20(_ word: UInt64) -> UInt64 {
        (word &- ones &* 0x20) & ~word & highBits
    }

    /// The high bit of every byte of `word` that equals `byte`, and of no other byte: unlike
    /// `equal`, exact at every position, so that the set bits can be walked one by one.
    @inline(__always)
    static func exactEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        // Adding 0x7F to each byte's low seven bits carries into its high bit unless they are
        // all zero, and never into the next byte.
        return ~(((x & ~highBits) &+ ~highBits) | x | ~highBits)
    }

    /// The high bit of every byte of `word` a string scan stops at (`"`, `\\` or a control
    /// character), and of no other byte: the first set bit is the first such byte.
    @inline(__always)
    static func exactStringStops(_ word: UInt64) -> UInt64 {
        // A byte below 0x20 has its top three bits clear: masked, it is zero.
        exactEqual(word, 0x22) | exactEqual(word, 0x5C) | exactEqual(word & 0xE0E0_E0E0_E0E0_E0E0, 0)
    }

    /// The eight bytes at `offset` of `buffer` (which must hold them).
    @inline(__always)
    static func load(_ buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        // Little-endian whatever the machine: the first byte is the lowest, which the callers
        // that walk set bits from the lowest rely on.
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
