/// The resources Skiff serves, in discovery order.
public enum ResourceCatalog {
    private static let statusSub = ResourceInfo.Subresource(
        name: "status", kind: "", group: "", version: "", verbs: ["get", "patch", "update"])
    private static func scaleSub() -> ResourceInfo.Subresource {
        .init(name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"])
    }

    /// Every served resource.
    public static let all: [ResourceInfo] = [
        ResourceInfo(
            group: "", version: "v1", resource: "namespaces", singular: "namespace", kind: "Namespace",
            namespaced: false, shortNames: ["ns"], subresources: [statusSub],
            definition: "io.k8s.api.core.v1.Namespace"),
        ResourceInfo(
            group: "", version: "v1", resource: "pods", singular: "pod", kind: "Pod", namespaced: true,
            shortNames: ["po"], categories: ["all"],
            subresources: [
                statusSub,
                .init(name: "binding", kind: "Binding", group: "", version: "v1", verbs: ["create"]),
                .init(name: "eviction", kind: "Eviction", group: "policy", version: "v1", verbs: ["create"]),
                .init(name: "log", kind: "Pod", group: "", version: "v1", verbs: ["get"]),
                .init(name: "exec", kind: "PodExecOptions", group: "", version: "v1", verbs: ["create", "get"]),
                .init(name: "attach", kind: "PodAttachOptions", group: "", version: "v1", verbs: ["create", "get"]),
                .init(name: "portforward", kind: "PodPortForwardOptions", group: "", version: "v1", verbs: ["create", "get"]),
            ], definition: "io.k8s.api.core.v1.Pod"),
        ResourceInfo(
            group: "", version: "v1", resource: "services", singular: "service", kind: "Service", namespaced: true,
            shortNames: ["svc"], categories: ["all"], subresources: [statusSub],
            definition: "io.k8s.api.core.v1.Service"),
        ResourceInfo(
            group: "", version: "v1", resource: "endpoints", singular: "endpoints", kind: "Endpoints",
            namespaced: true, shortNames: ["ep"], definition: "io.k8s.api.core.v1.Endpoints"),
        ResourceInfo(
            group: "", version: "v1", resource: "nodes", singular: "node", kind: "Node", namespaced: false,
            shortNames: ["no"],
            subresources: [
                statusSub,
                .init(name: "proxy", kind: "NodeProxyOptions", group: "", version: "v1", verbs: ["create", "delete", "get", "patch", "update"]),
            ], definition: "io.k8s.api.core.v1.Node"),
        ResourceInfo(
            group: "", version: "v1", resource: "configmaps", singular: "configmap", kind: "ConfigMap",
            namespaced: true, shortNames: ["cm"], definition: "io.k8s.api.core.v1.ConfigMap"),
        ResourceInfo(
            group: "", version: "v1", resource: "secrets", singular: "secret", kind: "Secret", namespaced: true,
            definition: "io.k8s.api.core.v1.Secret"),
        ResourceInfo(
            group: "", version: "v1", resource: "events", singular: "event", kind: "Event", namespaced: true,
            shortNames: ["ev"], definition: "io.k8s.api.core.v1.Event"),
        ResourceInfo(
            group: "", version: "v1", resource: "podtemplates", singular: "podtemplate", kind: "PodTemplate",
            namespaced: true, definition: "io.k8s.api.core.v1.PodTemplate"),
        ResourceInfo(
            group: "", version: "v1", resource: "replicationcontrollers", singular: "replicationcontroller",
            kind: "ReplicationController", namespaced: true, shortNames: ["rc"], categories: ["all"],
            subresources: [statusSub, scaleSub()], definition: "io.k8s.api.core.v1.ReplicationController"),
        ResourceInfo(
            group: "", version: "v1", resource: "serviceaccounts", singular: "serviceaccount",
            kind: "ServiceAccount", namespaced: true, shortNames: ["sa"],
            subresources: [.init(name: "token", kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"])],
            definition: "io.k8s.api.core.v1.ServiceAccount"),
        ResourceInfo(
            group: "apps", version: "v1", resource: "deployments", singular: "deployment", kind: "Deployment",
            namespaced: true, shortNames: ["deploy"], categories: ["all"], subresources: [statusSub, scaleSub()],
            definition: "io.k8s.api.apps.v1.Deployment"),
        ResourceInfo(
            group: "apps", version: "v1", resource: "replicasets", singular: "replicaset", kind: "ReplicaSet",
            namespaced: true, shortNames: ["rs"], categories: ["all"], subresources: [statusSub, scaleSub()],
            definition: "io.k8s.api.apps.v1.ReplicaSet"),
        ResourceInfo(
            group: "apps", version: "v1", resource: "daemonsets", singular: "daemonset", kind: "DaemonSet",
            namespaced: true, shortNames: ["ds"], categories: ["all"], subresources: [statusSub],
            definition: "io.k8s.api.apps.v1.DaemonSet"),
        ResourceInfo(
            group: "batch", version: "v1", resource: "jobs", singular: "job", kind: "Job", namespaced: true,
            categories: ["all"], subresources: [statusSub], definition: "io.k8s.api.batch.v1.Job"),
        ResourceInfo(
            group: "scheduling.k8s.io", version: "v1", resource: "priorityclasses", singular: "priorityclass",
            kind: "PriorityClass", namespaced: false, shortNames: ["pc"],
            definition: "io.k8s.api.scheduling.v1.PriorityClass"),
        ResourceInfo(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings",
            singular: "clusterrolebinding", kind: "ClusterRoleBinding", namespaced: false,
            definition: "io.k8s.api.rbac.v1.ClusterRoleBinding"),
        ResourceInfo(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", singular: "clusterrole",
            kind: "ClusterRole", namespaced: false, definition: "io.k8s.api.rbac.v1.ClusterRole"),
        ResourceInfo(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", singular: "rolebinding",
            kind: "RoleBinding", namespaced: true, definition: "io.k8s.api.rbac.v1.RoleBinding"),
        ResourceInfo(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", singular: "role", kind: "Role",
            namespaced: true, definition: "io.k8s.api.rbac.v1.Role"),
        ResourceInfo(
            group: "authentication.k8s.io", version: "v1", resource: "selfsubjectreviews",
            singular: "selfsubjectreview", kind: "SelfSubjectReview", namespaced: false,
            definition: "io.k8s.api.authentication.v1.SelfSubjectReview", verbs: ["create"]),
        ResourceInfo(
            group: "authentication.k8s.io", version: "v1", resource: "tokenreviews", singular: "tokenreview",
            kind: "TokenReview", namespaced: false, definition: "io.k8s.api.authentication.v1.TokenReview",
            verbs: ["create"]),
        ResourceInfo(
            group: "authorization.k8s.io", version: "v1", resource: "localsubjectaccessreviews",
            singular: "localsubjectaccessreview", kind: "LocalSubjectAccessReview", namespaced: true,
            definition: "io.k8s.api.authorization.v1.LocalSubjectAccessReview", verbs: ["create"]),
        ResourceInfo(
            group: "authorization.k8s.io", version: "v1", resource: "selfsubjectaccessreviews",
            singular: "selfsubjectaccessreview", kind: "SelfSubjectAccessReview", namespaced: false,
            definition: "io.k8s.api.authorization.v1.SelfSubjectAccessReview", verbs: ["create"]),
        ResourceInfo(
            group: "authorization.k8s.io", version: "v1", resource: "selfsubjectrulesreviews",
            singular: "selfsubjectrulesreview", kind: "SelfSubjectRulesReview", namespaced: false,
            definition: "io.k8s.api.authorization.v1.SelfSubjectRulesReview", verbs: ["create"]),
        ResourceInfo(
            group: "authorization.k8s.io", version: "v1", resource: "subjectaccessreviews",
            singular: "subjectaccessreview", kind: "SubjectAccessReview", namespaced: false,
            definition: "io.k8s.api.authorization.v1.SubjectAccessReview", verbs: ["create"]),
        ResourceInfo(
            group: "certificates.k8s.io", version: "v1", resource: "certificatesigningrequests",
            singular: "certificatesigningrequest", kind: "CertificateSigningRequest", namespaced: false,
            shortNames: ["csr"],
            subresources: [statusSub, .init(name: "approval", kind: "", group: "", version: "", verbs: ["get", "patch", "update"])],
            definition: "io.k8s.api.certificates.v1.CertificateSigningRequest"),
        ResourceInfo(
            group: "coordination.k8s.io", version: "v1", resource: "leases", singular: "lease", kind: "Lease",
            namespaced: true, definition: "io.k8s.api.coordination.v1.Lease"),
        ResourceInfo(
            group: "discovery.k8s.io", version: "v1", resource: "endpointslices", singular: "endpointslice",
            kind: "EndpointSlice", namespaced: true, definition: "io.k8s.api.discovery.v1.EndpointSlice"),
        ResourceInfo(
            group: "networking.k8s.io", version: "v1", resource: "ingresses", singular: "ingress", kind: "Ingress",
            namespaced: true, shortNames: ["ing"], subresources: [statusSub], definition: "io.k8s.api.networking.v1.Ingress"),
        ResourceInfo(
            group: "networking.k8s.io", version: "v1", resource: "ingressclasses", singular: "ingressclass",
            kind: "IngressClass", namespaced: false, definition: "io.k8s.api.networking.v1.IngressClass"),
        ResourceInfo(
            group: "networking.k8s.io", version: "v1", resource: "networkpolicies", singular: "networkpolicy",
            kind: "NetworkPolicy", namespaced: true, shortNames: ["netpol"],
            definition: "io.k8s.api.networking.v1.NetworkPolicy"),
    ]

    /// The resource `resource` in `group`/`version`, if served.
    public static func lookup(group: String, version: String, resource: String) -> ResourceInfo? {
        all.first { $0.group == group && $0.version == version && $0.resource == resource }
    }

    /// The resource serving `kind` in `apiVersion`, if any.
    public static func lookup(apiVersion: String, kind: String) -> ResourceInfo? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// The group versions served, core first, in discovery order.
    public static var groupVersions: [(group: String, version: String)] {
        var seen: [String] = []
        var out: [(String, String)] = []
        for r in all where !seen.contains(r.apiVersion) {
            seen.append(r.apiVersion)
            out.append((r.group, r.version))
        }
        return out
    }
}
