import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct RuleMatchingTests {
    private let alice = UserInfo(username: "alice", groups: ["system:authenticated"])

    private func resource(
        _ verb: String, _ group: String, _ resource: String, sub: String = "", ns: String = "default", name: String = ""
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: alice, verb: verb, apiGroup: group, resource: resource, subresource: sub, namespace: ns, name: name)
    }

    private func path(_ verb: String, _ p: String) -> AuthorizationAttributes {
        AuthorizationAttributes(user: alice, verb: verb, isResourceRequest: false, path: p)
    }

    @Test(arguments: [
        // (rule verbs, groups, resources, names, request verb, group, resource, subresource, name, allowed)
        (["get"], [""], ["pods"], [String](), "get", "", "pods", "", "", true),
        (["get"], [""], ["pods"], [], "list", "", "pods", "", "", false),
        (["*"], [""], ["pods"], [], "deletecollection", "", "pods", "", "", true),
        (["get"], ["*"], ["deployments"], [], "get", "apps", "deployments", "", "", true),
        (["get"], [""], ["deployments"], [], "get", "apps", "deployments", "", "", false),
        (["get"], ["*"], ["*"], [], "get", "batch", "jobs", "status", "", true),
        (["get"], [""], ["pods"], [], "get", "", "pods", "log", "", false),
        (["get"], [""], ["pods/log"], [], "get", "", "pods", "log", "p", true),
        (["get"], [""], ["pods/log"], [], "get", "", "pods", "", "p", false),
        (["update"], ["apps"], ["*/scale"], [], "update", "apps", "deployments", "scale", "web", true),
        (["update"], ["apps"], ["*/scale"], [], "update", "apps", "deployments", "status", "web", false),
        (["update"], ["apps"], ["*/scale"], [], "update", "apps", "deployments", "", "web", false),
        (["get"], [""], ["configmaps"], ["a"], "get", "", "configmaps", "", "a", true),
        (["get"], [""], ["configmaps"], ["a"], "get", "", "configmaps", "", "b", false),
        (["list"], [""], ["configmaps"], ["a"], "list", "", "configmaps", "", "", false),
    ])
    func resourceRules(
        _ verbs: [String], _ groups: [String], _ resources: [String], _ names: [String], _ verb: String, _ group: String,
        _ res: String, _ sub: String, _ name: String, _ allowed: Bool
    ) {
        let rule = PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
        #expect(RuleMatching.allows(rule, resource(verb, group, res, sub: sub, name: name)) == allowed)
    }

    @Test func nonResourceURLsMatchExactlyOrByTrailingStar() {
        let rule = PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*", "/version/"])
        #expect(RuleMatching.allows(rule, path("get", "/healthz")))
        #expect(!RuleMatching.allows(rule, path("get", "/healthz/etcd")))
        #expect(RuleMatching.allows(rule, path("get", "/apis/apps/v1")))
        #expect(RuleMatching.allows(rule, path("get", "/apis/")))
        #expect(!RuleMatching.allows(rule, path("get", "/apis")))
        #expect(!RuleMatching.allows(rule, path("post", "/healthz")))
        #expect(!RuleMatching.allows(rule, resource("get", "", "pods")))
        let star = PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])
        #expect(RuleMatching.allows(star, path("delete", "/anything/at/all")))
    }

    @Test func coversBreaksRulesDownAndReportsWhatIsMissing() {
        let owner = [
            PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "services"]),
            PolicyRule(verbs: ["*"], apiGroups: ["apps"], resources: ["*/scale"]),
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["s1"]),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"]),
        ]
        #expect(RuleMatching.covers(owner, [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])]).covered)
        #expect(RuleMatching.covers(owner, [PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["deployments/scale"])]).covered)
        #expect(RuleMatching.covers(owner, [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["s1"])]).covered)
        #expect(!RuleMatching.covers(owner, [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"])]).covered)
        #expect(RuleMatching.covers(owner, [PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/apps"])]).covered)
        let (covered, missing) = RuleMatching.covers(
            owner, [PolicyRule(verbs: ["get", "create", "delete"], apiGroups: [""], resources: ["pods", "services"])])
        #expect(!covered)
        let compact = RuleMatching.compact(missing).map(RuleMatching.compactString)
        #expect(compact == [
            "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"create\" \"delete\"]}",
            "{APIGroups:[\"\"], Resources:[\"services\"], Verbs:[\"create\" \"delete\"]}",
        ])
    }

    @Test func snapshotIndexesBindingsBySubjectAndResolvesServiceAccounts() {
        let reader = Role(metadata: ObjectMeta(name: "reader", namespace: "ns1"), rules: [
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]),
        ])
        let admin = ClusterRole(metadata: ObjectMeta(name: "all"), rules: [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"])])
        let local = RoleBinding(
            metadata: ObjectMeta(name: "b", namespace: "ns1"),
            subjects: [Subject(kind: "ServiceAccount", name: "bot")], roleRef: RoleRef(kind: "Role", name: "reader"))
        let cluster = ClusterRoleBinding(
            metadata: ObjectMeta(name: "ops"), subjects: [Subject(kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "ops")],
            roleRef: RoleRef(kind: "ClusterRole", name: "all"))
        let dangling = ClusterRoleBinding(
            metadata: ObjectMeta(name: "dangling"), subjects: [Subject(kind: "User", name: "carol")],
            roleRef: RoleRef(kind: "ClusterRole", name: "missing"))
        let snapshot = RBACSnapshot(
            roles: [reader], clusterRoles: [admin], roleBindings: [local], clusterRoleBindings: [cluster, dangling])
        let bot = UserInfo(username: "system:serviceaccount:ns1:bot", groups: ["system:serviceaccounts", "system:serviceaccounts:ns1"])
        func ask(_ user: UserInfo, _ verb: String, ns: String) -> AuthorizationDecision {
            snapshot.authorize(AuthorizationAttributes(user: user, verb: verb, resource: "pods", namespace: ns))
        }
        #expect(ask(bot, "get", ns: "ns1") == .allow)
        #expect(ask(bot, "get", ns: "ns2") == .noOpinion(reason: ""))
        #expect(ask(bot, "delete", ns: "ns1") == .noOpinion(reason: ""))
        #expect(ask(UserInfo(username: "dave", groups: ["ops"]), "delete", ns: "ns2") == .allow)
        #expect(ask(UserInfo(username: "carol"), "get", ns: "ns1")
            == .noOpinion(reason: "RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found"))
    }
}
