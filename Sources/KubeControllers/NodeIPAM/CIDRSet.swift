/// The subnets of one prefix length cut from a cluster range, and which are in use (Kubernetes'
/// `cidrset.CidrSet`): allocation goes round from the one after the last allocated, so a freed
/// subnet is handed out again only after the others.
struct CIDRSet: Sendable {
    /// The cluster range.
    let cluster: IPv4CIDR
    /// The prefix length of every subnet.
    let maskSize: Int
    /// How many subnets the range holds.
    let count: Int
    private var used: [UInt64]
    private var next = 0
    /// How many subnets are in use.
    private(set) var usedCount = 0

    /// The largest `maskSize - cluster.prefix` accepted (65536 subnets), as Kubernetes limits it.
    static let maxSubnetBits = 16

    /// The subnets of `maskSize` in `cluster`; nil when `maskSize` is shorter than the cluster
    /// prefix, longer than 32, or cuts more than 65536 subnets.
    init?(cluster: IPv4CIDR, maskSize: Int) {
        guard maskSize >= cluster.prefix, maskSize <= 32, maskSize - cluster.prefix <= Self.maxSubnetBits else { return nil }
        self.cluster = cluster
        self.maskSize = maskSize
        count = 1 << (maskSize - cluster.prefix)
        used = Array(repeating: 0, count: (count + 63) / 64)
    }

    /// Subnet number `index`.
    func subnet(_ index: Int) -> IPv4CIDR {
        IPv4CIDR(base: cluster.base &+ UInt32(truncatingIfNeeded: index) << UInt32(32 - maskSize), prefix: maskSize)
    }

    /// The subnet numbers a block overlaps; nil when it is not inside the cluster range.
    func indices(covering block: IPv4CIDR) -> ClosedRange<Int>? {
        guard cluster.contains(block) else { return nil }
        let shift = UInt32(32 - maskSize)
        return Int((block.base &- cluster.base) >> shift)...Int((block.last &- cluster.base) >> shift)
    }

    /// Whether subnet `index` is in use.
    func isUsed(_ index: Int) -> Bool { used[index / 64] & (1 << UInt64(index % 64)) != 0 }

    /// Marks the subnets `range` as used.
    mutating func occupy(_ range: ClosedRange<Int>) {
        for i in range where !isUsed(i) {
            used[i / 64] |= 1 << UInt64(i % 64)
            usedCount += 1
        }
    }

    /// Marks the subnets `range` as free.
    mutating func release(_ range: ClosedRange<Int>) {
        for i in range where isUsed(i) {
            used[i / 64] &= ~(1 << UInt64(i % 64))
            usedCount -= 1
        }
    }

    /// Takes the first free subnet at or after the one following the last taken, wrapping
    /// round; nil when every subnet is used.
    mutating func allocateNext() -> Int? {
        guard usedCount < count else { return nil }
        for step in 0..<count {
            let i = (next + step) % count
            if !isUsed(i) {
                occupy(i...i)
                next = (i + 1) % count
                return i
            }
        }
        return nil
    }
}
