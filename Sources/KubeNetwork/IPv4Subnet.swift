/// An IPv4 subnet such as a node's podCIDR (`10.42.0.0/24`), with the address plan the CNI
/// host-local IPAM uses for it: the gateway is the first host address, pods get the addresses
/// from the first host address to the one before broadcast, skipping the gateway.
public struct IPv4Subnet: Sendable, Hashable, CustomStringConvertible {
    /// The network address (host bits cleared).
    public let network: UInt32
    /// The prefix length, 0...32.
    public let prefixLength: Int

    /// Parses `a.b.c.d/n`; host bits in the address are cleared. Throws `NetworkError` for
    /// anything else, and for prefixes longer than /30 (no room for a gateway and a pod).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Subnet.address(parsing: String(parts[0])),
            let length = Int(parts[1]), (0...30).contains(length)
        else { throw NetworkError("invalid IPv4 podCIDR \"\(text)\"") }
        prefixLength = length
        network = address & IPv4Subnet.mask(length)
    }

    /// The subnet's netmask as a number.
    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << UInt32(32 - length) }

    /// The broadcast address.
    public var broadcast: UInt32 { network | ~IPv4Subnet.mask(prefixLength) }
    /// The gateway: the first host address (`10.42.0.1` for `10.42.0.0/24`).
    public var gateway: UInt32 { network + 1 }
    /// The first and last address of the allocation range (host-local's rangeStart/rangeEnd).
    public var rangeStart: UInt32 { network + 1 }
    public var rangeEnd: UInt32 { broadcast - 1 }

    /// Whether `address` is one a pod may get: in the range and not the gateway.
    public func isAssignable(_ address: UInt32) -> Bool {
        address >= rangeStart && address <= rangeEnd && address != gateway
    }

    /// `10.42.0.0/24`.
    public var description: String { "\(IPv4Subnet.format(network))/\(prefixLength)" }

    /// host-local's name for the range, used in its exhaustion error: `10.42.0.1-10.42.0.254`.
    public var rangeSetDescription: String { "\(IPv4Subnet.format(rangeStart))-\(IPv4Subnet.format(rangeEnd))" }

    /// The next assignable address after `last` (wrapping around, as host-local does), skipping
    /// the addresses in `taken`; nil when every one is taken.
    public func nextFree(after last: UInt32?, taken: Set<UInt32>) -> UInt32? {
        let size = UInt64(rangeEnd) - UInt64(rangeStart) + 1
        var candidate: UInt32
        if let last, last >= rangeStart, last <= rangeEnd {
            candidate = last == rangeEnd ? rangeStart : last + 1
        } else {
            candidate = rangeStart
        }
        for _ in 0..<size {
            if isAssignable(candidate), !taken.contains(candidate) { return candidate }
            candidate = candidate == rangeEnd ? rangeStart : candidate + 1
        }
        return nil
    }

    /// Parses a dotted quad; nil when it is not one.
    public static func address(parsing text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard octet.count <= 3, octet.allSatisfy(\.isASCII), let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    /// Writes an address as a dotted quad.
    public static func format(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xff).\(address >> 8 & 0xff).\(address & 0xff)"
    }
}
