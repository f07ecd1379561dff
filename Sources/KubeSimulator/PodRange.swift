/// IPv4 ranges for hollow nodes: the i-th /24 of a larger CIDR, and host addresses in a /24.
public struct PodRange: Sendable, Hashable {
    /// The network address as a 32-bit number.
    public let base: UInt32
    /// Prefix length.
    public let prefix: Int

    /// Parses `a.b.c.d/n`; nil when malformed.
    public init?(cidr: String) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix) else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        let address = octets.reduce(0) { $0 << 8 | $1 }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
        base = address & mask
        self.prefix = prefix
    }

    init(base: UInt32, prefix: Int) {
        self.base = base
        self.prefix = prefix
    }

    /// How many /24 ranges fit in this one.
    public var subnetCount: Int { prefix > 24 ? 0 : 1 << (24 - prefix) }

    /// The `index`-th /24 inside this range, nil past the end.
    public func subnet(_ index: Int) -> PodRange? {
        guard index >= 0, index < subnetCount else { return nil }
        return PodRange(base: base + UInt32(index) << 8, prefix: 24)
    }

    /// The `host`-th address (1-based; .0 is the network address) of this range as text.
    public func address(_ host: Int) -> String {
        Self.format(base + UInt32(host))
    }

    /// `a.b.c.d/n`.
    public var description: String { "\(Self.format(base))/\(prefix)" }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24 & 255).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)"
    }
}
