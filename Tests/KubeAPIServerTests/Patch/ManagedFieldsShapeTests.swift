import KubeAPI
import Testing

@testable import KubeAPIServer

/// The `managedFields` entries of writes through the API, as Kubernetes records them.
@Suite struct ManagedFieldsShapeTests {
    static func entries(_ object: JSONValue) -> [JSONValue] { object["metadata"]?["managedFields"]?.arrayValue ?? [] }

    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web", "labels": ["app": "web"]],
        "spec": ["containers": [["name": "c", "image": "busybox"]]],
    ]

    /// A create is compared with an empty Pod: `spec` and `spec.containers` exist there, so they carry
    /// no `"."`; the defaults are the creator's; what admission adds (tolerations, priority) and the
    /// server-set status are nobody's.
    @Test func aCreatedPodsEntryMatchesKubernetes() async throws {
        try await APIServerHarness.run { h in
            let (code, created) = try await h.send(.post, "/api/v1/namespaces/default/pods?fieldManager=kubectl-create", Self.pod)
            #expect(code == 201, "\(created)")
            let entries = Self.entries(created)
            #expect(entries.count == 1)
            #expect(entries.first?["manager"] == "kubectl-create" && entries.first?["operation"] == "Update")
            #expect(entries.first?["subresource"] == nil)
            let expected = #"""
                {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}
                """#
            #expect(entries.first?["fieldsV1"]?.jsonString == expected)
            #expect(created["status"]?["phase"] == "Pending", "the server still sets the status")
        }
    }

    /// A status write is recorded under its subresource and owns only status fields.
    @Test func aStatusWriteIsRecordedUnderItsSubresource() async throws {
        try await APIServerHarness.run { h in
            let (_, created) = try await h.send(.post, "/api/v1/namespaces/default/pods?fieldManager=kubectl-create", Self.pod)
            var status = created
            status["status"]?["message"] = "hello"
            status["spec"]?["activeDeadlineSeconds"] = 5  // ignored by the status subresource
            let (code, updated) = try await h.send(
                .put, "/api/v1/namespaces/default/pods/web/status?fieldManager=kubelet", status)
            #expect(code == 200, "\(updated)")
            let kubelet = Self.entries(updated).first { $0["manager"] == "kubelet" }
            #expect(kubelet?["subresource"] == "status")
            #expect(kubelet?["fieldsV1"]?.jsonString == #"{"f:status":{"f:message":{}}}"#)
            #expect(Self.entries(updated).count == 2)
        }
    }

    /// A binding records no entry, as in Kubernetes.
    @Test func aBindingRecordsNoEntry() async throws {
        try await APIServerHarness.run { h in
            _ = try await h.send(.post, "/api/v1/namespaces/default/pods?fieldManager=kubectl-create", Self.pod)
            let binding: JSONValue = [
                "apiVersion": "v1", "kind": "Binding", "metadata": ["name": "web"], "target": ["kind": "Node", "name": "n1"],
            ]
            let (code, body) = try await h.send(
                .post, "/api/v1/namespaces/default/pods/web/binding?fieldManager=default-scheduler", binding)
            #expect(code == 201, "\(body)")
            let (_, pod) = try await h.send(.get, "/api/v1/namespaces/default/pods/web")
            #expect(pod["spec"]?["nodeName"] == "n1")
            #expect(Self.entries(pod).map { $0["manager"] } == ["kubectl-create"])
        }
    }
}
