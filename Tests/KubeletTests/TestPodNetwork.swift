import KubeNetwork
import Synchronization

/// A pod network for kubelet tests: hands out 10.42.0.<n> per sandbox from memory and records
/// the podCIDR it was configured with.
final class TestPodNetwork: PodNetwork {
    private struct State {
        var configured: [String] = []
        var addresses: [String: String] = [:]
        var next = 2
        var tornDown: [String] = []
    }

    private let state = Mutex(State())

    /// The podCIDRs `configure` was called with, in order.
    var configuredCIDRs: [String] { state.withLock { $0.configured } }
    /// Sandboxes that hold an address.
    var sandboxes: Set<String> { state.withLock { Set($0.addresses.keys) } }
    /// Sandboxes torn down, in order.
    var tornDown: [String] { state.withLock { $0.tornDown } }

    func configure(podCIDR: String) async throws {
        state.withLock { $0.configured.append(podCIDR) }
    }

    func setUp(sandboxID: String, netnsPath: String) async throws -> PodNetworkStatus {
        let ip = state.withLock { s -> String in
            if let ip = s.addresses[sandboxID] { return ip }
            let ip = "10.42.0.\(s.next)"
            s.next += 1
            s.addresses[sandboxID] = ip
            return ip
        }
        return PodNetworkStatus(ips: [ip], gateway: "10.42.0.1")
    }

    func tearDown(sandboxID: String, netnsPath: String) async throws {
        state.withLock {
            $0.addresses[sandboxID] = nil
            $0.tornDown.append(sandboxID)
        }
    }

    func status(sandboxID: String) async throws -> PodNetworkStatus? {
        state.withLock { s in s.addresses[sandboxID].map { PodNetworkStatus(ips: [$0], gateway: "10.42.0.1") } }
    }

    func releaseAll(except liveSandboxIDs: Set<String>) async throws {
        state.withLock { s in s.addresses = s.addresses.filter { liveSandboxIDs.contains($0.key) } }
    }
}
