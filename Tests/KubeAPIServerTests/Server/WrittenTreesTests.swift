import KubeAPI
import KubeStorage
import Testing

@testable import KubeAPIServer

@Suite struct WrittenTreesTests {
    let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["resourceVersion": "3", "name": "p", "namespace": "ns", "labels": ["app": "web", "tier": "ü\"\n"]],
        "spec": ["nodeName": "n1", "containers": [["name": "c", "image": "busybox"]], "schedulerName": "default-scheduler"],
        "status": ["phase": "Running", "podIP": "10.0.0.5"],
    ]

    @Test func theStoredTreeIsWhatItsBytesParseTo() throws {
        let tree = StoredObject.layout(pod)
        let bytes = StoredObject.encode(pod)
        #expect(tree.serialized() == bytes)
        #expect(try JSONValue.parse(bytes) == tree)
        #expect(tree.resourceVersion.isEmpty)
        #expect(tree.objectValue?.keys.prefix(3) == ["kind", "apiVersion", "metadata"])
    }

    @Test func aHandOverIsTakenOnceForTheSameBytes() {
        var trees = WrittenTrees(limit: 4)
        let bytes = StoredObject.encode(pod)
        trees.expect(key: "/registry/pods/ns/p", stored: bytes, tree: StoredObject.layout(pod))
        #expect(trees.waiting == 1)
        #expect(trees.take(key: "/registry/pods/ns/other", stored: bytes) == nil)
        // A copy of the bytes in another buffer (etcd's watch) matches as well.
        let copy = Array(bytes[...])
        #expect(trees.take(key: "/registry/pods/ns/p", stored: copy) == StoredObject.layout(pod))
        #expect(trees.waiting == 0)
        #expect(trees.take(key: "/registry/pods/ns/p", stored: bytes) == nil)
    }

    @Test func otherBytesAtTheKeyConsumeAStaleHandOver() {
        var trees = WrittenTrees(limit: 4)
        trees.expect(key: "k", stored: StoredObject.encode(pod), tree: StoredObject.layout(pod))
        var other = pod
        other.set("Pending", at: ["status", "phase"])
        #expect(trees.take(key: "k", stored: StoredObject.encode(other)) == nil)
        #expect(trees.waiting == 0)
    }

    @Test func handOversThatNeverMeetTheirEventAreBounded() {
        var trees = WrittenTrees(limit: 4)
        for i in 0..<10 { trees.expect(key: "k\(i)", stored: [UInt8(i)], tree: .null) }
        #expect(trees.waiting <= 4)
    }

    /// The cache entry built from a hand-over is the one parsing the event's bytes builds.
    @Test func theCacheIndexesAHandedOverTreeAsItIndexesParsedBytes() throws {
        let key = "/registry/pods/ns/p"
        let bytes = StoredObject.encode(pod)
        let event = StoreEvent(kind: .put, kv: KeyValue(key: key, value: bytes, createRevision: 5, modRevision: 5), prev: nil)
        let handedOver = WatchCache(resource: ResourceInfo.pods, initial: [], revision: 4)
        handedOver.expect(key: key, stored: bytes, tree: StoredObject.layout(pod))
        handedOver.apply([event])
        let parsed = WatchCache(resource: ResourceInfo.pods, initial: [], revision: 4)
        parsed.apply([event])
        let a = try #require(handedOver.get(key))
        let b = try #require(parsed.get(key))
        let labels: [String: String] = ["app": "web", "tier": "ü\"\n"]
        #expect(a.labels == labels)
        #expect(a.fields["spec.nodeName"] == "n1" && a.fields["status.phase"] == "Running")
        #expect(a.labels == b.labels && a.fields == b.fields && a.namespace == b.namespace && a.name == b.name)
        #expect(a.bytes == b.bytes && a.revision == 5)
        #expect(handedOver.state.withLock { $0.trees.waiting } == 0)
    }
}
