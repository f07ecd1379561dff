import Foundation
import Testing

@testable import KubeNetwork

/// The bridge network with real `ip` in namespaces the tests create: one namespace plays the node,
/// others play pod sandboxes. Nothing is created in the machine's own namespace.
@Suite struct BridgeNetworkTests {
    @Test func podsGetDistinctAddressesThatPersistAndReachEachOtherAndTheNode() async throws {
        let fixture = try NetworkFixture(pods: ["a", "b"])
        defer { fixture.cleanUp() }
        let (node, podA, podB, network) = (fixture.node, fixture.pod("a"), fixture.pod("b"), fixture.network)
        try await network.configure(podCIDR: "10.42.0.0/24")
        try await network.configure(podCIDR: "10.42.0.0/24")
        let a = try await network.setUp(sandboxID: "sandbox-a", netnsPath: podA)
        let b = try await network.setUp(sandboxID: "sandbox-b", netnsPath: podB)
        #expect(a == PodNetworkStatus(ips: ["10.42.0.2"], gateway: "10.42.0.1"))
        #expect(b == PodNetworkStatus(ips: ["10.42.0.3"], gateway: "10.42.0.1"))

        let bridge = TestNamespaces.run(in: node, ["ip", "-4", "-o", "addr", "show", "dev", "skiff0"])
        #expect(bridge.output.contains("inet 10.42.0.1/24"))
        #expect(TestNamespaces.run(in: node, ["cat", "/proc/sys/net/ipv4/ip_forward"]).output.hasPrefix("1"))
        let eth0 = TestNamespaces.run(in: podA, ["ip", "-4", "-o", "addr", "show", "dev", "eth0"])
        #expect(eth0.output.contains("inet 10.42.0.2/24"))
        let mac = TestNamespaces.run(in: podA, ["ip", "link", "show", "dev", "eth0"])
        #expect(mac.output.contains("link/ether 0a:58:0a:2a:00:02"))
        let route = TestNamespaces.run(in: podA, ["ip", "route", "show", "default"])
        #expect(route.output.contains("default via 10.42.0.1 dev eth0"))
        let veth = BridgeNetwork.hostInterfaceName(sandboxID: "sandbox-a")
        let port = TestNamespaces.run(in: node, ["ip", "-d", "link", "show", veth])
        #expect(port.output.contains("master skiff0") && port.output.contains("hairpin on"))

        #expect(TestNamespaces.ping(from: podA, "10.42.0.3"))
        #expect(TestNamespaces.ping(from: podB, "10.42.0.2"))
        #expect(TestNamespaces.ping(from: podA, "10.42.0.1"))
        #expect(TestNamespaces.ping(from: podA, "127.0.0.1"))
        #expect(TestNamespaces.ping(from: node, "10.42.0.2"))

        // A restarted network reads the same allocations, and a repeated set-up keeps the address.
        let restarted = fixture.restarted()
        #expect(try await restarted.status(sandboxID: "sandbox-a") == a)
        #expect(try await restarted.status(sandboxID: "sandbox-b") == b)
        #expect(try await restarted.setUp(sandboxID: "sandbox-a", netnsPath: podA) == a)
        #expect(TestNamespaces.ping(from: podB, "10.42.0.2"))
        #expect(try await restarted.status(sandboxID: "unknown") == nil)
    }

    @Test func tearDownRemovesTheVethAndReleasesTheAddress() async throws {
        let fixture = try NetworkFixture(pods: ["pod"], bridgeName: "cni0")
        defer { fixture.cleanUp() }
        let (node, pod, network) = (fixture.node, fixture.pod("pod"), fixture.network)
        try await network.configure(podCIDR: "10.42.7.0/24")
        let status = try await network.setUp(sandboxID: "sandbox-1", netnsPath: pod)
        #expect(status.ips == ["10.42.7.2"])
        let veth = BridgeNetwork.hostInterfaceName(sandboxID: "sandbox-1")
        #expect(TestNamespaces.run(in: node, ["ip", "link", "show", veth]).output.contains("master cni0"))

        try await network.tearDown(sandboxID: "sandbox-1", netnsPath: pod)
        #expect(try await network.status(sandboxID: "sandbox-1") == nil)
        #expect(TestNamespaces.run(in: node, ["ip", "link", "show", veth]).status != 0)
        #expect(TestNamespaces.run(in: pod, ["ip", "link", "show", "eth0"]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.state + "/ipam/10.42.7.2"))
        // Tearing down again, or an unknown sandbox, succeeds.
        try await network.tearDown(sandboxID: "sandbox-1", netnsPath: pod)
        try await network.tearDown(sandboxID: "never-seen", netnsPath: "/run/netns/none")
    }

    @Test func aSlash30HoldsOnePodThenReportsExhaustion() async throws {
        let fixture = try NetworkFixture(pods: ["a", "b"])
        defer { fixture.cleanUp() }
        let network = fixture.network
        try await network.configure(podCIDR: "10.42.0.0/30")
        #expect(try await network.setUp(sandboxID: "a", netnsPath: fixture.pod("a")).ips == ["10.42.0.2"])
        let error = await #expect(throws: NetworkError.self) {
            _ = try await network.setUp(sandboxID: "b", netnsPath: fixture.pod("b"))
        }
        #expect(error?.message == "no IP addresses available in range set: 10.42.0.1-10.42.0.2")
        let vethB = BridgeNetwork.hostInterfaceName(sandboxID: "b")
        #expect(TestNamespaces.run(in: fixture.node, ["ip", "link", "show", vethB]).status != 0)

        try await network.tearDown(sandboxID: "a", netnsPath: fixture.pod("a"))
        #expect(try await network.setUp(sandboxID: "b", netnsPath: fixture.pod("b")).ips == ["10.42.0.2"])
        #expect(TestNamespaces.ping(from: fixture.pod("b"), "10.42.0.1"))
    }

    @Test func releaseAllKeepsOnlyLiveSandboxes() async throws {
        let fixture = try NetworkFixture(pods: ["a", "b"])
        defer { fixture.cleanUp() }
        try await fixture.network.configure(podCIDR: "10.42.0.0/24")
        let a = try await fixture.network.setUp(sandboxID: "live", netnsPath: fixture.pod("a"))
        _ = try await fixture.network.setUp(sandboxID: "dead", netnsPath: fixture.pod("b"))

        let restarted = fixture.restarted()
        try await restarted.releaseAll(except: ["live"])
        #expect(try await restarted.status(sandboxID: "live") == a)
        #expect(try await restarted.status(sandboxID: "dead") == nil)
        let deadVeth = BridgeNetwork.hostInterfaceName(sandboxID: "dead")
        #expect(TestNamespaces.run(in: fixture.node, ["ip", "link", "show", deadVeth]).status != 0)
        #expect(TestNamespaces.ping(from: fixture.node, "10.42.0.2"))
    }

    @Test func aNewPodCIDRReplacesTheGatewayAddress() async throws {
        let fixture = try NetworkFixture(pods: [])
        defer { fixture.cleanUp() }
        try await fixture.network.configure(podCIDR: "10.42.0.0/24")
        try await fixture.network.configure(podCIDR: "10.42.9.0/24")
        let bridge = TestNamespaces.run(in: fixture.node, ["ip", "-4", "-o", "addr", "show", "dev", "skiff0"]).output
        #expect(bridge.contains("inet 10.42.9.1/24") && !bridge.contains("10.42.0.1"))
    }

    @Test func setUpBeforeConfigureFails() async throws {
        let state = TestNamespaces.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let network = BridgeNetwork(stateDirectory: state, hostNetnsPath: "/run/netns/none")
        let error = await #expect(throws: NetworkError.self) {
            _ = try await network.setUp(sandboxID: "a", netnsPath: "/run/netns/none")
        }
        #expect(error?.message == "pod network not configured: no podCIDR yet")
    }

    @Test func vethNamesAreStableAndShort() {
        let name = BridgeNetwork.hostInterfaceName(sandboxID: "0123456789abcdef")
        #expect(name == BridgeNetwork.hostInterfaceName(sandboxID: "0123456789abcdef"))
        #expect(name != BridgeNetwork.hostInterfaceName(sandboxID: "0123456789abcdee"))
        #expect(name.hasPrefix("veth") && name.count == 12)
    }
}

/// Many sandboxes set up at once (as when many pods start together) get distinct addresses and
/// working interfaces.
@Suite struct BridgeNetworkConcurrencyTests {
    @Test func concurrentSetUpsGetDistinctWorkingAddresses() async throws {
        let names = ["p1", "p2", "p3", "p4", "p5", "p6"]
        let fixture = try NetworkFixture(pods: names)
        defer { fixture.cleanUp() }
        try await fixture.network.configure(podCIDR: "10.42.0.0/24")
        let (network, pods) = (fixture.network, fixture.pods)
        let statuses = try await withThrowingTaskGroup(of: (String, PodNetworkStatus).self) { group in
            for name in names {
                group.addTask { (name, try await network.setUp(sandboxID: name, netnsPath: pods[name] ?? "")) }
            }
            return try await group.reduce(into: [String: PodNetworkStatus]()) { $0[$1.0] = $1.1 }
        }
        let addresses = Set(statuses.values.flatMap(\.ips))
        #expect(addresses.count == names.count)
        for name in names {
            let ip = try #require(statuses[name]?.ips.first)
            #expect(TestNamespaces.ping(from: fixture.pod("p1"), ip), "p1 reaches \(name) at \(ip)")
        }
    }

    @Test func concurrentAllocationsNeverShareAnAddress() async throws {
        let directory = TestNamespaces.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let subnet = try IPv4Subnet(parsing: "10.42.0.0/26")  // 61 addresses
        let ipam = HostLocalIPAM(directory: directory)
        let given = await withTaskGroup(of: UInt32?.self) { group in
            for owner in 0..<70 { group.addTask { try? ipam.allocate(owner: "sandbox-\(owner)", in: subnet) } }
            return await group.reduce(into: [UInt32]()) { if let address = $1 { $0.append(address) } }
        }
        #expect(given.count == 61)
        #expect(Set(given).count == 61)
        #expect(try ipam.allocations().count == 61)
    }
}
