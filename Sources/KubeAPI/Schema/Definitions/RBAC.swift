extension SchemaType {
    /// An object of the rbac.authorization.k8s.io/v1 type `name`.
    static func rbac(_ name: String) -> SchemaType { .ref("io.k8s.api.rbac.v1." + name) }
}

extension StandardDefinitions {
    private static func rbacGVK(_ kind: String) -> GroupVersionKind {
        GroupVersionKind(group: "rbac.authorization.k8s.io", version: "v1", kind: kind)
    }

    private static let rbacHeader: [FieldSchema] = [
        .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
        .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
        .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
    ]

    /// rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding and their parts.
    static let rbac: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.rbac.v1.AggregationRule", "Which ClusterRoles make up an aggregated ClusterRole.",
            fields: [
                .init(
                    "clusterRoleSelectors", .list(.meta("LabelSelector")),
                    "Selectors over ClusterRole labels; the rules of every ClusterRole any selector matches are added.")
            ]),
        TypeDefinition(
            "io.k8s.api.rbac.v1.ClusterRole", "Cluster-wide rules, granted by a RoleBinding or ClusterRoleBinding.",
            gvk: [rbacGVK("ClusterRole")],
            fields: rbacHeader + [
                .init("aggregationRule", .rbac("AggregationRule"), "When set, the controller manager fills the rules."),
                .init("rules", .list(.rbac("PolicyRule")), "The rules of this ClusterRole."),
            ]),
        listDefinition("io.k8s.api.rbac.v1.ClusterRole", rbacGVK("ClusterRole"), of: "ClusterRoles"),
        TypeDefinition(
            "io.k8s.api.rbac.v1.ClusterRoleBinding", "Grants a ClusterRole to subjects across the whole cluster.",
            gvk: [rbacGVK("ClusterRoleBinding")],
            fields: rbacHeader + [
                .init("roleRef", .rbac("RoleRef"), "The ClusterRole granted; cannot change.", required: true),
                .init("subjects", .list(.rbac("Subject")), "Who the role is granted to."),
            ]),
        listDefinition("io.k8s.api.rbac.v1.ClusterRoleBinding", rbacGVK("ClusterRoleBinding"), of: "ClusterRoleBindings"),
        TypeDefinition(
            "io.k8s.api.rbac.v1.PolicyRule", "Verbs allowed on resources or on non-resource URLs.",
            fields: [
                .init("apiGroups", .strings, "API groups of the resources; \"\" is the core group, \"*\" every group."),
                .init("nonResourceURLs", .strings, "Non-resource paths, a trailing * matching any suffix."),
                .init("resourceNames", .strings, "Names the rule is limited to; empty means all."),
                .init("resources", .strings, "Resources, such as pods, pods/log, */scale or *."),
                .init("verbs", .strings, "Verbs allowed, or *.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.rbac.v1.Role", "Rules that apply in one namespace.", gvk: [rbacGVK("Role")],
            fields: rbacHeader + [.init("rules", .list(.rbac("PolicyRule")), "The rules of this Role.")]),
        listDefinition("io.k8s.api.rbac.v1.Role", rbacGVK("Role"), of: "Roles"),
        TypeDefinition(
            "io.k8s.api.rbac.v1.RoleBinding", "Grants a Role or ClusterRole to subjects in the binding's namespace.",
            gvk: [rbacGVK("RoleBinding")],
            fields: rbacHeader + [
                .init("roleRef", .rbac("RoleRef"), "The Role or ClusterRole granted; cannot change.", required: true),
                .init("subjects", .list(.rbac("Subject")), "Who the role is granted to."),
            ]),
        listDefinition("io.k8s.api.rbac.v1.RoleBinding", rbacGVK("RoleBinding"), of: "RoleBindings"),
        TypeDefinition(
            "io.k8s.api.rbac.v1.RoleRef", "The role a binding grants.",
            fields: [
                .init("apiGroup", .str, "The group of the role: rbac.authorization.k8s.io.", required: true),
                .init("kind", .str, "Role or ClusterRole.", required: true),
                .init("name", .str, "The role's name.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.rbac.v1.Subject", "A user, group or service account a role is granted to.",
            fields: [
                .init("apiGroup", .str, "rbac.authorization.k8s.io for users and groups, \"\" for service accounts."),
                .init("kind", .str, "User, Group or ServiceAccount.", required: true),
                .init("name", .str, "The subject's name.", required: true),
                .init("namespace", .str, "A service account's namespace."),
            ]),
    ]
}
