import Testing

@testable import KubeSimulator

@Suite struct PodRangeTests {
    @Test func subnetsOfASlashNine() throws {
        let range = try #require(PodRange(cidr: "10.128.0.0/9"))
        #expect(range.subnetCount == 32768)
        #expect(range.subnet(0)?.description == "10.128.0.0/24")
        #expect(range.subnet(257)?.description == "10.129.1.0/24")
        #expect(range.subnet(32768) == nil)
        #expect(range.subnet(3)?.address(2) == "10.128.3.2")
    }

    @Test(arguments: ["10.0.0.0", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", ""])
    func malformed(cidr: String) {
        #expect(PodRange(cidr: cidr) == nil)
    }

    @Test func hostBitsAreMasked() {
        #expect(PodRange(cidr: "10.42.7.9/16")?.description == "10.42.0.0/16")
    }
}
