/// An IPv4 CIDR block (`10.42.0.0/16`), its address held as a 32-bit number with host bits clear.
struct IPv4CIDR: Hashable, Sendable, CustomStringConvertible {
    /// The first address of the block.
    var base: UInt32
    /// The prefix length, 0-32.
    var prefix: Int

    /// The block `base/prefix`; host bits of `base` are cleared.
    init(base: UInt32, prefix: Int) {
        self.prefix = min(max(prefix, 0), 32)
        self.base = base & Self.mask(self.prefix)
    }

    /// Parses `a.b.c.d/n`; nil for anything else (IPv6 included). Host bits are cleared.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = Self.address(parts[0]), parts[1].count <= 2,
            parts[1].allSatisfy(\.isASCII), let prefix = Int(parts[1]), (0...32).contains(prefix)
        else { return nil }
        self.init(base: address, prefix: prefix)
    }

    /// The netmask of a prefix length.
    static func mask(_ prefix: Int) -> UInt32 { prefix <= 0 ? 0 : UInt32.max << UInt32(32 - min(prefix, 32)) }

    /// The last address of the block.
    var last: UInt32 { base | ~Self.mask(prefix) }

    /// Whether `other` lies wholly inside this block.
    func contains(_ other: IPv4CIDR) -> Bool { other.prefix >= prefix && other.base & Self.mask(prefix) == base }

    /// `a.b.c.d/n`.
    var description: String { "\(Self.format(base))/\(prefix)" }

    /// Parses a dotted quad; nil unless it is four decimal numbers 0-255 without leading zeros.
    static func address(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                octet.count == 1 || octet.first != "0", let n = UInt32(octet), n <= 255
            else { return nil }
            value = value << 8 | n
        }
        return value
    }

    /// `address` as a dotted quad.
    static func format(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)"
    }
}
