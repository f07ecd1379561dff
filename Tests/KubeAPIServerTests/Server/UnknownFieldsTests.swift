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
}
