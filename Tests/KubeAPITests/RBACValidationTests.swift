import Foundation
import Testing

@testable import KubeAPI

private let group = "rbac.authorization.k8s.io"

private func messages(_ kind: String, _ text: String, old: String? = nil) throws -> [String] {
    try validationMessages(kind, group: group, text, old: old)
}

@Suite struct RBACValidationTests {
    @Test func rulesNeedVerbsAndResourcesOrURLs() throws {
        let role = #"{"metadata":{"name":"r","namespace":"d"},"rules":[{"apiGroups":[""]},{"verbs":["get"],"nonResourceURLs":["/x"]},{"verbs":["get"],"apiGroups":[""],"resources":["a","b"],"resourceNames":["n"]}]}"#
        #expect(try messages("Role", role) == [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].resources: Required value: resource rules must supply at least one resource",
            "rules[1].nonResourceURLs: Invalid value: [\"/x\"]: namespaced rules cannot apply to non-resource URLs",
            "rules[2].resourceNames: Required value: resource names cannot apply to multiple resources",
        ])
        let cluster = #"{"metadata":{"name":"system:x"},"rules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}"#
        #expect(try messages("ClusterRole", cluster).isEmpty)
    }

    @Test func bindingsDefaultGroupsAndCheckSubjectsAndRoleRef() throws {
        let ok = #"{"metadata":{"name":"b","namespace":"d"},"subjects":[{"kind":"User","name":"alice"},{"kind":"ServiceAccount","name":"bot"}],"roleRef":{"kind":"ClusterRole","name":"view"}}"#
        #expect(try messages("RoleBinding", ok).isEmpty)
        var defaulted = try JSONValue.parse(ok)
        Defaulting.apply(kind: "RoleBinding", group: group, to: &defaulted)
        #expect(defaulted["roleRef"]?["apiGroup"] == "rbac.authorization.k8s.io")
        #expect(defaulted["subjects"]?[0]?["apiGroup"] == "rbac.authorization.k8s.io")
        #expect(defaulted["subjects"]?[1]?["apiGroup"] == nil)
        let bad = #"{"metadata":{"name":"b"},"subjects":[{"kind":"Robot","name":"r"},{"kind":"ServiceAccount","name":"bot"}],"roleRef":{"kind":"Role","name":"view"}}"#
        #expect(try messages("ClusterRoleBinding", bad) == [
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
            "subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"",
            "subjects[1].namespace: Required value",
        ])
    }

    @Test func roleRefCannotChange() throws {
        let old = #"{"metadata":{"name":"b","namespace":"d"},"roleRef":{"kind":"ClusterRole","name":"view"}}"#
        let new = #"{"metadata":{"name":"b","namespace":"d"},"roleRef":{"kind":"ClusterRole","name":"edit"}}"#
        #expect(try messages("RoleBinding", new, old: old) == [
            "roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef"
        ])
    }
}
