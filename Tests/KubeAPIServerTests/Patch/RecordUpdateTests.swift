import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Managed fields for updates")
struct RecordUpdateTests {
    @Test func createRecordsEveryField() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "kubectl-create")
        let entry = SSAFixture.entries(created).first
        #expect(entry?["operation"] == "Update")
        #expect(entry?["apiVersion"] == "apps/v1")
        #expect(entry?["time"] == .string(SSAFixture.t1))
        #expect(
            SSAFixture.fields(created, "kubectl-create")
                == #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{".":{},"f:spec":{".":{},"f:containers":{".":{},"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#
        )
    }

    @Test func updatesMoveOwnershipToTheWriter() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var changed = created
        changed["spec"]?["replicas"] = 4
        changed["metadata"]?["labels"]?["extra"] = "x"
        let updated = SSAFixture.update(created, changed, manager: "scaler", now: SSAFixture.t2)
        #expect(SSAFixture.managers(updated) == ["creator/Update", "scaler/Update"])
        #expect(SSAFixture.fields(updated, "scaler") == #"{"f:metadata":{"f:labels":{"f:extra":{}}},"f:spec":{"f:replicas":{}}}"#)
        #expect(SSAFixture.fields(updated, "creator")?.contains("f:replicas") == false)
        #expect(SSAFixture.content(updated) == SSAFixture.content(changed))
    }

    @Test func removedFieldsLoseTheirOwners() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var changed = created
        changed["metadata"]?["labels"] = nil
        let updated = SSAFixture.update(created, changed, manager: "editor", now: SSAFixture.t2)
        #expect(SSAFixture.fields(updated, "creator")?.contains("labels") == false)
        #expect(SSAFixture.managers(updated) == ["creator/Update"])
    }

    /// `levels` objects nested in one another under the member `a`.
    func nestedObjects(_ levels: Int) -> JSONValue {
        var value: JSONValue = ["a": 1]
        for _ in 1..<levels { value = ["a": value] }
        return value
    }

    @Test func aChangeNestedPastTheLimitKeepsTheOldManagedFields() throws {
        // The deployment's `spec.extra` stands at depth 3, so `nestedObjects(n)` there makes the
        // object n + 3 deep, one too many for `PatchSupport.depth(of:)` from n = 254 on.
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        #expect(PatchSupport.depth(of: ["spec": ["extra": nestedObjects(PatchSupport.maximumDepth - 2)]]) == nil)
        #expect(PatchSupport.depth(of: ["spec": ["extra": nestedObjects(PatchSupport.maximumDepth - 3)]]) != nil)
        var deep = created
        deep["spec"]?["extra"] = nestedObjects(PatchSupport.maximumDepth - 2)
        let updated = SSAFixture.update(created, deep, manager: "deep", now: SSAFixture.t2)
        #expect(SSAFixture.managers(updated) == ["creator/Update"])
        #expect(SSAFixture.content(updated) == SSAFixture.content(deep))
        // One level less, the writer owns what it added, and what was recorded reads back: a
        // later write by another manager keeps both entries.
        var deepest = created
        deepest["spec"]?["extra"] = nestedObjects(PatchSupport.maximumDepth - 3)
        let tracked = SSAFixture.update(created, deepest, manager: "deep", now: SSAFixture.t2)
        #expect(SSAFixture.managers(tracked) == ["creator/Update", "deep/Update"])
        #expect(SSAFixture.fields(tracked, "deep")?.hasPrefix(#"{"f:spec":{"f:extra":{".":{},"f:a":{".":{},"f:a":"#) == true)
        var scaled = tracked
        scaled["spec"]?["replicas"] = 7
        let later = SSAFixture.update(tracked, scaled, manager: "scaler", now: SSAFixture.t3)
        #expect(SSAFixture.managers(later) == ["creator/Update", "deep/Update", "scaler/Update"])
    }

    @Test func aCreateNestedPastTheLimitRecordsNoManagers() throws {
        var deep = try SSAFixture.deployment()
        deep["spec"]?["extra"] = nestedObjects(PatchSupport.maximumDepth - 2)
        #expect(SSAFixture.update(nil, deep, manager: "creator")["metadata"]?["managedFields"] == nil)
        deep["spec"]?["extra"] = nestedObjects(PatchSupport.maximumDepth - 3)
        #expect(SSAFixture.managers(SSAFixture.update(nil, deep, manager: "creator")) == ["creator/Update"])
    }

    @Test func aDeepSubtreeTheWriteLeavesAloneIsNotWalked() throws {
        var created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        created["spec"]?["extra"] = nestedObjects(PatchSupport.maximumDepth + 20)
        var changed = created
        changed["spec"]?["replicas"] = 5
        let updated = SSAFixture.update(created, changed, manager: "scaler", now: SSAFixture.t2)
        #expect(SSAFixture.managers(updated) == ["creator/Update", "scaler/Update"])
        #expect(SSAFixture.fields(updated, "scaler") == #"{"f:spec":{"f:replicas":{}}}"#)
    }

    @Test func unchangedWriteKeepsTimes() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        let same = SSAFixture.update(created, created, manager: "creator", now: SSAFixture.t3)
        #expect(same == created)
    }

    @Test func untrackedObjectsStayUntracked() throws {
        let old = try SSAFixture.deployment()
        let new = try SSAFixture.deployment(replicas: 3)
        let updated = SSAFixture.update(old, new, manager: "m")
        #expect(updated == new)
        #expect(updated["metadata"]?["managedFields"] == nil)
    }

    @Test func emptyManagedFieldsResetTracking() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var reset = created
        reset["metadata"]?["managedFields"] = []
        let updated = SSAFixture.update(created, reset, manager: "m", now: SSAFixture.t2)
        #expect(updated["metadata"]?["managedFields"] == nil)
        var resetWithEmptyEntry = created
        resetWithEmptyEntry["metadata"]?["managedFields"] = [[:]]
        #expect(SSAFixture.update(created, resetWithEmptyEntry, manager: "m")["metadata"]?["managedFields"] == nil)
    }

    @Test func sentManagedFieldsReplaceAndInvalidOnesAreIgnored() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var sent = created
        sent["metadata"]?["managedFields"] = try patchJSON(
            #"[{"manager":"someone","operation":"Update","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]"#)
        #expect(SSAFixture.managers(SSAFixture.update(created, sent, manager: "creator")) == ["someone/Update"])
        sent["metadata"]?["managedFields"] = [["operation": "Bogus"]]
        #expect(SSAFixture.managers(SSAFixture.update(created, sent, manager: "creator")) == ["creator/Update"])
    }

    @Test func subresourceWritesKeepStoredManagers() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var status = created
        status["metadata"]?["managedFields"] = []
        status["status"] = ["replicas": 2]
        let updated = ManagedFields.recordUpdate(
            old: created, new: status, manager: "controller", schema: PatchTestSchemas.registry, root: "test.Deployment",
            now: SSAFixture.t2, apiVersion: "apps/v1", subresource: "status")
        #expect(SSAFixture.managers(updated) == ["creator/Update", "controller/Update"])
        #expect(SSAFixture.entries(updated).last?["subresource"] == "status")
    }

    @Test func keepsOldManagedFieldsWhenObjectsCannotBeCompared() throws {
        let created = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "creator")
        var broken = created
        broken["spec"]?["template"]?["spec"]?["containers"] = [["image": "no-name"]]
        let updated = SSAFixture.update(created, broken, manager: "m", now: SSAFixture.t2)
        #expect(updated["metadata"]?["managedFields"] == created["metadata"]?["managedFields"])
    }

    @Test func capsUpdateManagersIntoAncientChanges() throws {
        var object = SSAFixture.update(nil, try SSAFixture.deployment(), manager: "m00", now: "2024-01-01T00:00:00Z")
        for i in 1...11 {
            var next = object
            next["metadata"]?["labels"]?["k\(i)"] = .string("v")
            let name = i < 10 ? "m0\(i)" : "m\(i)"
            object = SSAFixture.update(object, next, manager: name, now: "2024-01-01T00:00:\(i < 10 ? "0" : "")\(i)Z")
        }
        let managers = SSAFixture.managers(object)
        #expect(managers.count == 10)
        #expect(managers.first == "ancient-changes/Update")
        #expect(!managers.contains("m00/Update") && !managers.contains("m01/Update"))
        #expect(managers.last == "m11/Update")
    }
}
