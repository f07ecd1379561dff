import Foundation
import KubeAPI
import KubeStorage
import Testing

@testable import KubeAPIServer

/// Writes to `pods/NAME/status` are validated as Kubernetes validates them: metadata and status.
@Suite struct PodStatusWriteTests {
    let pods = "/api/v1/namespaces/default/pods"

    func pod(_ name: String) -> JSONValue {
        let spec: JSONValue = ["containers": [["name": "app", "image": "busybox"]]]
        return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": spec]
    }

    @Test func badAddressesAreRefusedWith422() async throws {
        try await APIServerHarness.run { h in
            let (created, stored) = try await h.send(.post, pods, pod("web"))
            #expect(created == 201)
            var bad = stored
            bad["status"] = ["podIP": "10.0.0.1", "podIPs": [["ip": "10.0.0.1"], ["ip": "10.0.0.2"]]]
            let (code, body) = try await h.send(.put, pods + "/web/status", bad)
            #expect(code == 422 && body["reason"] == "Invalid")
            #expect(body["details"]?["causes"]?[0]?["field"] == "status.podIPs")
            let (patched, after) = try await h.send(
                .patch, pods + "/web/status", ["status": ["podIP": "10.0.0.1", "podIPs": [["ip": "10.0.0.1"]]]],
                contentType: "application/strategic-merge-patch+json")
            #expect(patched == 200 && after["status"]?["podIPs"]?[0]?["ip"] == "10.0.0.1")
        }
    }

    @Test func aStatusWriteIsNotWarnedAboutTheStoredSpec() async throws {
        let store = MemoryStore()
        try await APIServerHarness.run(store: store) { h in
            // A stored spec with a field this server does not know (written by another version:
            // the API drops unknown fields before storing).
            let (created, _) = try await h.send(.post, pods, pod("odd"))
            #expect(created == 201)
            let key = "/registry/pods/default/odd"
            let stored = try #require(try await store.get(key))
            var odd = try JSONValue.parse(stored.value)
            odd["spec"]?["extra"] = 1
            _ = try await store.update(key, value: odd.serialized(), expectedModRevision: stored.modRevision)
            let (code, body) = try await h.send(
                .patch, pods + "/odd/status?fieldValidation=Strict", ["status": ["phase": "Running"]],
                contentType: "application/strategic-merge-patch+json")
            #expect(code == 200 && body["status"]?["phase"] == "Running")
            #expect(body["spec"]?["extra"] == 1, "a status write keeps the stored spec as it is")
            // An unknown field in the status itself is still refused.
            let (strict, refused) = try await h.send(
                .patch, pods + "/odd/status?fieldValidation=Strict", ["status": ["bogus": 1]],
                contentType: "application/strategic-merge-patch+json")
            #expect(strict == 400 && refused["message"]?.stringValue?.contains("unknown field \"status.bogus\"") == true)
        }
    }
}
