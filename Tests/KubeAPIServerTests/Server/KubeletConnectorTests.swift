import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct KubeletConnectorTests {
    static func node(_ name: String, port: Int? = 10250, addresses: [(String, String)]) -> JSONValue {
        var status: JSONValue = ["addresses": .array(addresses.map { ["type": .string($0.0), "address": .string($0.1)] })]
        if let port { status["daemonEndpoints"] = ["kubeletEndpoint": ["Port": .int(port)]] }
        return ["metadata": ["name": .string(name)], "status": status]
    }

    static let worker = node("worker-1", addresses: [("Hostname", "worker-1"), ("InternalIP", "10.0.0.7"), ("ExternalIP", "203.0.113.9")])

    @Test func theFirstAddressOfAPreferredTypeIsUsed() throws {
        let k3s = KubeletConnector(tls: nil, fixedAddress: nil, preferredAddressTypes: ["InternalIP", "ExternalIP", "Hostname"])
        #expect(try k3s.baseURL(of: Self.worker) == "http://10.0.0.7:10250")
        let kubernetes = KubeletConnector(tls: nil, fixedAddress: nil)
        #expect(try kubernetes.baseURL(of: Self.worker) == "http://worker-1:10250")
        let external = KubeletConnector(tls: nil, fixedAddress: nil, preferredAddressTypes: ["ExternalIP"])
        #expect(try external.baseURL(of: Self.node("v6", addresses: [("ExternalIP", "2001:db8::1")])) == "http://[2001:db8::1]:10250")
    }

    @Test func theKubeletInThisProcessIsReachedOnLoopback() throws {
        let connector = KubeletConnector(tls: nil, fixedAddress: nil, loopbackNode: "server-1", preferredAddressTypes: ["InternalIP"])
        #expect(try connector.baseURL(of: Self.node("server-1", addresses: [("InternalIP", "10.0.0.2")])) == "http://127.0.0.1:10250")
        #expect(try connector.baseURL(of: Self.worker) == "http://10.0.0.7:10250")
    }

    @Test func nodesThatDoNotSayWhereTheirKubeletIsAreBadRequests() {
        let connector = KubeletConnector(tls: nil, fixedAddress: nil, preferredAddressTypes: ["InternalIP"])
        #expect(throws: APIError.badRequest("node \"p\" has no kubelet endpoint")) {
            try connector.baseURL(of: Self.node("p", port: nil, addresses: [("InternalIP", "10.0.0.1")]))
        }
        #expect(throws: APIError.badRequest("no preferred addresses found; known addresses: [{Hostname h}]")) {
            try connector.baseURL(of: Self.node("h", addresses: [("Hostname", "h")]))
        }
    }
}
