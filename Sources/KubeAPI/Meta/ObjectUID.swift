/// Object UIDs as Kubernetes gives `metadata.uid`: random (version 4) UUIDs in lowercase text.
///
/// Made from 128 bits of the kernel's generator (through `BufferedSystemRandom`) and formatted
/// here, which costs a fraction of Foundation's `UUID().uuidString.lowercased()` on the API
/// server's create path.
public enum ObjectUID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A new random UID such as `6f1c0c57-4a52-4b37-9f3e-0d8a4c1b2e77`.
    public static func random() -> String {
        var generator = BufferedSystemRandom()
        return format(high: generator.next(), low: generator.next())
    }

    /// The UUID text of 128 bits, with the version (4) and variant (RFC 4122) bits set.
    static func format(high: UInt64, low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000
        let low = (low & ~(0xC000_0000_0000_0000 as UInt64)) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var out = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                let word = nibble < 16 ? high : low
                let shift = UInt64(60 - 4 * (nibble % 16))
                buffer[out] = hexDigits[Int((word >> shift) & 0xF)]
                out += 1
            }
            return out
        }
    }
}
