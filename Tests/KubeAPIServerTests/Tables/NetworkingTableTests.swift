import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Ingress, IngressClass and NetworkPolicy tables")
struct NetworkingTableTests {
    typealias F = TableFixtures

    @Test func columns() {
        #expect(TableConvertor.columns(group: "networking.k8s.io", resource: "ingresses").map(\.name)
            == ["Name", "Class", "Hosts", "Address", "Ports", "Age"])
        #expect(TableConvertor.columns(group: "networking.k8s.io", resource: "ingressclasses").map(\.name)
            == ["Name", "Controller", "Parameters", "Age"])
        #expect(TableConvertor.columns(group: "networking.k8s.io", resource: "networkpolicies").map(\.name)
            == ["Name", "Pod-Selector", "Age"])
    }

    @Test func ingressRows() {
        let rules: JSONValue = [["host": "a.com"], [:], ["host": "b.com"], ["host": "c.com"], ["host": "d.com"]]
        let ingress: JSONValue = [
            "metadata": F.metadata("web", age: 7200 * 12),
            "spec": ["ingressClassName": "nginx", "rules": rules, "tls": [["hosts": ["a.com"]]]],
            "status": ["loadBalancer": ["ingress": [["hostname": "lb.example"], ["ip": "192.0.2.9"], ["ip": "192.0.2.9"]]]],
        ]
        #expect(F.cells("networking.k8s.io", "ingresses", ingress) == [
            "web", "nginx", "a.com,b.com,c.com + 2 more...", "192.0.2.9,lb.example", "80, 443", "24h",
        ])
        let catchAll: JSONValue = ["metadata": F.metadata("all"), "spec": ["defaultBackend": [:]], "status": [:]]
        #expect(F.cells("networking.k8s.io", "ingresses", catchAll) == ["all", "<none>", "*", "", "80", "5m"])
        #expect(NetworkingPrinters.hosts([["host": "a.com"], ["host": "b.com"], ["host": "c.com"]]) == "a.com,b.com,c.com")
    }

    @Test func ingressClassAndNetworkPolicyRows() {
        let withParameters: JSONValue = [
            "metadata": F.metadata("nginx", namespace: nil),
            "spec": ["controller": "k8s.io/ingress-nginx", "parameters": ["apiGroup": "k8s.example.com", "kind": "P", "name": "lb"]],
        ]
        #expect(F.cells("networking.k8s.io", "ingressclasses", withParameters) == [
            "nginx", "k8s.io/ingress-nginx", "P.k8s.example.com/lb", "5m",
        ])
        let plain: JSONValue = ["metadata": F.metadata("x", namespace: nil), "spec": ["controller": "example.com/x"]]
        #expect(F.cells("networking.k8s.io", "ingressclasses", plain)[2] == "<none>")
        let policy: JSONValue = ["metadata": F.metadata("db"), "spec": ["podSelector": ["matchLabels": ["app": "db"]]]]
        #expect(F.cells("networking.k8s.io", "networkpolicies", policy) == ["db", "app=db", "5m"])
        let all: JSONValue = ["metadata": F.metadata("deny"), "spec": ["podSelector": [:]]]
        #expect(F.cells("networking.k8s.io", "networkpolicies", all)[1] == "<none>")
    }
}
