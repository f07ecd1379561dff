import KubeAPI
import Testing

@testable import KubeAPIServer

/// A create's managed fields are the same whether its spec's field set comes from the memo or
/// from a walk.
@Suite struct ManagedFieldsMemoTests {
    static let podRoot = "io.k8s.api.core.v1.Pod"

    func pod(_ name: String, spec: String) throws -> JSONValue {
        try JSONValue.parse(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","labels":{"app":"\#(name)"}},"spec":\#(spec)}"#)
    }

    func created(_ object: JSONValue, root: String = podRoot, apiVersion: String = "v1", memo: ManagedFieldsMemo?) -> JSONValue? {
        ManagedFields.recordUpdate(
            old: nil, new: object, manager: "kubectl-create", schema: .standard, root: root, now: SSAFixture.t1,
            apiVersion: apiVersion, resetFields: [["status"]], memo: memo)["metadata"]?["managedFields"]
    }

    static let specs = [
        #"{"containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80}],"resources":{"requests":{"cpu":"100m"}}}]}"#,
        // The same members in another order: a different memo key, the same fields.
        #"{"containers":[{"resources":{"requests":{"cpu":"100m"}},"image":"nginx","name":"app","ports":[{"containerPort":80}]}]}"#,
        #"{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}],"tolerations":[{"key":"k","operator":"Exists"}]}"#,
        #"{"containers":[{"name":"a","image":"x","env":[{"name":"A","value":"1"},{"name":"A","value":"2"}]}]}"#,
    ]

    @Test func theMemoGivesTheWalksAnswer() throws {
        let memo = ManagedFieldsMemo()
        for (i, spec) in Self.specs.enumerated() {
            let object = try pod("p\(i)", spec: spec)
            let walked = created(object, memo: nil)
            #expect(walked != nil)
            #expect(created(object, memo: memo) == walked, "first create of spec \(i)")
            let again = try pod("q\(i)", spec: spec)
            #expect(created(again, memo: memo) == created(again, memo: nil), "a create that finds spec \(i) in the memo")
        }
        #expect(memo.specs.count == Self.specs.count)
    }

    @Test func aMemoizedSpecsFieldsAreSharedAndEncodedOnce() throws {
        let memo = ManagedFieldsMemo()
        let spec = Self.specs[0]
        let first = created(try pod("a", spec: spec), memo: memo)
        let second = created(try pod("b", spec: spec), memo: memo)
        #expect(first != nil && second != nil)
        let specValue = try #require(try pod("c", spec: spec)["spec"])
        var walked = false
        let kept = memo.specs.result(tag: Self.podRoot, for: specValue) {
            walked = true
            return (false, ManagedFieldSet())
        }
        #expect(!walked, "the spec is in the memo")
        // Remembered at each lookup (the process-wide encodings may have been cleared by other
        // tests' creates in between, so this looks the spec up once more first).
        _ = created(try pod("d", spec: spec), memo: memo)
        #expect(SharedFieldSetEncodings.shared.isRemembered(kept.children))
        // The spec's fieldsV1, kept from the first pod's encode, is the second's too, and what a
        // walk without the memo gives.
        func specFields(_ managed: JSONValue?) -> JSONObject? { managed?[0]?["fieldsV1"]?["f:spec"]?.objectValue }
        let a = try #require(specFields(first))
        let b = try #require(specFields(second))
        #expect(a == b)
        #expect(created(try pod("e", spec: spec), memo: nil).map(specFields) == a, "the same as a walk without the memo")
    }

    @Test func specsOfDifferentTypesAreKeptApart() throws {
        let memo = ManagedFieldsMemo()
        let spec = #"{"replicas":2,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}"#
        let deployment = try JSONValue.parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":\#(spec)}"#)
        let replicaSet = try JSONValue.parse(#"{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r"},"spec":\#(spec)}"#)
        let d = created(deployment, root: "io.k8s.api.apps.v1.Deployment", apiVersion: "apps/v1", memo: memo)
        let r = created(replicaSet, root: "io.k8s.api.apps.v1.ReplicaSet", apiVersion: "apps/v1", memo: memo)
        #expect(d == created(deployment, root: "io.k8s.api.apps.v1.Deployment", apiVersion: "apps/v1", memo: nil))
        #expect(r == created(replicaSet, root: "io.k8s.api.apps.v1.ReplicaSet", apiVersion: "apps/v1", memo: nil))
        #expect(memo.specs.count == 2)
    }

    @Test func aFullMemoStartsOver() throws {
        let memo = ManagedFieldsMemo(capacity: 2)
        for (i, spec) in Self.specs.enumerated() {
            let object = try pod("p\(i)", spec: spec)
            #expect(created(object, memo: memo) == created(object, memo: nil))
            #expect(memo.specs.count <= 2)
        }
    }
}

/// Stored `fieldsV1` decode to the same managers through the memo as without it.
@Suite struct DecodedFieldsMemoTests {
    @Test func anUpdateReadsTheStoredFieldsThroughTheMemo() throws {
        let memo = ManagedFieldsMemo()
        let spec = #"{"containers":[{"name":"app","image":"nginx"}]}"#
        let pod = try JSONValue.parse(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":\#(spec)}"#)
        let root = "io.k8s.api.core.v1.Pod"
        let created = ManagedFields.recordUpdate(
            old: nil, new: pod, manager: "creator", schema: .standard, root: root, now: SSAFixture.t1, apiVersion: "v1",
            resetFields: [["status"]], memo: memo)
        var changed = created
        changed.set(["phase": "Running"], at: ["status"])
        for round in 0..<2 {
            let through = ManagedFields.recordUpdate(
                old: created, new: changed, manager: "kubelet", schema: .standard, root: root, now: SSAFixture.t2,
                apiVersion: "v1", subresource: "status", resetFields: [["spec"]], memo: memo)
            let plain = ManagedFields.recordUpdate(
                old: created, new: changed, manager: "kubelet", schema: .standard, root: root, now: SSAFixture.t2,
                apiVersion: "v1", subresource: "status", resetFields: [["spec"]])
            #expect(through == plain, "round \(round)")
            #expect(SSAFixture.fields(through, "kubelet")?.contains("f:phase") == true)
        }
        #expect(memo.fieldsV1.count == 1)
        let bad: JSONValue = [["manager": "x", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": "nope"]]
        #expect(throws: ManagedFieldsError.self) { try ManagedFieldsCodec.decode(bad, memo: memo.fieldsV1) }
        #expect(memo.fieldsV1.count == 1, "a value that does not decode is not remembered")
    }
}
