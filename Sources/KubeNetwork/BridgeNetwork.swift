import CSkiffShim
import Foundation
import KubeAPI
import Synchronization

/// The node's pod network as the CNI bridge and host-local plugins build it (flannel's local
/// part): a Linux bridge holding the gateway address of the podCIDR, one veth pair per sandbox
/// (the host end on the bridge with hairpin on, the other end `eth0` in the sandbox), and
/// addresses from `HostLocalIPAM` under `<stateDirectory>/ipam`. The node side is done with
/// iproute2's `ip`, the sandbox side with interface ioctls from a thread inside the sandbox
/// (`skiff_configure_pod_interface`).
///
/// With `hostNetnsPath` set, every host-side command runs in that network namespace instead of
/// the current one (tests use a namespace of their own, so nothing touches the machine's).
public final class BridgeNetwork: PodNetwork {
    /// Where allocations and the podCIDR are kept (the kubelet uses `<data-dir>/agent/network`).
    public let stateDirectory: String
    /// The bridge's name (`skiff0`; k3s calls its bridge `cni0`).
    public let bridgeName: String
    /// The namespace the node side lives in; nil for the current one.
    public let hostNetnsPath: String?

    private let ipam: HostLocalIPAM
    private let host: NetworkCommand
    private let subnet = Mutex<IPv4Subnet?>(nil)

    /// A network keeping its state in `stateDirectory`, with bridge `bridgeName`, its node side in
    /// the namespace at `hostNetnsPath` (nil: the current one). Nothing changes until `configure`.
    public init(stateDirectory: String, bridgeName: String = "skiff0", hostNetnsPath: String? = nil) {
        self.stateDirectory = stateDirectory
        self.bridgeName = bridgeName
        self.hostNetnsPath = hostNetnsPath
        ipam = HostLocalIPAM(directory: stateDirectory + "/ipam")
        host = NetworkCommand(netnsPath: hostNetnsPath)
    }

    /// The host end of sandbox `sandboxID`'s veth pair: `veth` and 8 hex digits of a hash of the id.
    public static func hostInterfaceName(sandboxID: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in sandboxID.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return "veth" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The pod's MAC address, derived from its IP as ovn-kubernetes does (`0a:58:` and the four
    /// octets), so that a pod rebuilt with the same address keeps its MAC and its neighbours'
    /// ARP caches stay right.
    public static func podMAC(_ address: UInt32) -> String {
        let octets = [0x0a, 0x58, address >> 24, address >> 16 & 0xff, address >> 8 & 0xff, address & 0xff]
        return octets.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
    }

    /// Creates the bridge if needed, gives it the gateway address (`10.42.0.1/24` for
    /// `10.42.0.0/24`) in place of any other IPv4 address, brings it up and turns on IPv4
    /// forwarding. Remembers the podCIDR on disk. Idempotent.
    public func configure(podCIDR: String) async throws {
        let parsed = try IPv4Subnet(parsing: podCIDR)
        try savePodCIDR(parsed)
        subnet.withLock { $0 = parsed }

        let gatewayCIDR = "\(IPv4Subnet.format(parsed.gateway))/\(parsed.prefixLength)"
        var addresses = try await bridgeAddresses()
        if addresses == nil {
            let created = try await host.run("ip", ["link", "add", bridgeName, "type", "bridge"])
            addresses = try await bridgeAddresses()
            guard addresses != nil else {
                throw NetworkError(
                    "create bridge \(bridgeName)",
                    cause: NetworkCommand.Failure(status: created.status, stderr: created.stderr))
            }
        }
        var lines: [String] = []
        for address in addresses ?? [] where address != gatewayCIDR {
            lines.append("addr del \(address) dev \(bridgeName)")
        }
        if !(addresses ?? []).contains(gatewayCIDR) {
            lines.append("addr add \(gatewayCIDR) dev \(bridgeName)")
        }
        lines.append("link set \(bridgeName) up")
        try await host.ipBatch(lines, "configure bridge \(bridgeName) with \(gatewayCIDR)")
        try await host.sysctl("net.ipv4.ip_forward", "1")
    }

    /// Allocates the sandbox's address (the one it already holds, if any), creates its veth pair
    /// with `eth0` in the sandbox, attaches the host end to the bridge, and inside the sandbox sets
    /// the address, brings `eth0` and `lo` up and routes by default through the gateway. A repeat
    /// call rebuilds the interfaces with the same address. On failure the address is released.
    public func setUp(sandboxID: String, netnsPath: String) async throws -> PodNetworkStatus {
        let subnet = try currentSubnet()
        let veth = Self.hostInterfaceName(sandboxID: sandboxID)
        if try !ipam.addresses(of: sandboxID).isEmpty {
            try await deleteHostInterface(veth)
        }
        let address = try ipam.allocate(owner: sandboxID, in: subnet)
        let ip = IPv4Subnet.format(address)
        let gateway = IPv4Subnet.format(subnet.gateway)
        do {
            try await host.ipBatch(
                [
                    "link add \(veth) type veth peer name eth0 address \(Self.podMAC(address)) netns \(netnsPath)",
                    "link set \(veth) master \(bridgeName)",
                    "link set \(veth) type bridge_slave hairpin on",
                    "link set \(veth) up",
                ], "add veth \(veth) for sandbox \(sandboxID)")
            try await Self.configurePodInterface(netnsPath: netnsPath, address: address, subnet: subnet)
        } catch {
            try? await deleteHostInterface(veth)
            try? ipam.release(owner: sandboxID)
            throw error
        }
        return PodNetworkStatus(ips: [ip], gateway: gateway)
    }

    /// Deletes the sandbox's veth pair (gone already when its namespace is gone) and releases its
    /// address. An unknown sandbox is fine.
    public func tearDown(sandboxID: String, netnsPath: String) async throws {
        try await deleteHostInterface(Self.hostInterfaceName(sandboxID: sandboxID))
        try ipam.release(owner: sandboxID)
    }

    /// The sandbox's addresses as recorded on disk, or nil when it holds none.
    public func status(sandboxID: String) async throws -> PodNetworkStatus? {
        let held = try ipam.addresses(of: sandboxID)
        guard !held.isEmpty else { return nil }
        let gateway = (try? currentSubnet()).map { IPv4Subnet.format($0.gateway) } ?? ""
        return PodNetworkStatus(ips: held.map(IPv4Subnet.format), gateway: gateway)
    }

    /// Releases the addresses of sandboxes not in `liveSandboxIDs` and deletes their veth pairs
    /// if they are still there.
    public func releaseAll(except liveSandboxIDs: Set<String>) async throws {
        for sandboxID in try ipam.releaseAll(except: liveSandboxIDs) {
            try? await deleteHostInterface(Self.hostInterfaceName(sandboxID: sandboxID))
        }
    }

    // MARK: - Helpers

    /// Inside the sandbox: loopback comes up, `eth0` gets the address and comes up, with the
    /// default route through the gateway; from a short-lived thread, without `ip`.
    private static func configurePodInterface(netnsPath: String, address: UInt32, subnet: IPv4Subnet) async throws {
        let prefix = Int32(subnet.prefixLength)
        let gateway = subnet.gateway
        let failure: String? = await BlockingThread.run {
            var message = [CChar](repeating: 0, count: 300)
            guard skiff_configure_pod_interface(netnsPath, "eth0", address, prefix, gateway, &message, message.count) != 0
            else { return nil }
            return String(cBuffer: message)
        }
        if let failure {
            throw NetworkError("configure eth0 with \(IPv4Subnet.format(address))", cause: NetworkCommand.Failure(status: 1, stderr: failure))
        }
    }

    /// The bridge's IPv4 addresses (`10.42.0.1/24`), or nil when there is no bridge.
    private func bridgeAddresses() async throws -> [String]? {
        let out = try await host.run("ip", ["-4", "-o", "addr", "show", "dev", bridgeName])
        guard out.status == 0 else { return nil }
        return out.stdout.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(separator: " ")
            guard let at = words.firstIndex(of: "inet"), at + 1 < words.count else { return nil }
            return String(words[at + 1])
        }
    }

    /// Deletes a host-side interface; one that does not exist is fine.
    private func deleteHostInterface(_ name: String) async throws {
        let out = try await host.run("ip", ["link", "del", name])
        guard out.status == 0 || out.stderr.contains("Cannot find device") else {
            throw NetworkError("delete \(name)", cause: NetworkCommand.Failure(status: out.status, stderr: out.stderr))
        }
    }

    private var podCIDRFile: String { stateDirectory + "/podCIDR" }

    private func savePodCIDR(_ subnet: IPv4Subnet) throws {
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            try Data(subnet.description.utf8).write(to: URL(fileURLWithPath: podCIDRFile), options: .atomic)
        } catch {
            throw NetworkError("save podCIDR in \(stateDirectory)", cause: error)
        }
    }

    /// The configured podCIDR, or the one remembered on disk by an earlier run.
    private func currentSubnet() throws -> IPv4Subnet {
        if let known = subnet.withLock({ $0 }) { return known }
        guard let data = FileManager.default.contents(atPath: podCIDRFile) else {
            throw NetworkError("pod network not configured: no podCIDR yet")
        }
        let parsed = try IPv4Subnet(parsing: String(decoding: data, as: UTF8.self))
        subnet.withLock { $0 = parsed }
        return parsed
    }
}
