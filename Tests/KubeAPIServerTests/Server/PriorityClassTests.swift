import Foundation
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeStorage
import NIOCore
import Testing

@testable import KubeAPIServer

private let classes = "/apis/scheduling.k8s.io/v1/priorityclasses"
private let pods = "/api/v1/namespaces/default/pods"

private func priorityClass(
    _ name: String, value: Int, globalDefault: Bool? = nil, preemptionPolicy: String? = nil
) -> JSONValue {
    var pc: JSONValue = [
        "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": ["name": .string(name)],
        "value": .int(value),
    ]
    if let globalDefault { pc["globalDefault"] = .bool(globalDefault) }
    if let preemptionPolicy { pc["preemptionPolicy"] = .string(preemptionPolicy) }
    return pc
}

private func pod(_ name: String, className: String? = nil, priority: Int? = nil) -> JSONValue {
    var spec: JSONValue = ["containers": [["name": "c", "image": "nginx:1"]]]
    if let className { spec["priorityClassName"] = .string(className) }
    if let priority { spec["priority"] = .int(priority) }
    return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)], "spec": spec]
}

/// The `Status` body of a 403 for `name` of `resource`, as Kubernetes writes it.
private func forbidden(_ qualified: String, _ name: String, _ why: String, group: String? = nil) -> JSONValue {
    var details: JSONValue = ["name": .string(name)]
    if let group { details["group"] = .string(group) }
    details["kind"] = .string(qualified.split(separator: ".").first.map(String.init) ?? qualified)
    return [
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
        "message": .string("\(qualified) \"\(name)\" is forbidden: \(why)"), "reason": "Forbidden",
        "details": details, "code": 403,
    ]
}

@Suite struct PriorityClassBootstrapTests {
    @Test func systemClassesExistOnceWithKubernetesFields() async throws {
        let store = MemoryStore()
        let uid = try await APIServerHarness.run(store: store) { h in
            let (code, pc) = try await h.send(.get, classes + "/system-node-critical")
            #expect(code == 200)
            #expect(pc["value"] == 2_000_001_000 && pc["preemptionPolicy"] == "PreemptLowerPriority")
            #expect(pc["description"] == "Used for system critical pods that must not be moved from their current node.")
            #expect(pc["globalDefault"] == nil && pc.generation == 1)
            let (_, cluster) = try await h.send(.get, classes + "/system-cluster-critical")
            #expect(cluster["value"] == 2_000_000_000)
            #expect(
                cluster["description"]
                    == "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."
            )
            return pc.uid
        }
        // A restart on the same store leaves them as they are.
        try await APIServerHarness.run(store: store) { h in
            let (_, list) = try await h.send(.get, classes)
            #expect(list["items"]?.arrayValue?.count == 2)
            #expect(list["items"]?[0]?.uid == uid || list["items"]?[1]?.uid == uid)
        }
    }

    @Test func systemClassesCannotBeDeleted() async throws {
        try await APIServerHarness.run { h in
            let (code, body) = try await h.send(.delete, classes + "/system-cluster-critical")
            #expect(code == 403)
            #expect(
                body
                    == forbidden(
                        "priorityclasses.scheduling.k8s.io", "system-cluster-critical",
                        "this is a system priority class and cannot be deleted", group: "scheduling.k8s.io"))
            #expect(try await h.send(.post, classes, priorityClass("temp", value: 5)).0 == 201)
            #expect(try await h.send(.delete, classes + "/temp").0 == 200)
        }
    }
}

@Suite struct PriorityAdmissionTests {
    @Test func podsGetTheirClassPriorityAndPolicy() async throws {
        try await APIServerHarness.run { h in
            let (made, pc) = try await h.send(.post, classes, priorityClass("high", value: 1000, preemptionPolicy: "Never"))
            #expect(made == 201 && pc.generation == 1)
            let (code, created) = try await h.send(.post, pods, pod("a", className: "high"))
            #expect(code == 201)
            #expect(created["spec"]?["priority"] == 1000 && created["spec"]?["preemptionPolicy"] == "Never")
            let (_, plain) = try await h.send(.post, pods, pod("b"))
            #expect(plain["spec"]?["priority"] == 0 && plain["spec"]?["preemptionPolicy"] == "PreemptLowerPriority")
            #expect(plain["spec"]?["priorityClassName"] == nil)
            let (_, critical) = try await h.send(.post, pods, pod("c", className: "system-node-critical"))
            #expect(critical["spec"]?["priority"] == 2_000_001_000)
            let (same, _) = try await h.send(.post, pods, pod("d", className: "high", priority: 1000))
            #expect(same == 201)
        }
    }

    @Test func unknownClassAndWrongPriorityAreForbidden() async throws {
        try await APIServerHarness.run { h in
            let (code, body) = try await h.send(.post, pods, pod("x", className: "nope"))
            #expect(code == 403)
            #expect(body == forbidden("pods", "x", "no PriorityClass with name nope was found"))
            let (wrong, message) = try await h.send(.post, pods, pod("y", priority: 7))
            #expect(wrong == 403)
            #expect(
                message["message"]
                    == "pods \"y\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name"
            )
            var policy = pod("z", className: "system-cluster-critical")
            policy.set("Never", at: ["spec", "preemptionPolicy"])
            let (_, mismatch) = try await h.send(.post, pods, policy)
            #expect(
                mismatch["message"]
                    == "pods \"z\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name"
            )
            var generated = pod("", className: "nope")
            generated["metadata"] = ["generateName": "web-"]
            let (_, named) = try await h.send(.post, pods, generated)
            #expect(named["message"] == "pods \"web-\" is forbidden: no PriorityClass with name nope was found")
        }
    }

    @Test func theGlobalDefaultAppliesAndStaysUnique() async throws {
        try await APIServerHarness.run { h in
            let (made, low) = try await h.send(.post, classes, priorityClass("default-low", value: 10, globalDefault: true))
            #expect(made == 201)
            // Admission reads the watch cache, which follows the store asynchronously.
            await waitForCache(h, revision: Int64(low.resourceVersion) ?? 0)
            let (_, p) = try await h.send(.post, pods, pod("a"))
            #expect(p["spec"]?["priority"] == 10 && p["spec"]?["priorityClassName"] == "default-low")
            let (second, body) = try await h.send(.post, classes, priorityClass("other", value: 20, globalDefault: true))
            #expect(second == 403)
            #expect(
                body
                    == forbidden(
                        "priorityclasses.scheduling.k8s.io", "other",
                        "PriorityClass default-low is already marked as default. Only one default can exist",
                        group: "scheduling.k8s.io"))
            let (_, other) = try await h.send(.post, classes, priorityClass("other", value: 20))
            var promoted = other
            promoted["globalDefault"] = true
            #expect(try await h.send(.put, classes + "/other", promoted).0 == 403)
            let (_, existing) = try await h.send(.get, classes + "/default-low")
            var described = existing
            described["description"] = "the default"
            #expect(try await h.send(.put, classes + "/default-low", described).0 == 200)
        }
    }

    @Test func classValidationAndImmutability() async throws {
        try await APIServerHarness.run { h in
            let (code, body) = try await h.send(.post, classes, priorityClass("huge", value: 2_000_000_000))
            #expect(code == 422)
            #expect(
                body["message"]
                    == "PriorityClass.scheduling.k8s.io \"huge\" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000"
            )
            let (_, pc) = try await h.send(.post, classes, priorityClass("mid", value: 50))
            var changed = pc
            changed["value"] = 51
            let (update, message) = try await h.send(.put, classes + "/mid", changed)
            #expect(update == 422)
            #expect(
                message["message"]
                    == "PriorityClass.scheduling.k8s.io \"mid\" is invalid: value: Forbidden: may not be changed in an update."
            )
        }
    }

    @Test func podUpdatesKeepTheAdmittedPriority() async throws {
        try await APIServerHarness.run { h in
            _ = try await h.send(.post, classes, priorityClass("high", value: 1000))
            let (_, created) = try await h.send(.post, pods, pod("a", className: "high"))
            var relabelled = created
            relabelled.set(nil, at: ["spec", "priority"])
            relabelled.set(nil, at: ["spec", "preemptionPolicy"])
            relabelled.set(["x": "y"], at: ["metadata", "labels"])
            let (code, updated) = try await h.send(.put, pods + "/a", relabelled)
            #expect(code == 200)
            #expect(updated["spec"]?["priority"] == 1000 && updated["spec"]?["preemptionPolicy"] == "PreemptLowerPriority")
        }
    }

    /// Waits (at most a second) until the watch caches have caught up to `revision`.
    private func waitForCache(_ h: APIServerHarness, revision: Int64) async {
        for _ in 0..<200 where h.server.cacheRevision < revision { try? await Task.sleep(for: .milliseconds(5)) }
    }
}

@Suite struct PriorityClassTableTests {
    @Test func kubectlColumnsAndCells() throws {
        let columns = TableConvertor.columns(group: "scheduling.k8s.io", resource: "priorityclasses")
        #expect(columns.map(\.name) == ["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"])
        #expect(columns.map(\.type) == ["string", "integer", "boolean", "string", "string"])
        #expect(columns.allSatisfy { $0.priority == 0 })
        let pc: JSONValue = [
            "metadata": TableFixtures.metadata("high", age: 90, namespace: nil), "value": 1000, "globalDefault": true,
            "preemptionPolicy": "Never",
        ]
        #expect(TableFixtures.cells("scheduling.k8s.io", "priorityclasses", pc) == ["high", 1000, true, "90s", "Never"])
        let bare: JSONValue = ["metadata": TableFixtures.metadata("bare", age: 7200, namespace: nil), "value": 5]
        #expect(TableFixtures.cells("scheduling.k8s.io", "priorityclasses", bare) == ["bare", 5, false, "120m", ""])
    }

    @Test func tableOverHTTP() async throws {
        try await APIServerHarness.run { h in
            let accept = "application/json;as=Table;v=v1;g=meta.k8s.io"
            let table = try await h.client.execute(uri: classes, method: .get, headers: [.accept: accept]) { response in
                try JSONValue.parse(Array(response.body.readableBytesView))
            }
            let rows = table["rows"]?.arrayValue ?? []
            #expect(rows.count == 2)
            #expect(rows.first?["cells"]?[0] == "system-cluster-critical" && rows.first?["cells"]?[4] == "PreemptLowerPriority")
            #expect(rows.first?["cells"]?[1] == 2_000_000_000 && rows.first?["cells"]?[2] == false)
        }
    }
}
