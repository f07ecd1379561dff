import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KubeAPI
import NIOCore
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

    @Test func prunedDropsWhatFindReportsAndKeepsSkippedMembers() throws {
        let root = ResourceInfo.pods.definition
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod", "bogus": 1,
            "metadata": ["name": "p", "labels": ["any.key/x": "v"], "extra": true],
            "spec": ["containers": [["name": "b", "image": "i", "bar": 2, "ports": [["containerPort": 80, "kind": "tcp"]]]], "foo": 1],
            "status": ["phase": "Running", "nope": 1],
        ]
        let pruned = UnknownFields.pruned(pod, schema: .standard, root: root)
        #expect(
            pruned == [
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "labels": ["any.key/x": "v"]],
                "spec": ["containers": [["name": "b", "image": "i", "ports": [["containerPort": 80]]]]],
                "status": ["phase": "Running"],
            ])
        #expect(UnknownFields.find(in: pruned, schema: .standard, root: root).isEmpty)
        #expect(pruned.objectValue?.keys == ["apiVersion", "kind", "metadata", "spec", "status"], "members keep their order")
        // A status write leaves the (stored) spec as it is.
        let status = UnknownFields.pruned(pod, schema: .standard, root: root, skipping: ["spec"])
        #expect(status["spec"] == pod["spec"] && status["status"] == ["phase": "Running"] && status["bogus"] == nil)
    }

    @Test func partsSharedWithTheStoredVersionAreNotWalkedAndChangedPartsAre() throws {
        let root = ResourceInfo.pods.definition
        // A stored version that (unlike any the server writes) still holds unknown fields, so
        // that a walk of its parts would show.
        let stored: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "p", "labels": ["a": "b"], "oldExtra": 1],
            "spec": ["containers": [["name": "a", "image": "i", "oldBar": 1], ["name": "b", "image": "i"]]],
            "status": ["phase": "Pending", "conditions": [["type": "Ready", "status": "False", "oldNope": 1]]],
        ]
        // An update that changes the second container and the status, and shares the rest.
        var update = stored
        var containers = stored["spec"]?["containers"]?.arrayValue ?? []
        containers[1] = ["name": "b", "image": "j", "newBar": 2]
        update["spec"]?["containers"] = .array(containers)
        update["status"]?["phase"] = "Running"
        update["status"]?["newNope"] = true
        let found = UnknownFields.find(in: update, schema: .standard, root: root, stored: stored)
        #expect(found == ["spec.containers[1].newBar", "status.newNope"])
        // Without the stored version everything is walked; an equal but separately built stored
        // version shares nothing, so it skips nothing either.
        let everything = ["metadata.oldExtra", "spec.containers[0].oldBar", "spec.containers[1].newBar", "status.conditions[0].oldNope", "status.newNope"]
        #expect(UnknownFields.find(in: update, schema: .standard, root: root) == everything)
        let rebuilt = try JSONValue.parse(stored.serialized())
        #expect(UnknownFields.find(in: update, schema: .standard, root: root, stored: rebuilt) == everything)
        // With the status subresource's spec skipped, the rest still skips what is shared. A
        // remembered spec is walked in full: the memo's answer holds for any object with it.
        #expect(UnknownFields.find(in: update, schema: .standard, root: root, skipping: ["spec"], stored: stored) == ["status.newNope"])
        let memo = JSONValueMemo<[String]>(capacity: 8)
        #expect(
            UnknownFields.find(in: update, schema: .standard, root: root, specMemo: memo, stored: stored)
                == ["spec.containers[0].oldBar", "spec.containers[1].newBar", "status.newNope"])
    }

    /// The status code, Warning headers and body of a request through the harness.
    func sendReadingWarnings(_ h: APIServerHarness, _ method: HTTPRequest.Method, _ path: String, _ body: JSONValue) async throws
        -> (Int, [String], JSONValue)
    {
        try await h.client.execute(
            uri: path, method: method, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body.serialized())
        ) { response in
            let warnings = response.headers.filter { $0.name.canonicalName == "warning" }.map(\.value)
            return (Int(response.status.code), warnings, try JSONValue.parse(Array(response.body.readableBytesView)))
        }
    }

    @Test func warnAndIgnoreDropUnknownFieldsBeforeStoring() async throws {
        try await APIServerHarness.run { h in
            let path = "/api/v1/namespaces/default/configmaps"
            var cm = Fixtures.configMap("warned", data: ["k": "v"])
            cm["datta"] = ["x": "y"]
            cm["metadata"]?["bogus"] = 1
            let (code, warnings, made) = try await sendReadingWarnings(h, .post, path, cm)
            #expect(code == 201)
            #expect(warnings.count == 2 && warnings.allSatisfy { $0.hasPrefix("299 - ") })
            #expect(warnings.contains { $0.contains(#"unknown field \"datta\""#) || $0.contains(#"unknown field "datta""#) }, "\(warnings)")
            #expect(made["datta"] == nil && made["metadata"]?["bogus"] == nil && made["data"] == ["k": "v"])
            let (_, stored) = try await h.send(.get, path + "/warned")
            #expect(stored["datta"] == nil && stored["metadata"]?["bogus"] == nil)

            var ignored = Fixtures.configMap("ignored")
            ignored["datta"] = 1
            let (ignoredCode, ignoredWarnings, ignoredMade) = try await sendReadingWarnings(h, .post, path + "?fieldValidation=Ignore", ignored)
            #expect(ignoredCode == 201 && ignoredWarnings.isEmpty && ignoredMade["datta"] == nil)

            // An update that only adds an unknown field changes nothing.
            var again = stored
            again["datta"] = 2
            let (updateCode, updateWarnings, updated) = try await sendReadingWarnings(h, .put, path + "/warned", again)
            #expect(updateCode == 200 && updateWarnings.count == 1)
            #expect(updated["datta"] == nil && updated.resourceVersion == stored.resourceVersion)
        }
    }

    @Test func applyRefusesUnknownFieldsWhateverFieldValidationSays() async throws {
        try await APIServerHarness.run { h in
            let path = "/api/v1/namespaces/default/configmaps/applied?fieldManager=tester"
            var cm = Fixtures.configMap("applied", data: ["k": "v"])
            cm["datta"] = 1
            for validation in ["", "&fieldValidation=Warn", "&fieldValidation=Ignore"] {
                let (code, refused) = try await h.send(.patch, path + validation, cm, contentType: "application/apply-patch+yaml")
                #expect(code == 400, "\(validation): \(refused)")
                #expect(
                    refused["message"]
                        == "failed to create typed patch object (default/applied; /v1, Kind=ConfigMap): .datta: field not declared in schema")
            }
            let (missing, _) = try await h.send(.get, "/api/v1/namespaces/default/configmaps/applied")
            #expect(missing == 404)
            cm["datta"] = nil
            let (created, _) = try await h.send(.patch, path, cm, contentType: "application/apply-patch+yaml")
            #expect(created == 201)
        }
    }

    @Test func strictUpdatesAreRefusedBeforeValidation() async throws {
        try await APIServerHarness.run { h in
            let path = "/api/v1/namespaces/default/services"
            let (_, made) = try await h.send(.post, path, Fixtures.service("s"))
            var changed = made
            changed["spec"]?["bogus"] = 1
            changed["spec"]?["type"] = "NotAType"
            let (strict, refused) = try await h.send(.put, path + "/s?fieldValidation=Strict", changed)
            #expect(strict == 400 && refused["message"] == #"strict decoding error: unknown field "spec.bogus""#)
            let (warned, _) = try await h.send(.put, path + "/s", changed)
            #expect(warned == 422)
        }
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
