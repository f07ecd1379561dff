import KubeAPI
import Testing

@testable import KubeControllers

/// Fixtures for the endpoints planners.
enum EndpointFixtures {
    static func service(
        _ name: String = "web", ports: JSONValue = [["name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"]],
        publishNotReady: Bool = false, clusterIP: String = "10.43.0.10"
    ) -> JSONValue {
        [
            "metadata": ["name": .string(name), "namespace": "default", "uid": "svc-uid", "labels": ["team": "a"]],
            "spec": [
                "selector": ["app": "web"], "ports": ports, "publishNotReadyAddresses": .bool(publishNotReady),
                "clusterIP": .string(clusterIP),
            ],
        ]
    }

    static func pod(
        _ name: String, ip: String?, ready: Bool = true, httpPort: Int? = 8080, phase: String = "Running",
        terminating: Bool = false, node: String = "n1"
    ) -> JSONValue {
        var ports: [JSONValue] = []
        if let httpPort { ports.append(["name": "http", "containerPort": .int(httpPort), "protocol": "TCP"]) }
        var pod: JSONValue = [
            "metadata": ["name": .string(name), "namespace": "default", "uid": .string("uid-\(name)"), "labels": ["app": "web"]],
            "spec": ["nodeName": .string(node), "containers": [["name": "c", "ports": .array(ports)]]],
            "status": [
                "phase": .string(phase),
                "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False")]],
            ],
        ]
        if let ip { pod.set(.string(ip), at: ["status", "podIP"]) }
        if terminating { pod.setMetadata("deletionTimestamp", "2026-01-01T00:00:00Z") }
        return pod
    }
}

@Suite struct EndpointsPlanTests {
    typealias F = EndpointFixtures

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let service: JSONValue
        let pods: [JSONValue]
        /// Per subset: ready IPs, not-ready IPs, port numbers.
        let want: [([String], [String], [Int64])]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ready and not-ready", service: F.service(), pods: [F.pod("b", ip: "10.0.0.2"), F.pod("a", ip: "10.0.0.1", ready: false)],
             want: [(["10.0.0.2"], ["10.0.0.1"], [8080])]),
        Case(name: "no IP, terminal and terminating pods are left out", service: F.service(),
             pods: [F.pod("a", ip: nil), F.pod("b", ip: "10.0.0.2", phase: "Succeeded"), F.pod("c", ip: "10.0.0.3", terminating: true),
                    F.pod("d", ip: "10.0.0.4")],
             want: [(["10.0.0.4"], [], [8080])]),
        Case(name: "publishNotReadyAddresses lists every pod as ready, terminating too", service: F.service(publishNotReady: true),
             pods: [F.pod("a", ip: "10.0.0.1", ready: false), F.pod("c", ip: "10.0.0.3", terminating: true)],
             want: [(["10.0.0.1", "10.0.0.3"], [], [8080])]),
        Case(name: "named port resolved per pod, pods grouped by port", service: F.service(),
             pods: [F.pod("a", ip: "10.0.0.1", httpPort: 8080), F.pod("b", ip: "10.0.0.2", httpPort: 9090), F.pod("c", ip: "10.0.0.3", httpPort: nil),
                    F.pod("d", ip: "10.0.0.4", httpPort: 8080)],
             want: [(["10.0.0.1", "10.0.0.4"], [], [8080]), (["10.0.0.2"], [], [9090])]),
        Case(name: "numeric target port", service: F.service(ports: [["port": 80, "targetPort": 3000]]),
             pods: [F.pod("a", ip: "10.0.0.1", httpPort: nil)], want: [(["10.0.0.1"], [], [3000])]),
        Case(name: "headless without ports lists addresses only", service: F.service(ports: [], clusterIP: "None"),
             pods: [F.pod("a", ip: "10.0.0.1")], want: [(["10.0.0.1"], [], [])]),
        Case(name: "no pods, no subsets", service: F.service(), pods: [], want: []),
    ]

    @Test(arguments: cases) func subsets(_ c: Case) {
        let subsets = EndpointsPlan.subsets(service: c.service, pods: c.pods)
        let got = subsets.map { s in
            (
                (s["addresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue },
                (s["notReadyAddresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue },
                (s["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }
            )
        }
        #expect(got.count == c.want.count)
        for (g, w) in zip(got, c.want) {
            #expect(g.0 == w.0)
            #expect(g.1 == w.1)
            #expect(g.2 == w.2)
        }
    }

    @Test func addressesNameTheirPodAndNode() throws {
        let subsets = EndpointsPlan.subsets(service: F.service(), pods: [F.pod("a", ip: "10.0.0.1")])
        let address = try #require(subsets.first?["addresses"]?[0])
        #expect(address["nodeName"] == "n1")
        #expect(address["targetRef"] == ["kind": "Pod", "namespace": "default", "name": "a", "uid": "uid-a"])
        #expect(subsets.first?["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
    }

    @Test func writesOnlyWhenSomethingChanged() throws {
        let service = F.service(clusterIP: "None")
        let pods = [F.pod("a", ip: "10.0.0.1")]
        let first = try #require(EndpointsPlan.desired(service: service, pods: pods, existing: nil))
        #expect(first["metadata"]?["labels"] == ["team": "a", "service.kubernetes.io/headless": ""])
        #expect(EndpointsPlan.desired(service: service, pods: pods, existing: first) == nil)
        let changed = try #require(EndpointsPlan.desired(service: service, pods: [], existing: first))
        #expect(changed["subsets"] == nil)
    }

    @Test func endpointsAreCutToAThousandAddressesNotReadyFirst() throws {
        let pods = (0..<1200).map { i in F.pod("p\(i)", ip: "10.2.\(i / 250).\(i % 250 + 1)", ready: i < 900) }
        let endpoints = try #require(EndpointsPlan.desired(service: F.service(), pods: pods, existing: nil))
        #expect(endpoints["metadata"]?["annotations"]?["endpoints.kubernetes.io/over-capacity"] == "truncated")
        #expect(endpoints["subsets"]?[0]?["addresses"]?.arrayValue?.count == 900)
        #expect(endpoints["subsets"]?[0]?["notReadyAddresses"]?.arrayValue?.count == 100)
        #expect(EndpointsPlan.desired(service: F.service(), pods: pods, existing: endpoints) == nil)
        let small = try #require(EndpointsPlan.desired(service: F.service(), pods: Array(pods.prefix(3)), existing: endpoints))
        #expect(small["metadata"]?["annotations"] == nil)
    }
}
