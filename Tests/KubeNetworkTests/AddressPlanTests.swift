import Foundation
import Testing

@testable import KubeNetwork

/// The podCIDR address plan and the host-local allocation files, without touching any interface.
@Suite struct AddressPlanTests {
    @Test func parsesAPodCIDRAndItsGatewayAndRange() throws {
        let subnet = try IPv4Subnet(parsing: "10.42.3.17/24")
        #expect(subnet.description == "10.42.3.0/24")
        #expect(IPv4Subnet.format(subnet.gateway) == "10.42.3.1")
        #expect(subnet.rangeSetDescription == "10.42.3.1-10.42.3.254")
        #expect(!subnet.isAssignable(subnet.gateway))
        #expect(!subnet.isAssignable(subnet.broadcast))
        for bad in ["10.42.0.0", "10.42.0/24", "10.42.0.256/24", "10.42.0.0/31", "x/24", "10.42.0.0/-1"] {
            #expect(throws: NetworkError.self) { try IPv4Subnet(parsing: bad) }
        }
    }

    @Test func nextFreeContinuesAfterTheLastAndWraps() throws {
        let subnet = try IPv4Subnet(parsing: "192.168.0.0/29")  // .2 ... .6 assignable
        let at = { (last: UInt8) in IPv4Subnet.address(parsing: "192.168.0.\(last)") }
        #expect(subnet.nextFree(after: nil, taken: []) == at(2))
        #expect(subnet.nextFree(after: at(4), taken: []) == at(5))
        #expect(subnet.nextFree(after: at(6), taken: []) == at(2))
        #expect(subnet.nextFree(after: at(5), taken: Set([6, 2, 3].compactMap { at($0) })) == at(4))
        #expect(subnet.nextFree(after: at(2), taken: Set([2, 3, 4, 5, 6].compactMap { at($0) })) == nil)
    }

    @Test func allocationsPersistAreNeverDoubledAndAreReusedAfterRelease() throws {
        let directory = TestNamespaces.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let subnet = try IPv4Subnet(parsing: "10.42.0.0/29")  // .2 ... .6
        let ipam = HostLocalIPAM(directory: directory)
        let first = try ipam.allocate(owner: "one", in: subnet)
        #expect(IPv4Subnet.format(first) == "10.42.0.2")
        #expect(try ipam.allocate(owner: "one", in: subnet) == first)
        let contents = FileManager.default.contents(atPath: directory + "/10.42.0.2").map { String(decoding: $0, as: UTF8.self) }
        #expect(contents == "one\r\neth0")
        let lastReserved = FileManager.default.contents(atPath: directory + "/last_reserved_ip.0")
        #expect(lastReserved.map { String(decoding: $0, as: UTF8.self) } == "10.42.0.2")

        // Another store on the same directory (a restarted kubelet) continues after the last one.
        let again = HostLocalIPAM(directory: directory)
        #expect(try again.addresses(of: "one") == [first])
        #expect(IPv4Subnet.format(try again.allocate(owner: "two", in: subnet)) == "10.42.0.3")
        try again.release(owner: "one")
        #expect(try again.addresses(of: "one") == [])
        // The released .2 comes back only after the rest of the range is used.
        let next = try ["three", "four", "five", "six"].map { IPv4Subnet.format(try again.allocate(owner: $0, in: subnet)) }
        #expect(next == ["10.42.0.4", "10.42.0.5", "10.42.0.6", "10.42.0.2"])
        let error = #expect(throws: NetworkError.self) { try again.allocate(owner: "seven", in: subnet) }
        #expect(error?.message == "no IP addresses available in range set: 10.42.0.1-10.42.0.6")
        #expect(Set(try again.allocations().values) == ["two", "three", "four", "five", "six"])

        #expect(try again.releaseAll(except: ["two", "six"]) == ["three", "four", "five"])
        #expect(Set(try again.allocations().values) == ["two", "six"])
    }

    @Test func theFilesAreReadOnceAndThenKeptInMemory() throws {
        let directory = TestNamespaces.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let subnet = try IPv4Subnet(parsing: "10.42.0.0/29")
        let ipam = HostLocalIPAM(directory: directory)
        let first = try ipam.allocate(owner: "one", in: subnet)
        // Removed behind the store's back: it still holds what it wrote, a new store reads the files.
        try FileManager.default.removeItem(atPath: directory + "/" + IPv4Subnet.format(first))
        #expect(try ipam.addresses(of: "one") == [first])
        #expect(try HostLocalIPAM(directory: directory).addresses(of: "one") == [])
        try ipam.release(owner: "one")
        #expect(try ipam.allocations().isEmpty)
    }

    @Test func inMemoryNetworkFollowsTheSamePlan() async throws {
        let network = InMemoryPodNetwork()
        await #expect(throws: NetworkError.self) { _ = try await network.setUp(sandboxID: "a", netnsPath: "/ns/a") }
        try await network.configure(podCIDR: "10.42.1.0/30")
        let a = try await network.setUp(sandboxID: "a", netnsPath: "/ns/a")
        #expect(a == PodNetworkStatus(ips: ["10.42.1.2"], gateway: "10.42.1.1"))
        #expect(try await network.setUp(sandboxID: "a", netnsPath: "/ns/a") == a)
        #expect(await network.namespaces == ["a": "/ns/a"])
        let error = await #expect(throws: NetworkError.self) { _ = try await network.setUp(sandboxID: "b", netnsPath: "/ns/b") }
        #expect(error?.message == "no IP addresses available in range set: 10.42.1.1-10.42.1.2")
        try await network.releaseAll(except: ["b"])
        #expect(try await network.status(sandboxID: "a") == nil)
        #expect(try await network.setUp(sandboxID: "b", netnsPath: "/ns/b").ips == ["10.42.1.2"])
        try await network.tearDown(sandboxID: "b", netnsPath: "/ns/b")
        try await network.tearDown(sandboxID: "unknown", netnsPath: "/ns/x")
        #expect(try await network.status(sandboxID: "b") == nil)
        let configured = try InMemoryPodNetwork(podCIDR: "10.42.5.0/24")
        #expect(await configured.podCIDR == "10.42.5.0/24")
        #expect(try await configured.setUp(sandboxID: "x", netnsPath: "/ns/x").ips == ["10.42.5.2"])
    }
}
