import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct UnknownFieldsTests {
    @Test func pathsOfUnknownFieldsAreWrittenAsKubernetesWritesThem() throws {
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod", "bogus": 1,
            "metadata": ["name": "p", "labels": ["any.key/x": "v"], "annotations": ["a": "b"], "extra": true],
            "spec": [
                "containers": [
                    ["name": "a", "image": "i"],
                    ["name": "b", "image": "i", "bar": 2, "ports": [["containerPort": 80, "kind": "tcp"]]],
                ],
                "nodeSelector": ["disk": "ssd"], "foo": ["kind": 1],
            ],
        ]
        let unknown = UnknownFields.find(in: pod, schema: .standard, root: ResourceInfo.pods.definition)
        #expect(unknown == ["bogus", "metadata.extra", "spec.containers[1].bar", "spec.containers[1].ports[0].kind", "spec.foo"])
        var clean = pod
        for key in ["bogus"] { clean[key] = nil }
        clean["metadata"]?["extra"] = nil
        clean["spec"]?["foo"] = nil
        clean["spec"]?["containers"] = [["name": "a", "image": "i", "ports": [["containerPort": 80]]]]
        #expect(UnknownFields.find(in: clean, schema: .standard, root: ResourceInfo.pods.definition).isEmpty)
    }

    @Test func aRememberedSpecGivesTheSamePathsInTheSameOrder() throws {
        let root = ResourceInfo.pods.definition
        let memo = JSONValueMemo<[String]>()
        let spec: JSONValue = ["containers": [["name": "a", "image": "i", "bar": 2]], "foo": 1]
        for round in 0..<2 {
            let pod: JSONValue = [
                "apiVersion": "v1", "kind": "Pod", "before": 1, "metadata": ["name": .string("p\(round)")], "spec": spec,
                "after": 2,
            ]
            let plain = UnknownFields.find(in: pod, schema: .standard, root: root)
            #expect(plain == ["before", "spec.containers[0].bar", "spec.foo", "after"])
            #expect(UnknownFields.find(in: pod, schema: .standard, root: root, specMemo: memo) == plain, "round \(round)")
        }
        #expect(memo.count == 1)
        // A different spec is looked at, not taken from the memo.
        let other: JSONValue = ["apiVersion": "v1", "kind": "Pod", "spec": ["containers": [["name": "a", "image": "i"]]]]
        #expect(UnknownFields.find(in: other, schema: .standard, root: root, specMemo: memo).isEmpty)
    }

    @Test func strictDecodingComesBeforeValidation() async throws {
        try await APIServerHarness.run { h in
            // Both invalid (no containers) and carrying an unknown field: Kubernetes refuses it
            // while decoding, with 400, before validation would answer 422.
            let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"], "spec": ["bogus": 1]]
            let (code, body) = try await h.send(.post, "/api/v1/namespaces/default/pods?fieldValidation=Strict", pod)
            #expect(code == 400)
            #expect(body["message"] == #"strict decoding error: unknown field "spec.bogus""#)
            let (warnCode, _) = try await h.send(.post, "/api/v1/namespaces/default/pods?fieldValidation=Warn", pod)
            #expect(warnCode == 422)
        }
    }
}
