import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct StoredObjectTests {
    @Test func encodePutsTypeAndMetadataFirstWithoutResourceVersion() throws {
        let o = try JSONValue.parse(#"{"spec":{"metadata":{"x":1}},"metadata":{"resourceVersion":"9","name":"a"},"kind":"K","apiVersion":"v1"}"#)
        let stored = StoredObject.encode(o)
        #expect(String(decoding: stored, as: UTF8.self) == #"{"kind":"K","apiVersion":"v1","metadata":{"name":"a"},"spec":{"metadata":{"x":1}}}"#)
        let out = StoredObject.withResourceVersion(stored, 42)
        let back = try JSONValue.parse(out)
        #expect(back.resourceVersion == "42" && back.name == "a")
        #expect(back["spec"]?["metadata"]?["resourceVersion"] == nil, "only the top-level metadata gets it")
    }

    @Test func spliceIntoEmptyMetadataAndStringsThatLookLikeKeys() throws {
        let tricky: JSONValue = ["kind": "K", "apiVersion": "v1", "metadata": [:], "data": ["x": "\"metadata\":{"]]
        let out = StoredObject.withResourceVersion(StoredObject.encode(tricky), 7)
        let back = try JSONValue.parse(out)
        #expect(back.resourceVersion == "7" && back["data"]?["x"] == "\"metadata\":{")
    }
}

@Suite struct ObjectStrategyTests {
    let deployments = ResourceCatalog.lookup(group: "apps", version: "v1", resource: "deployments")!

    @Test func createResetsStatusAndSetsServerMetadata() {
        var o: JSONValue = ["metadata": ["name": "d", "resourceVersion": "5", "uid": "client"], "spec": [:], "status": ["replicas": 3]]
        ObjectStrategy.prepareForCreate(&o, deployments, uid: "u1", now: "2026-01-01T00:00:00Z")
        #expect(o.uid == "u1" && o.resourceVersion.isEmpty && o.generation == 1)
        #expect(o["status"] == nil)
    }

    @Test func updateKeepsStatusAndCountsSpecChangesOnly() {
        let old: JSONValue = ["metadata": ["name": "d", "uid": "u1", "generation": 4], "spec": ["replicas": 1], "status": ["replicas": 1]]
        var labelsOnly = old
        labelsOnly.set(["a": "b"], at: ["metadata", "labels"])
        labelsOnly.set(["replicas": 9], at: ["status"])
        ObjectStrategy.prepareForUpdate(&labelsOnly, old: old, deployments, subresource: nil)
        #expect(labelsOnly.generation == 4 && labelsOnly["status"]?["replicas"] == 1)
        var scaled = old
        scaled.set(2, at: ["spec", "replicas"])
        scaled.setMetadata("uid", "forged")
        ObjectStrategy.prepareForUpdate(&scaled, old: old, deployments, subresource: nil)
        #expect(scaled.generation == 5 && scaled.uid == "u1")
        var status = old
        status.set(["replicas": 2], at: ["status"])
        status.set(7, at: ["spec", "replicas"])
        ObjectStrategy.prepareForUpdate(&status, old: old, deployments, subresource: "status")
        #expect(status["status"]?["replicas"] == 2 && status["spec"]?["replicas"] == 1 && status.generation == 4)
    }

    @Test func jobsGetAGeneratedSelector() {
        let jobs = ResourceCatalog.lookup(group: "batch", version: "v1", resource: "jobs")!
        var j: JSONValue = ["metadata": ["name": "j"], "spec": ["template": ["spec": [:]]]]
        ObjectStrategy.prepareForCreate(&j, jobs, uid: "u9", now: "2026-01-01T00:00:00Z")
        #expect(j["spec"]?["selector"]?["matchLabels"]?["batch.kubernetes.io/controller-uid"] == "u9")
        #expect(j["spec"]?["template"]?["metadata"]?["labels"]?["job-name"] == "j")
    }
}
