/// The slots of a read-only, open-addressed hash table over byte strings, shared by the tables
/// that look names up on every member of every object (`JSONKnownStrings`, `NameIndex`): a hash
/// of a string's length and its first and last eight bytes (a few multiplications, where
/// `Dictionary` runs SipHash over every byte), at most a quarter of the slots used, and in each
/// used slot the high half of its entry's hash, so that a lookup that misses rarely compares an
/// entry.
struct HashSlots: Sendable, Hashable {
    /// 0 when empty, else the entry's index plus one in the low 32 bits and the high 32 bits of
    /// its hash above.
    private let slots: [UInt64]
    private let shift: UInt64

    /// Slots for entries `0..<hashes.count` with these hashes (`HashSlots.hash`).
    init(hashes: [UInt64]) {
        precondition(hashes.count < Int(UInt32.max), "a slot holds an entry's index in 32 bits")
        var bits: UInt64 = 3
        while (1 << bits) < hashes.count * 4 { bits += 1 }
        var slots = [UInt64](repeating: 0, count: 1 << bits)
        let shift = 64 - bits
        for (n, h) in hashes.enumerated() {
            var slot = Int(h >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(n + 1)
        }
        self.slots = slots
        self.shift = shift
    }

    /// The first entry with hash `h` for which `matches` holds, probing in slot order.
    @inline(__always)
    func find(hash h: UInt64, _ matches: (Int) -> Bool) -> Int? {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(h >> shift)
        return slots.withUnsafeBufferPointer { slots -> Int? in
            while true {
                let s = slots[slot]
                if s == 0 { return nil }
                if s & 0xFFFF_FFFF_0000_0000 == tag {
                    let n = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                    if matches(n) { return n }
                }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
    }

    /// A hash of `bytes` from its length and its first and last eight bytes (little-endian; a
    /// string shorter than eight is read as one word padded with zeros); the top bits pick the
    /// slot.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let first: UInt64
        let last: UInt64
        if bytes.count >= 8 {
            first = ByteWord.load(bytes, at: 0)
            last = ByteWord.load(bytes, at: bytes.count - 8)
        } else {
            var word: UInt64 = 0
            for (i, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * UInt64(i)) }
            first = word
            last = 0
        }
        var h = (first ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ last ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }
}
