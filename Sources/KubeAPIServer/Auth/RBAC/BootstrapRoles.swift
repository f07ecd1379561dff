import KubeAPI

/// Kubernetes' bootstrap ClusterRoles (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), as
/// data: the rules of each, in the order Kubernetes lists them. The API server creates them at
/// start and adds missing rules to those annotated `rbac.authorization.kubernetes.io/autoupdate: "true"`.
enum BootstrapRoles {
    static let read = ["get", "list", "watch"]
    static let write = ["create", "delete", "deletecollection", "patch", "update"]
    static let readWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// A resource rule.
    static func rule(_ verbs: [String], _ groups: [String], _ resources: [String], names: [String]? = nil) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
    }

    /// A non-resource rule.
    static func urls(_ verbs: [String], _ paths: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: paths)
    }

    /// A ClusterRole with the bootstrap label and the autoupdate annotation.
    static func role(
        _ name: String, labels: [String: String] = [:], aggregateFrom: String? = nil, _ rules: [PolicyRule]
    ) -> ClusterRole {
        var meta = ObjectMeta(name: name)
        meta.labels = labels.merging(["kubernetes.io/bootstrapping": "rbac-defaults"]) { a, _ in a }
        meta.annotations = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
        let aggregation = aggregateFrom.map {
            AggregationRule(clusterRoleSelectors: [LabelSelectorObject(matchLabels: ["rbac.authorization.k8s.io/\($0)": "true"])])
        }
        return ClusterRole(metadata: meta, rules: aggregation == nil ? rules : nil, aggregationRule: aggregation)
    }

    static let aggregateToAdmin = ["rbac.authorization.k8s.io/aggregate-to-admin": "true"]
    static let aggregateToEdit = ["rbac.authorization.k8s.io/aggregate-to-edit": "true"]
    static let aggregateToView = ["rbac.authorization.k8s.io/aggregate-to-view": "true"]

    /// Every bootstrap ClusterRole.
    static let all: [ClusterRole] = [
        role("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
        role(
            "system:discovery",
            [
                urls(
                    ["get"],
                    [
                        "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
                        "/version", "/version/",
                    ])
            ]),
        role(
            "system:basic-user",
            [
                rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            ]),
        role("system:public-info-viewer", [urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
        role(
            "system:monitoring",
            [
                urls(
                    ["get"],
                    ["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"])
            ]),
        role("admin", aggregateFrom: "aggregate-to-admin", []),
        role("edit", labels: aggregateToAdmin, aggregateFrom: "aggregate-to-edit", []),
        role("view", labels: aggregateToEdit, aggregateFrom: "aggregate-to-view", []),
        role(
            "system:aggregate-to-admin", labels: aggregateToAdmin,
            [
                rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
                rule(readWrite, ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]),
            ]),
        role("system:aggregate-to-edit", labels: aggregateToEdit, aggregateToEditRules),
        role("system:aggregate-to-view", labels: aggregateToView, aggregateToViewRules),
        role(
            "system:auth-delegator",
            [
                rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
                rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
            ]),
        role(
            "system:kubelet-api-admin",
            [
                rule(read, [""], ["nodes"]), rule(["proxy"], [""], ["nodes"]),
                rule(["*"], [""], ["nodes/proxy", "nodes/metrics", "nodes/spec", "nodes/stats", "nodes/log"]),
            ]),
        role("system:kube-controller-manager", kubeControllerManagerRules + skiffControllerRules),
        role("system:kube-scheduler", kubeSchedulerRules),
        role(
            "system:volume-scheduler",
            [
                rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumes"]),
                rule(read, ["storage.k8s.io"], ["storageclasses"]),
                rule(["get", "list", "patch", "update", "watch"], [""], ["persistentvolumeclaims"]),
            ]),
        role("system:node", nodeRules),
        role(
            "system:node-proxier",
            [
                rule(["list", "watch"], [""], ["endpoints", "services"]), rule(read, [""], ["nodes"]),
                rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
                rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
            ]),
        role(
            "system:service-account-issuer-discovery",
            [urls(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
        role(
            "system:node-bootstrapper",
            [rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"])]),
        role(
            "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
            [rule(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"])]),
        role(
            "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
            [rule(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"])]),
    ]
}
