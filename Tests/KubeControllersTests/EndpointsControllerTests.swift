import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct EndpointsControllerTests {
    static let service: JSONValue = [
        "apiVersion": "v1", "kind": "Service",
        "metadata": ["name": "web", "namespace": "default"],
        "spec": ["selector": ["app": "web"], "ports": [["name": "http", "port": 80, "targetPort": "http"]]],
    ]

    static func pod(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "default", "labels": ["app": "web"]],
            "spec": ["containers": [["name": "c", "image": "x", "ports": [["name": "http", "containerPort": 8080]]]]],
        ]
    }

    /// Marks pod `name` running on n1 with `ip`, Ready as told.
    static func setStatus(_ h: ControllerHarness, _ name: String, ip: String, ready: Bool) async throws {
        var pod = try await h.client.get(.pods, namespace: "default", name: name)
        pod["status"] = [
            "phase": "Running", "podIP": .string(ip), "podIPs": [["ip": .string(ip)]],
            "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False")]],
        ]
        _ = try await h.client.update(.pods, namespace: "default", pod, subresource: "status")
    }

    static func ips(_ endpoints: JSONValue?, _ field: String) -> [String] {
        (endpoints?["subsets"]?.arrayValue ?? []).flatMap { ($0[field]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue } }
    }

    @Test func endpointsFollowPodReadinessAndGoWithTheirService() async throws {
        try await ControllerHarness.run(controllers: ["endpoint"]) { h in
            _ = try await h.client.create(.services, namespace: "default", Self.service)
            for name in ["a", "b"] { _ = try await h.client.create(.pods, namespace: "default", Self.pod(name)) }
            try await Self.setStatus(h, "a", ip: "10.42.0.1", ready: true)
            try await Self.setStatus(h, "b", ip: "10.42.0.2", ready: false)
            try await h.eventually("a ready, b not ready") {
                let e = try? await h.client.get(.endpoints, namespace: "default", name: "web")
                return Self.ips(e, "addresses") == ["10.42.0.1"] && Self.ips(e, "notReadyAddresses") == ["10.42.0.2"]
            }
            let before = try await h.client.get(.endpoints, namespace: "default", name: "web")
            #expect(before["subsets"]?[0]?["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
            try await Self.setStatus(h, "b", ip: "10.42.0.2", ready: true)
            try await h.eventually("b ready") {
                let e = try? await h.client.get(.endpoints, namespace: "default", name: "web")
                return Self.ips(e, "addresses") == ["10.42.0.1", "10.42.0.2"]
            }
            try await h.client.delete(.services, namespace: "default", name: "web")
            try await h.eventually("Endpoints deleted with the Service") {
                (try? await h.client.get(.endpoints, namespace: "default", name: "web")) == nil
            }
        }
    }

    @Test func selectorlessServicesKeepTheirOwnEndpoints() async throws {
        try await ControllerHarness.run(controllers: ["endpoint"]) { h in
            var manual = Self.service
            manual.set(nil, at: ["spec", "selector"])
            manual.setMetadata("name", "manual")
            _ = try await h.client.create(.services, namespace: "default", manual)
            _ = try await h.client.create(.endpoints, namespace: "default", [
                "apiVersion": "v1", "kind": "Endpoints", "metadata": ["name": "manual", "namespace": "default"],
                "subsets": [["addresses": [["ip": "192.168.1.1"]], "ports": [["port": 80]]]],
            ])
            _ = try await h.client.create(.services, namespace: "default", Self.service)
            try await h.eventually("Endpoints web") { (try? await h.client.get(.endpoints, namespace: "default", name: "web")) != nil }
            let kept = try await h.client.get(.endpoints, namespace: "default", name: "manual")
            #expect(Self.ips(kept, "addresses") == ["192.168.1.1"])
        }
    }

    @Test func slicesListPodsWithConditionsAndFollowReadiness() async throws {
        try await ControllerHarness.run(controllers: ["endpointslice"]) { h in
            _ = try await h.client.create(.services, namespace: "default", Self.service)
            try await h.eventually("placeholder slice") { try await h.list(.endpointSlices).count == 1 }
            for name in ["a", "b"] { _ = try await h.client.create(.pods, namespace: "default", Self.pod(name)) }
            try await Self.setStatus(h, "a", ip: "10.42.0.1", ready: true)
            try await Self.setStatus(h, "b", ip: "10.42.0.2", ready: false)
            @Sendable func readiness() async throws -> [String: Bool] {
                var out: [String: Bool] = [:]
                for slice in try await h.list(.endpointSlices) {
                    for e in slice["endpoints"]?.arrayValue ?? [] {
                        out[e["addresses"]?[0]?.stringValue ?? ""] = e["conditions"]?["ready"]?.boolValue
                    }
                }
                return out
            }
            try await h.eventually("two endpoints in one slice") {
                let count = try await h.list(.endpointSlices).count
                return try await readiness() == ["10.42.0.1": true, "10.42.0.2": false] && count == 1
            }
            let slice = try #require(try await h.list(.endpointSlices).first)
            #expect(slice["metadata"]?["labels"]?["kubernetes.io/service-name"] == "web")
            #expect(slice["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
            try await Self.setStatus(h, "b", ip: "10.42.0.2", ready: true)
            try await h.eventually("b ready") {
                try await readiness() == ["10.42.0.1": true, "10.42.0.2": true]
            }
        }
    }

    @Test func manyPodsSpreadOverSlicesOfAtMostMax() async throws {
        var options = ControllerOptions()
        options.maxEndpointsPerSlice = 10
        try await ControllerHarness.run(controllers: ["endpointslice"], options: options) { h in
            _ = try await h.client.create(.services, namespace: "default", Self.service)
            for i in 0..<25 {
                let name = "p\(i)"
                _ = try await h.client.create(.pods, namespace: "default", Self.pod(name))
                try await Self.setStatus(h, name, ip: "10.42.1.\(i + 1)", ready: true)
            }
            try await h.eventually("25 endpoints in 3 slices") {
                let slices = try await h.list(.endpointSlices)
                let counts = slices.map { $0["endpoints"]?.arrayValue?.count ?? 0 }.sorted()
                return counts == [5, 10, 10]
            }
        }
    }
}
