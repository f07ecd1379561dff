import KubeAPI
import KubeClient
import Testing

@testable import KubeControllers

@Suite struct ClusterRoleAggregationTests {
    private func role(_ name: String, labels: [String: String] = [:], _ rules: [PolicyRule]) -> ClusterRole {
        ClusterRole(metadata: ObjectMeta(name: name, labels: labels), rules: rules)
    }

    @Test func rulesComeFromMatchingRolesInNameOrderEachOnce() {
        let get = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])
        let list = PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["pods"])
        let label = ["rbac.authorization.k8s.io/aggregate-to-view": "true"]
        let view = ClusterRole(
            metadata: ObjectMeta(name: "view"), rules: [PolicyRule(verbs: ["stale"], apiGroups: [""], resources: ["x"])],
            aggregationRule: AggregationRule(clusterRoleSelectors: [LabelSelectorObject(matchLabels: label)]))
        let all = [
            view, role("zeta", labels: label, [list, get]), role("alpha", labels: label, [get]),
            role("other", [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"])]),
        ]
        #expect(ClusterRoleAggregationController.aggregatedRules(of: view, among: all) == [get, list])
    }

    @Test func viewIsFilledAndFollowsNewlyLabelledRoles() async throws {
        try await ControllerHarness.run(controllers: ["clusterrole-aggregation"]) { h in
            let view: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "my-view"],
                "aggregationRule": ["clusterRoleSelectors": [["matchLabels": ["team/view": "true"]]]],
            ]
            _ = try await h.client.create(.clusterRoles, view)
            let part: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                "metadata": ["name": "crontabs-view", "labels": ["team/view": "true"]],
                "rules": [["apiGroups": ["stable.example.com"], "resources": ["crontabs"], "verbs": ["get", "list"]]],
            ]
            _ = try await h.client.create(.clusterRoles, part)
            try await h.eventually("my-view aggregates crontabs-view") {
                let got = try? await h.client.get(.clusterRoles, name: "my-view")
                return got?["rules"] == [["apiGroups": ["stable.example.com"], "resources": ["crontabs"], "verbs": ["get", "list"]]]
            }
        }
    }
}
