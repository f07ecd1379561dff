import KubeAPI
import Testing

@testable import KubeAPIServer

/// A configuration server-side apply must reject, and the status code it must get.
struct BadApplyCase: Sendable, CustomTestStringConvertible {
    var name: String
    var config: String
    var code = 400
    var message: String?
    var testDescription: String { name }
}

@Suite("Server-side apply errors and managed-fields codec")
struct ServerSideApplyErrorTests {
    static let badConfigs: [BadApplyCase] = [
        BadApplyCase(name: "not an object", config: "[1]"),
        BadApplyCase(name: "null", config: "null"),
        BadApplyCase(
            name: "other version", config: #"{"apiVersion":"apps/v2","kind":"Deployment"}"#,
            message: "Incorrect version specified in apply patch. Specified patch version: apps/v2, expected: apps/v1"),
        BadApplyCase(name: "missing version", config: #"{"kind":"Deployment"}"#),
        BadApplyCase(
            name: "managedFields present",
            config: #"{"apiVersion":"apps/v1","metadata":{"name":"x","managedFields":[]}}"#,
            message: "metadata.managedFields must be nil"),
        BadApplyCase(
            name: "duplicate keys",
            config: #"{"apiVersion":"apps/v1","spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}}}"#,
            message: #"failed to create typed patch object: .spec.template.spec.containers: duplicate entries for key [name="a"]"#),
        BadApplyCase(
            name: "element without key",
            config: #"{"apiVersion":"apps/v1","spec":{"template":{"spec":{"containers":[{"image":"a"}]}}}}"#),
        BadApplyCase(
            name: "scalar element in keyed list",
            config: #"{"apiVersion":"apps/v1","spec":{"template":{"spec":{"containers":[1]}}}}"#),
        BadApplyCase(name: "object in set", config: #"{"apiVersion":"apps/v1","metadata":{"finalizers":[{}]}}"#),
        BadApplyCase(name: "duplicate set values", config: #"{"apiVersion":"apps/v1","metadata":{"finalizers":["a","a"]}}"#),
    ]

    @Test(arguments: badConfigs)
    func rejectsBadConfigurations(_ c: BadApplyCase) throws {
        let config = try patchJSON(c.config)
        let live = try SSAFixture.apply(nil, try SSAFixture.deployment())
        do {
            _ = try SSAFixture.apply(live, config)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == c.code)
            if let message = c.message { #expect(error.message == message) }
        }
    }

    @Test func rejectsUnreadableLiveManagedFields() throws {
        var live = try SSAFixture.deployment()
        live["metadata"]?["managedFields"] = [["manager": "x", "operation": "Apply"]]
        let config = try SSAFixture.deployment()
        #expect { try SSAFixture.apply(live, config) } throws: { ($0 as? APIError)?.code == 500 }
    }

    @Test func liveObjectsWithBrokenListsFailWithoutCrashing() throws {
        var live = try SSAFixture.apply(nil, try SSAFixture.deployment())
        live["spec"]?["template"]?["spec"]?["containers"] = ["not-an-object"]
        let config = try SSAFixture.deployment()
        #expect { try SSAFixture.apply(live, config) } throws: { ($0 as? APIError)?.code == 500 }
    }

    @Test func mismatchedTypesAreLeaves() throws {
        var live = try SSAFixture.apply(nil, try SSAFixture.deployment())
        live["spec"]?["template"] = "weird"
        let result = try SSAFixture.apply(live, try SSAFixture.deployment(), now: SSAFixture.t2)
        #expect(result["spec"]?["template"]?["spec"]?["containers"] != nil)
    }

    @Test func rejectsDeepNesting() throws {
        var deep: JSONValue = 1
        for _ in 0..<300 { deep = ["a": deep] }
        var config = try SSAFixture.deployment()
        config["spec"]?["extra"] = deep
        let deepConfig = config
        #expect { try SSAFixture.apply(nil, deepConfig) } throws: { ($0 as? APIError)?.code == 400 }
        // recordUpdate never throws; it leaves such objects untracked.
        let updated = SSAFixture.update(nil, config, manager: "m")
        #expect(updated["metadata"]?["managedFields"] == nil)
    }

    @Test(arguments: [
        #"[{"manager":"a","operation":"Patch","apiVersion":"v1","fieldsType":"FieldsV1"}]"#,
        #"[{"manager":"a","operation":"Apply","fieldsType":"FieldsV1"}]"#,
        #"[{"manager":"a","operation":"Apply","apiVersion":"v1"}]"#,
        #"[{"manager":"a","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV2"}]"#,
        #"[{"manager":"a","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":[]}]"#,
        #"["entry"]"#, #"{"a":1}"#,
    ])
    func codecRejectsMalformedEntries(_ text: String) throws {
        let value = try patchJSON(text)
        #expect(throws: ManagedFieldsError.self) { try ManagedFieldsCodec.decode(value) }
    }

    @Test func codecReadsMissingManagerAsUnknown() throws {
        let decoded = try ManagedFieldsCodec.decode(
            try patchJSON(#"[{"operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1"}]"#))
        #expect(decoded.keys.first?.manager == "unknown")
        #expect(try ManagedFieldsCodec.decode(nil).isEmpty)
        #expect(try ManagedFieldsCodec.decode(.null).isEmpty)
    }

    @Test func codecOrdersEntriesLikeKubernetes() throws {
        let entries = try patchJSON(
            #"""
            [{"manager":"z","operation":"Update","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:a":{}}},
             {"manager":"b","operation":"Update","apiVersion":"v1","time":"2023-12-31T23:00:00-02:00","fieldsType":"FieldsV1","fieldsV1":{"f:b":{}}},
             {"manager":"y","operation":"Apply","apiVersion":"v1","time":"2025-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:c":{}}},
             {"manager":"a","operation":"Update","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:d":{}},"subresource":"status"}]
            """#)
        let decoded = try ManagedFieldsCodec.decode(entries)
        let encoded = ManagedFieldsCodec.encode(decoded)?.arrayValue ?? []
        #expect(encoded.compactMap { $0["manager"]?.stringValue } == ["y", "a", "z", "b"])
        #expect(encoded.count == 4 && encoded[1]["subresource"] == "status")
        #expect(ManagedFieldsCodec.encode([:]) == nil)
    }

    @Test func parsesRFC3339Times() {
        #expect(ManagedFieldsTime.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(ManagedFieldsTime.seconds("2024-01-01T00:00:00Z") == 1_704_067_200)
        #expect(ManagedFieldsTime.seconds("2024-01-01T02:00:00.123456+02:00") == 1_704_067_200)
        #expect(ManagedFieldsTime.seconds("nonsense") == nil)
        #expect(ManagedFieldsTime.seconds("2024-13-01T00:00:00Z") == nil)
        #expect(ManagedFieldsTime.seconds(nil) == nil)
    }
}
