import KubeAPI
import Testing

@testable import KubeScheduler

/// The scheduler's pod decoder: the same typed pods as the whole-object decoder, with each
/// distinct spec decoded once.
@Suite struct PodDecoderTests {
    static func pod(_ name: String, image: String = "app:1", nodeName: String? = nil) -> JSONValue {
        var spec: JSONValue = [
            "containers": [["name": "app", "image": .string(image), "resources": ["requests": ["cpu": "100m", "memory": "64Mi"]],
                            "ports": [["containerPort": 8080, "hostPort": 80]]]],
            "tolerations": [["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]],
            "nodeSelector": ["zone": "a"], "priority": 10, "schedulerName": "default-scheduler",
        ]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "ns", "uid": .string("uid-\(name)"), "labels": ["app": "web"]],
            "spec": spec, "status": ["phase": "Pending"],
        ]
    }

    static func direct(_ object: JSONValue) throws -> Pod { try JSONValueDecoder().decode(Pod.self, from: object) }

    @Test func podsThatShareASpecDecodeAsTheWholeObjectDecoderDecodesThem() throws {
        let decoder = PodDecoder()
        for object in [Self.pod("a"), Self.pod("b"), Self.pod("c", image: "app:2"), Self.pod("a"), Self.pod("d", nodeName: "n1")] {
            let pod = try decoder.decode(object)
            #expect(pod == (try Self.direct(object)))
        }
        let b = try decoder.decode(Self.pod("b"))
        #expect(b.metadata.name == "b")
        #expect(b.metadata.uid == "uid-b")
        #expect(b.spec?.containers.first?.image == "app:1")
        #expect(try decoder.decode(Self.pod("e", image: "app:2")).spec?.containers.first?.image == "app:2")
    }

    @Test func missingAndNullPartsReadAsTheWholeObjectDecoderReadsThem() throws {
        let decoder = PodDecoder()
        let cases: [JSONValue] = [
            ["kind": "Pod"],
            ["metadata": .null, "spec": .null, "status": .null],
            ["apiVersion": .null, "metadata": ["name": "x"], "spec": ["containers": []]],
            [:],
        ]
        for object in cases {
            let pod = try decoder.decode(object)
            #expect(pod == (try Self.direct(object)))
        }
        #expect(try decoder.decode(["kind": "Pod"]).metadata == ObjectMeta())
    }

    /// Metadata and status read member by member equal the Codable decoder's reading, and
    /// anything else (other members, other types) is left to it.
    @Test func metadataAndStatusReadDirectlyMatchTheCodableDecoder() throws {
        let metadata: [JSONValue] = [
            ["name": "a", "generateName": "a-", "namespace": "ns", "uid": "u", "resourceVersion": "7",
             "creationTimestamp": "2026-11-29T00:00:00Z", "deletionTimestamp": .null, "labels": ["app": "web", "tier": "x"]],
            ["name": "a", "labels": [:]],
            [:],
        ]
        for m in metadata {
            let direct = try #require(PodDecoder.metadata(m))
            #expect(direct == (try JSONValueDecoder().decode(ObjectMeta.self, from: m)))
        }
        for other: JSONValue in [["name": "a", "annotations": ["k": "v"]], ["labels": ["app": 1]], ["name": 5], "meta"] {
            #expect(PodDecoder.metadata(other) == nil)
        }
        for s: JSONValue in [["phase": "Running", "qosClass": "Burstable", "nominatedNodeName": "n1"], ["phase": .null], [:]] {
            let direct = try #require(PodDecoder.status(s))
            #expect(direct == (try JSONValueDecoder().decode(PodStatus.self, from: s)))
        }
        for other: JSONValue in [["phase": "Running", "hostIP": "10.0.0.1"], ["phase": 1], ["conditions": []]] {
            #expect(PodDecoder.status(other) == nil)
        }
        // What the scheduler's informer keeps of a pod is all the direct readers' to read.
        var stored = Self.pod("s")
        stored["metadata"]?["creationTimestamp"] = "2026-11-29T00:00:00Z"
        stored["metadata"]?["resourceVersion"] = "12"
        stored["metadata"]?["annotations"] = ["k": "v"]
        stored["metadata"]?["managedFields"] = [["manager": "m"]]
        stored["status"] = ["phase": "Running", "qosClass": "Burstable", "conditions": [["type": "Ready", "status": "True"]]]
        let kept = try JSONValue.parse(stored.serialized(), keeping: Scheduler.podFields)
        #expect(PodDecoder.metadata(try #require(kept["metadata"])) != nil)
        #expect(PodDecoder.status(try #require(kept["status"])) != nil)
        // A pod with more than the direct readers take decodes whole, as before.
        let decoder = PodDecoder()
        var full = Self.pod("f")
        full["metadata"]?["annotations"] = ["k": "v"]
        full["status"] = ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]
        #expect(try decoder.decode(full) == (try Self.direct(full)))
    }

    @Test func malformedPodsThrowAsTheWholeObjectDecoderDoes() {
        let decoder = PodDecoder()
        let cases: [JSONValue] = [
            ["kind": 3],
            ["apiVersion": ["v1"]],
            ["metadata": ["name": 5]],
            ["metadata": ["labels": ["app": .null]]],
            ["metadata": ["labels": "app"]],
            ["spec": ["containers": "app"]],
            ["status": ["phase": 1]],
            "a pod",
            [1, 2],
        ]
        for object in cases {
            #expect(throws: (any Error).self) { try Self.direct(object) }
            #expect(throws: (any Error).self) { try decoder.decode(object) }
        }
    }

    @Test func aFullMemoIsEmptiedAndStillDecodesEverySpec() throws {
        let decoder = PodDecoder(capacity: 2)
        let images = ["app:1", "app:2", "app:3", "app:1", "app:3", "app:4", "app:2"]
        for (i, image) in images.enumerated() {
            let object = Self.pod("p\(i)", image: image)
            let pod = try decoder.decode(object)
            #expect(pod == (try Self.direct(object)))
            #expect(pod.spec?.containers.first?.image == image)
        }
    }
}
