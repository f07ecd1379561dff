import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct NodeIPAMTests {
    @Test(arguments: [
        ("10.42.0.0/16", "10.42.0.0/16"), ("10.42.7.9/16", "10.42.0.0/16"), ("0.0.0.0/0", "0.0.0.0/0"),
        ("192.168.1.1/32", "192.168.1.1/32"), ("255.255.255.255/8", "255.0.0.0/8"),
    ])
    func cidrsParseAndClearHostBits(text: String, canonical: String) {
        #expect(IPv4CIDR(text)?.description == canonical)
    }

    @Test(arguments: ["", "10.42.0.0", "10.42.0.0/33", "10.42.0/16", "10.42.0.256/16", "10.042.0.0/16", "fd00::/8", "a.b.c.d/8", "10.42.0.0/-1", "10.42.0.0/1x"])
    func malformedCIDRsAreRejected(text: String) {
        #expect(IPv4CIDR(text) == nil)
    }

    static func cidr(_ text: String) throws -> IPv4CIDR { try #require(IPv4CIDR(text)) }

    static func subnets(_ cluster: String, mask: Int) throws -> CIDRSet {
        let block = try cidr(cluster)
        return try #require(CIDRSet(cluster: block, maskSize: mask))
    }

    @Test func containment() throws {
        let cluster = try Self.cidr("10.42.0.0/16")
        #expect(cluster.contains(try Self.cidr("10.42.255.0/24")))
        #expect(!cluster.contains(try Self.cidr("10.43.0.0/24")))
        #expect(!cluster.contains(try Self.cidr("10.0.0.0/8")))
        #expect(cluster.last == IPv4CIDR.address("10.42.255.255"))
    }

    @Test func subnetsGoRoundAndFreedOnesComeBackLast() throws {
        var set = try Self.subnets("10.42.0.0/22", mask: 24)
        #expect(set.count == 4)
        let taken = [set.allocateNext(), set.allocateNext()]
        let first = try #require(taken[0])
        let second = try #require(taken[1])
        #expect(set.subnet(first).description == "10.42.0.0/24")
        #expect(set.subnet(second).description == "10.42.1.0/24")
        set.release(first...first)
        var order: [Int?] = []
        for _ in 0..<4 { order.append(set.allocateNext()) }
        #expect(order == [2, 3, 0, nil])  // the freed one only after wrapping round; then full
        #expect(set.usedCount == 4)
    }

    @Test func occupyingCoversEveryOverlappedSubnet() throws {
        var set = try Self.subnets("10.42.0.0/16", mask: 24)
        #expect(set.indices(covering: try Self.cidr("10.42.4.0/23")) == 4...5)
        #expect(set.indices(covering: try Self.cidr("10.42.9.128/25")) == 9...9)
        #expect(set.indices(covering: try Self.cidr("10.128.0.0/24")) == nil)
        set.occupy(0...1)
        let next = set.allocateNext()
        #expect(next == 2)
    }

    @Test(arguments: [(16, 15), (16, 33), (8, 25)])
    func unusableMaskSizes(clusterPrefix: Int, mask: Int) throws {
        #expect(CIDRSet(cluster: IPv4CIDR(base: 0x0A00_0000, prefix: clusterPrefix), maskSize: mask) == nil)
    }

    static func node(_ name: String, cidr: String? = nil) -> JSONValue {
        var n: JSONValue = ["metadata": ["name": .string(name)], "spec": [:]]
        if let cidr { n.set(["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)]], at: ["spec"]) }
        return n
    }

    @Test func allocatorSkipsHeldRangesIgnoresForeignOnesAndReusesFreedOnes() throws {
        var a = try #require(NodeCIDRAllocator(clusterCIDR: "10.42.0.0/23", maskSize: 24))
        a.observe(Self.node("hollow", cidr: "10.128.0.0/24"))  // outside: ignored
        a.observe(Self.node("held", cidr: "10.42.0.0/24"))
        let first = a.assign("n1")?.description
        let again = a.assign("n1")?.description
        let full = a.assign("n2")
        #expect(first == "10.42.1.0/24")
        #expect(again == first)  // same node, same subnet
        #expect(full == nil)
        #expect(a.waiting == ["n2"])
        let fromHollow = a.forget("hollow")
        let fromHeld = a.forget("held")
        #expect(fromHollow.isEmpty)  // held nothing
        #expect(fromHeld == ["n2"])
        let reused = a.assign("n2")?.description
        #expect(reused == "10.42.0.0/24")
        #expect(a.waiting.isEmpty)
    }

    @Test func allocatorTakesTheFirstIPv4RangeOfADualStackList() throws {
        var a = try #require(NodeCIDRAllocator(clusterCIDR: "fd00::/48, 10.42.0.0/16", maskSize: 24))
        let first = a.assign("n1")?.description
        #expect(first == "10.42.0.0/24")
        #expect(NodeCIDRAllocator(clusterCIDR: "fd00::/48", maskSize: 24) == nil)
    }

    @Test func nodesGetDistinctCIDRsAndAFreedOneIsReused() async throws {
        var options = ControllerOptions()
        options.clusterCIDR = "10.42.0.0/23"
        try await ControllerHarness.run(controllers: ["node-ipam"], options: options) { h in
            _ = try await h.client.create(.nodes, Self.node("hollow", cidr: "10.128.0.0/24"))
            _ = try await h.client.create(.nodes, Self.node("held", cidr: "10.42.1.0/24"))
            _ = try await h.client.create(.nodes, Self.node("n1"))
            try await h.eventually("n1 to get a pod CIDR") { try await h.podCIDR("n1") != nil }
            #expect(try await h.podCIDR("n1") == "10.42.0.0/24")
            #expect(try await h.client.get(.nodes, name: "n1")["spec"]?["podCIDRs"] == ["10.42.0.0/24"])
            _ = try await h.client.create(.nodes, Self.node("n2"))
            try await h.eventually("CIDRNotAvailable for n2") {
                try await h.list(.events).contains { $0["reason"]?.stringValue == "CIDRNotAvailable" && $0["involvedObject"]?["name"]?.stringValue == "n2" }
            }
            #expect(try await h.podCIDR("n2") == nil)
            try await h.client.delete(.nodes, name: "held")
            try await h.eventually("n2 to get the freed pod CIDR") { try await h.podCIDR("n2") == "10.42.1.0/24" }
            #expect(try await h.podCIDR("hollow") == "10.128.0.0/24")
        }
    }
}

extension ControllerHarness {
    /// The node's `spec.podCIDR`.
    func podCIDR(_ node: String) async throws -> String? {
        try await client.get(.nodes, name: node)["spec"]?["podCIDR"]?.stringValue
    }
}
