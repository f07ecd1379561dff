import KubeAPI
import Testing

@testable import KubeAPIServer

/// Helpers shared by the server-side apply tests.
enum SSAFixture {
    static let t1 = "2024-01-01T00:00:00Z"
    static let t2 = "2024-01-01T00:01:00Z"
    static let t3 = "2024-01-01T00:02:00Z"

    static func deployment(replicas: Int = 2, labels: String = #"{"app":"web"}"#, image: String = "nginx:1.25")
        throws -> JSONValue
    {
        try patchJSON(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":\#(labels)},"spec":{"replicas":\#(replicas),"template":{"spec":{"containers":[{"name":"nginx","image":"\#(image)"}]}}}}"#
        )
    }

    static func apply(
        _ live: JSONValue?, _ config: JSONValue, manager: String = "kubectl", force: Bool = false, now: String = t1
    ) throws(APIError) -> JSONValue {
        try ServerSideApply.apply(
            live: live, applied: config, manager: manager, force: force, schema: PatchTestSchemas.registry,
            root: "test.Deployment", now: now, apiVersion: "apps/v1")
    }

    static func update(_ old: JSONValue?, _ new: JSONValue, manager: String, now: String = t1) -> JSONValue {
        ManagedFields.recordUpdate(
            old: old, new: new, manager: manager, schema: PatchTestSchemas.registry, root: "test.Deployment", now: now,
            apiVersion: "apps/v1")
    }

    /// The entries of an object's `managedFields`.
    static func entries(_ object: JSONValue) -> [JSONValue] {
        object["metadata"]?["managedFields"]?.arrayValue ?? []
    }

    /// The managers of an object as `manager/operation` strings, in stored order.
    static func managers(_ object: JSONValue) -> [String] {
        entries(object).map { "\($0["manager"]?.stringValue ?? "")/\($0["operation"]?.stringValue ?? "")" }
    }

    /// The `fieldsV1` of `manager`'s entry as JSON text.
    static func fields(_ object: JSONValue, _ manager: String) -> String? {
        entries(object).first { $0["manager"]?.stringValue == manager }?["fieldsV1"]?.jsonString
    }

    /// `object` without `metadata.managedFields`.
    static func content(_ object: JSONValue) -> JSONValue { ManagedFields.withoutManagedFields(object) }
}

@Suite("Server-side apply")
struct ServerSideApplyTests {
    @Test func createsWithAnApplyEntry() throws {
        let config = try SSAFixture.deployment()
        let result = try SSAFixture.apply(nil, config)
        #expect(SSAFixture.content(result) == config)
        let entries = SSAFixture.entries(result)
        #expect(entries.count == 1)
        #expect(
            entries.first?.jsonString
                == #"{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}"#
        )
        #expect(result["metadata"]?.objectValue?.keys.last == "managedFields")
    }

    @Test func prunesFieldsTheApplierStoppedApplying() throws {
        let first = try SSAFixture.apply(nil, try SSAFixture.deployment(labels: #"{"app":"web","tier":"front"}"#))
        let second = try SSAFixture.apply(first, try SSAFixture.deployment(labels: #"{"app":"web"}"#), now: SSAFixture.t2)
        #expect(second["metadata"]?["labels"] == ["app": "web"])
        let third = try SSAFixture.apply(
            second,
            try patchJSON(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}"#),
            now: SSAFixture.t3)
        #expect(third["metadata"]?["labels"] == nil)
        #expect(third["spec"]?["template"] == nil)
        #expect(third["spec"]?["replicas"] == .int(2))
        #expect(SSAFixture.fields(third, "kubectl") == #"{"f:spec":{"f:replicas":{}}}"#)
        #expect(SSAFixture.entries(third).first?["time"] == .string(SSAFixture.t3))
    }

    @Test func keepsFieldsOtherManagersStillOwn() throws {
        let a1 = try SSAFixture.apply(nil, try SSAFixture.deployment(labels: #"{"a":"1","b":"2"}"#), manager: "alice")
        let b1 = try SSAFixture.apply(
            a1,
            try patchJSON(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"b":"2"}}}"#),
            manager: "bob", now: SSAFixture.t2)
        #expect(SSAFixture.managers(b1) == ["alice/Apply", "bob/Apply"])
        let a2 = try SSAFixture.apply(b1, try SSAFixture.deployment(labels: #"{"a":"1"}"#), manager: "alice", now: SSAFixture.t3)
        #expect(a2["metadata"]?["labels"] == ["a": "1", "b": "2"])
        #expect(SSAFixture.fields(a2, "bob") == #"{"f:metadata":{"f:labels":{"f:b":{}}}}"#)
    }

    @Test func unownedFieldsSurvivePruning() throws {
        let first = try SSAFixture.apply(nil, try SSAFixture.deployment(labels: #"{"app":"web","tier":"front"}"#))
        var live = first
        live["metadata"]?["uid"] = "1234"
        live["status"] = ["replicas": 2]
        let second = try SSAFixture.apply(live, try SSAFixture.deployment(labels: #"{"app":"web"}"#), now: SSAFixture.t2)
        #expect(second["metadata"]?["uid"] == "1234")
        #expect(second["status"] == ["replicas": 2])
        #expect(second["metadata"]?["labels"] == ["app": "web"])
    }

    @Test func mergesKeyedListsKeepingLiveElements() throws {
        let live = try SSAFixture.apply(
            nil,
            try patchJSON(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}}"#),
            manager: "alice")
        let result = try SSAFixture.apply(
            live,
            try patchJSON(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"},{"name":"c","image":"3"}]}}}}"#),
            manager: "bob", now: SSAFixture.t2)
        let names = result["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["a", "b", "c"])
    }

    @Test func reportsConflictsWithUpdaters() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "kubectl-client-side-apply")
        #expect(SSAFixture.managers(created) == ["kubectl-client-side-apply/Update"])
        let config = try SSAFixture.deployment(replicas: 3)
        do {
            _ = try SSAFixture.apply(created, config, now: SSAFixture.t2)
            Issue.record("expected a conflict")
        } catch {
            #expect(error.code == 409)
            #expect(error.reason == "Conflict")
            #expect(
                error.message
                    == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#)
            #expect(
                error.causes == [
                    StatusCause(
                        reason: "FieldManagerConflict", message: #"conflict with "kubectl-client-side-apply" using apps/v1"#,
                        field: ".spec.replicas")
                ])
            #expect(
                error.status.jsonString
                    == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas","reason":"Conflict","details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-client-side-apply\" using apps/v1","field":".spec.replicas"}]},"code":409}"#
            )
        }
    }

    @Test func sameValuesShareOwnershipWithoutConflict() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "kubectl-create")
        let applied = try SSAFixture.apply(created, try SSAFixture.deployment(), now: SSAFixture.t2)
        #expect(SSAFixture.managers(applied) == ["kubectl/Apply", "kubectl-create/Update"])
        #expect(SSAFixture.fields(applied, "kubectl-create")?.contains("f:replicas") == true)
        #expect(SSAFixture.content(applied) == SSAFixture.content(created))
    }

    @Test func forceTakesOwnership() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "kubectl-create")
        let forced = try SSAFixture.apply(created, try SSAFixture.deployment(replicas: 5), force: true, now: SSAFixture.t2)
        #expect(forced["spec"]?["replicas"] == .int(5))
        #expect(SSAFixture.fields(forced, "kubectl-create")?.contains("f:replicas") == false)
        #expect(SSAFixture.fields(forced, "kubectl")?.contains("f:replicas") == true)
    }

    @Test func listsEveryConflictGroupedByManager() throws {
        var live = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var changed = live
        changed["metadata"]?["labels"]?["app"] = "other"
        live = SSAFixture.update(live, changed, manager: "labeler", now: SSAFixture.t2)
        let config = try SSAFixture.deployment(replicas: 9, labels: #"{"app":"mine"}"#, image: "nginx:2")
        do {
            _ = try SSAFixture.apply(live, config, manager: "me", now: SSAFixture.t3)
            Issue.record("expected conflicts")
        } catch {
            #expect(
                error.message == """
                    Apply failed with 3 conflicts: conflicts with "creator" using apps/v1:
                    - .spec.replicas
                    - .spec.template.spec.containers[name="nginx"].image
                    conflicts with "labeler" using apps/v1:
                    - .metadata.labels.app
                    """)
            #expect(
                error.causes.map(\.field) == [
                    ".spec.replicas", #".spec.template.spec.containers[name="nginx"].image"#, ".metadata.labels.app",
                ])
        }
    }

    @Test func conflictsWithApplyManagersNameThemWithoutVersion() throws {
        let live = try SSAFixture.apply(nil, try SSAFixture.deployment(), manager: "alice")
        let config = try SSAFixture.deployment(replicas: 7)
        #expect { try SSAFixture.apply(live, config, manager: "bob") } throws: {
            ($0 as? APIError)?.message == #"Apply failed with 1 conflict: conflict with "alice": .spec.replicas"#
        }
    }

    @Test func existingFieldsBelongToBeforeFirstApply() throws {
        let live = try SSAFixture.deployment()
        let config = try SSAFixture.deployment(replicas: 4)
        #expect { try SSAFixture.apply(live, config) } throws: {
            ($0 as? APIError)?.message
                == #"Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas"#
        }
        let ok = try SSAFixture.apply(live, try SSAFixture.deployment())
        #expect(SSAFixture.managers(ok) == ["kubectl/Apply", "before-first-apply/Update"])
    }

    @Test func kubectlMayTakeOverFieldsMatchingLastApplied() throws {
        var config = try SSAFixture.deployment()
        let lastApplied = config.jsonString
        config["metadata"]?["annotations"] = ["kubectl.kubernetes.io/last-applied-configuration": .string(lastApplied)]
        let created = SSAFixture.update(nil, config, manager: "kubectl-client-side-apply")
        let result = try SSAFixture.apply(created, try SSAFixture.deployment(replicas: 3), now: SSAFixture.t2)
        #expect(result["spec"]?["replicas"] == .int(3))
        let annotation = result["metadata"]?["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"]?.stringValue
        #expect(annotation?.hasSuffix("\n") == true)
        #expect(annotation.flatMap { try? JSONValue.parse($0) } == (try SSAFixture.deployment(replicas: 3)))
        #expect(annotation?.hasPrefix(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels""#) == true)
        // Another manager gets no such leniency.
        let other = try SSAFixture.deployment(replicas: 3)
        #expect(throws: APIError.self) { try SSAFixture.apply(created, other, manager: "other") }
    }

    @Test func noOpApplyReturnsLiveObjectAndKeepsTime() throws {
        let first = try SSAFixture.apply(nil, try SSAFixture.deployment())
        let again = try SSAFixture.apply(first, try SSAFixture.deployment(), now: SSAFixture.t2)
        #expect(again == first)
        #expect(again.jsonString == first.jsonString)
    }

    @Test func nullInConfigurationRemovesTheField() throws {
        let first = try SSAFixture.apply(nil, try SSAFixture.deployment())
        var config = try SSAFixture.deployment()
        config["spec"]?["replicas"] = .null
        let second = try SSAFixture.apply(first, config, now: SSAFixture.t2)
        #expect(second["spec"]?["replicas"] == nil)
        #expect(SSAFixture.fields(second, "kubectl")?.contains("f:replicas") == true)
    }

    @Test func resetFieldsAreNeverOwned() throws {
        var config = try SSAFixture.deployment()
        config["status"] = ["replicas": 3]
        let result = try ServerSideApply.apply(
            live: nil, applied: config, manager: "kubectl", force: false, schema: PatchTestSchemas.registry,
            root: "test.Deployment", now: SSAFixture.t1, apiVersion: "apps/v1", resetFields: [["status"]])
        #expect(SSAFixture.fields(result, "kubectl")?.contains("status") == false)
    }

    @Test func subresourceAppearsInEntriesAndMessages() throws {
        let live = try ServerSideApply.apply(
            live: nil, applied: try SSAFixture.deployment(), manager: "ctl", force: false, schema: PatchTestSchemas.registry,
            root: "test.Deployment", now: SSAFixture.t1, apiVersion: "apps/v1", subresource: "scale")
        #expect(SSAFixture.entries(live).first?["subresource"] == "scale")
        let config = try SSAFixture.deployment(replicas: 1)
        #expect { try SSAFixture.apply(live, config) } throws: {
            ($0 as? APIError)?.message
                == #"Apply failed with 1 conflict: conflict with "ctl" with subresource "scale": .spec.replicas"#
        }
    }
}
