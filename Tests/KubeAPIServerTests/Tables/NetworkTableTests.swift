import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Service and endpoint tables")
struct NetworkTableTests {
    typealias F = TableFixtures

    func service(_ spec: JSONValue, status: JSONValue = [:]) -> JSONValue {
        ["metadata": F.metadata("web", age: 7200 * 12), "spec": spec, "status": status]
    }

    @Test func columns() {
        let columns = TableConvertor.columns(group: "", resource: "services")
        #expect(columns.map(\.name) == ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"])
        #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 0, 1])
    }

    @Test func clusterIPService() {
        let svc = service([
            "type": "ClusterIP", "clusterIP": "10.43.0.10", "clusterIPs": ["10.43.0.10"],
            "ports": [["port": 80, "protocol": "TCP", "targetPort": 8080], ["port": 53, "protocol": "UDP"]],
            "selector": ["app": "web", "tier": "front"],
        ])
        #expect(
            F.cells("", "services", svc) == [
                "web", "ClusterIP", "10.43.0.10", "<none>", "80/TCP,53/UDP", "24h", "app=web,tier=front",
            ])
    }

    @Test func nodePortService() {
        let svc = service([
            "type": "NodePort", "clusterIP": "10.43.5.6", "externalIPs": ["192.0.2.10", "192.0.2.11"],
            "ports": [["port": 80, "nodePort": 30080, "protocol": "TCP"], ["port": 443, "nodePort": 30443]],
        ])
        #expect(
            F.cells("", "services", svc) == [
                "web", "NodePort", "10.43.5.6", "192.0.2.10,192.0.2.11", "80:30080/TCP,443:30443/TCP", "24h", "<none>",
            ])
    }

    @Test func loadBalancerService() {
        var svc = service([
            "type": "LoadBalancer", "clusterIP": "10.43.0.7", "ports": [["port": 80, "nodePort": 31000]],
        ])
        #expect(F.cells("", "services", svc)[3] == "<pending>")
        svc.set(
            ["ingress": [["ip": "203.0.113.9"], ["hostname": "lb.example.com"], ["ip": "203.0.113.2"]]],
            at: ["status", "loadBalancer"])
        #expect(F.cells("", "services", svc)[3] == "203.0.113.2,203.0.113.9,lb.example.com")
        svc.set(["198.51.100.1"], at: ["spec", "externalIPs"])
        #expect(F.cells("", "services", svc)[3] == "203.0.113.2,203.0.113.9,lb.example.com,198.51.100.1")
    }

    @Test func headlessExternalNameAndBareServices() {
        let headless = service(["clusterIP": "None", "clusterIPs": ["None"], "selector": ["app": "db"]])
        #expect(F.cells("", "services", headless) == ["web", "ClusterIP", "None", "<none>", "<none>", "24h", "app=db"])
        let external = service(["type": "ExternalName", "externalName": "db.example.com"])
        #expect(
            Array(F.cells("", "services", external)[1...4]) == ["ExternalName", "<none>", "db.example.com", "<none>"])
        let odd = service(["type": "Weird"])
        #expect(F.cells("", "services", odd)[3] == "<unknown>")
    }

    @Test func endpoints() {
        let ep: JSONValue = [
            "metadata": F.metadata("web", age: 90),
            "subsets": [
                ["addresses": [["ip": "10.42.0.5"], ["ip": "10.42.1.7"]], "ports": [["name": "http", "port": 8080]]]
            ],
        ]
        #expect(TableConvertor.columns(group: "", resource: "endpoints").map(\.name) == ["Name", "Endpoints", "Age"])
        #expect(F.cells("", "endpoints", ep) == ["web", "10.42.0.5:8080,10.42.1.7:8080", "90s"])
    }

    @Test func endpointsTruncationHeadlessAndEmpty() {
        let many: JSONValue = [
            "metadata": F.metadata("big"),
            "subsets": [
                [
                    "addresses": [["ip": "10.0.0.1"], ["ip": "10.0.0.2"], ["ip": "10.0.0.3"]],
                    "ports": [["port": 80], ["port": 443]],
                ]
            ],
        ]
        #expect(NetworkPrinters.formatEndpoints(many) == "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more...")
        let headless: JSONValue = ["subsets": [["addresses": [["ip": "fd00::1"], ["ip": "10.0.0.9"]]]]]
        #expect(NetworkPrinters.formatEndpoints(headless) == "fd00::1,10.0.0.9")
        let v6: JSONValue = ["subsets": [["addresses": [["ip": "fd00::1"]], "ports": [["port": 80]]]]]
        #expect(NetworkPrinters.formatEndpoints(v6) == "[fd00::1]:80")
        #expect(NetworkPrinters.formatEndpoints(["metadata": F.metadata("none")]) == "<none>")
        #expect(NetworkPrinters.formatEndpoints(["subsets": [["notReadyAddresses": [["ip": "10.0.0.1"]]]]]) == "")
    }

    @Test func endpointSlice() {
        let slice: JSONValue = [
            "metadata": F.metadata("web-abc12", age: 3600),
            "addressType": "IPv4",
            "ports": [["name": "http", "port": 8080, "protocol": "TCP"], ["name": "metrics"], [:]],
            "endpoints": [
                ["addresses": ["10.42.0.5"], "conditions": ["ready": true]],
                ["addresses": ["10.42.1.7"]], ["addresses": ["10.42.2.1"]], ["addresses": ["10.42.3.1"]],
            ],
        ]
        #expect(
            TableConvertor.columns(group: "discovery.k8s.io", resource: "endpointslices").map(\.name) == [
                "Name", "AddressType", "Ports", "Endpoints", "Age",
            ])
        #expect(
            F.cells("discovery.k8s.io", "endpointslices", slice) == [
                "web-abc12", "IPv4", "8080,metrics,*", "10.42.0.5,10.42.1.7,10.42.2.1 + 1 more...", "60m",
            ])
        let empty: JSONValue = ["metadata": F.metadata("e"), "addressType": "IPv6"]
        #expect(F.cells("discovery.k8s.io", "endpointslices", empty) == ["e", "IPv6", "<unset>", "<unset>", "5m"])
    }
}
