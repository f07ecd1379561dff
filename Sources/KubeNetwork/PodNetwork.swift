/// Connects pod sandboxes to the node's pod network (the CNI's job): an address from the node's
/// podCIDR, an interface in the sandbox's network namespace, and routes so that pods reach each
/// other and the node. Implementations keep their allocations on disk, so a restarted kubelet
/// neither hands out an address twice nor loses one.
public protocol PodNetwork: Sendable {
    /// Prepares the node side for `podCIDR` (e.g. `10.42.0.0/24`): bridge, gateway address,
    /// forwarding. Idempotent; called at kubelet start and when the node's podCIDR is known.
    func configure(podCIDR: String) async throws

    /// Gives sandbox `sandboxID` an address and an `eth0` in the namespace at `netnsPath` (with
    /// loopback up and a default route to the gateway). Calling it again for the same sandbox
    /// returns the same addresses.
    func setUp(sandboxID: String, netnsPath: String) async throws -> PodNetworkStatus

    /// Removes the sandbox's interface (when its namespace still exists) and releases its
    /// address. Tearing down an unknown sandbox succeeds.
    func tearDown(sandboxID: String, netnsPath: String) async throws

    /// The addresses sandbox `sandboxID` holds, or nil when it holds none.
    func status(sandboxID: String) async throws -> PodNetworkStatus?

    /// Releases the addresses of sandboxes not in `liveSandboxIDs` (after a restart).
    func releaseAll(except liveSandboxIDs: Set<String>) async throws
}

/// A sandbox's place on the pod network.
public struct PodNetworkStatus: Sendable, Hashable, Codable {
    /// The pod's IPs, IPv4 first (`status.podIPs`).
    public var ips: [String]
    /// The gateway the pod routes through.
    public var gateway: String

    /// A status with every field given.
    public init(ips: [String], gateway: String) {
        self.ips = ips
        self.gateway = gateway
    }
}

/// The one error type of KubeNetwork.
public struct NetworkError: Error, Sendable, CustomStringConvertible {
    /// What failed, in one line.
    public var message: String
    /// What caused it, when it came from below (a failed `ip` command, say).
    public var cause: (any Error)?

    /// An error saying `message`.
    public init(_ message: String, cause: (any Error)? = nil) {
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(message): \(cause)" }
        return message
    }
}
