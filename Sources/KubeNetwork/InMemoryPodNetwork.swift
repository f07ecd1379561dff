/// A `PodNetwork` that only hands out addresses, with the same plan as `BridgeNetwork` (gateway
/// first, then addresses in order after the last one given, released ones reused last), and
/// touches nothing on the system. For tests of the kubelet.
public actor InMemoryPodNetwork: PodNetwork {
    private var subnet: IPv4Subnet?
    private var owners: [UInt32: String] = [:]
    private var lastReserved: UInt32?
    /// The namespace each sandbox was set up in, by sandbox id.
    public private(set) var namespaces: [String: String] = [:]

    /// A network with no podCIDR yet; `setUp` fails until `configure`.
    public init() {}

    /// A network already configured for `podCIDR` (e.g. `10.42.0.0/24`); throws when it is not
    /// an IPv4 CIDR.
    public init(podCIDR: String) throws {
        subnet = try IPv4Subnet(parsing: podCIDR)
    }

    /// The podCIDR given to `configure`, as parsed (`10.42.0.0/24`).
    public var podCIDR: String? { subnet?.description }

    /// Remembers the podCIDR. Allocations already made are kept.
    public func configure(podCIDR: String) async throws {
        subnet = try IPv4Subnet(parsing: podCIDR)
    }

    /// Returns the sandbox's address, allocating the next free one when it holds none.
    public func setUp(sandboxID: String, netnsPath: String) async throws -> PodNetworkStatus {
        guard let subnet else { throw NetworkError("pod network not configured: no podCIDR yet") }
        namespaces[sandboxID] = netnsPath
        if let held = owners.first(where: { $0.value == sandboxID && subnet.isAssignable($0.key) }) {
            return status(held.key, subnet)
        }
        guard let address = subnet.nextFree(after: lastReserved, taken: Set(owners.keys)) else {
            throw NetworkError("no IP addresses available in range set: \(subnet.rangeSetDescription)")
        }
        owners[address] = sandboxID
        lastReserved = address
        return status(address, subnet)
    }

    /// Releases the sandbox's address; an unknown sandbox is fine.
    public func tearDown(sandboxID: String, netnsPath: String) async throws {
        owners = owners.filter { $0.value != sandboxID }
        namespaces[sandboxID] = nil
    }

    /// The sandbox's address, or nil when it holds none.
    public func status(sandboxID: String) async throws -> PodNetworkStatus? {
        guard let subnet, let held = owners.first(where: { $0.value == sandboxID }) else { return nil }
        return status(held.key, subnet)
    }

    /// Releases the addresses of sandboxes not in `liveSandboxIDs`.
    public func releaseAll(except liveSandboxIDs: Set<String>) async throws {
        owners = owners.filter { liveSandboxIDs.contains($0.value) }
        namespaces = namespaces.filter { liveSandboxIDs.contains($0.key) }
    }

    private func status(_ address: UInt32, _ subnet: IPv4Subnet) -> PodNetworkStatus {
        PodNetworkStatus(ips: [IPv4Subnet.format(address)], gateway: IPv4Subnet.format(subnet.gateway))
    }
}
