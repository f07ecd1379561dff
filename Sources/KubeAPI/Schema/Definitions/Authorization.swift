extension SchemaType {
    /// An object of the authorization.k8s.io/v1 type `name`.
    static func authorization(_ name: String) -> SchemaType { .ref("io.k8s.api.authorization.v1." + name) }
}

extension StandardDefinitions {
    private static func authzGVK(_ kind: String) -> GroupVersionKind {
        GroupVersionKind(group: "authorization.k8s.io", version: "v1", kind: kind)
    }

    private static func review(_ kind: String, _ about: String, spec: String, status: String) -> TypeDefinition {
        TypeDefinition(
            "io.k8s.api.authorization.v1." + kind, about, gvk: [authzGVK(kind)],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .authorization(spec), "What is asked.", required: true),
                .init("status", .authorization(status), "The answer, filled in by the server."),
            ])
    }

    /// authorization.k8s.io/v1 access and rules reviews (created, answered, never stored).
    static let authorization: [TypeDefinition] = [
        review(
            "LocalSubjectAccessReview", "Whether a user may do something in one namespace.",
            spec: "SubjectAccessReviewSpec", status: "SubjectAccessReviewStatus"),
        TypeDefinition(
            "io.k8s.api.authorization.v1.NonResourceAttributes", "A request for a non-resource path.",
            fields: [.init("path", .str, "The URL path."), .init("verb", .str, "The lowercased HTTP verb.")]),
        TypeDefinition(
            "io.k8s.api.authorization.v1.NonResourceRule", "Verbs allowed on non-resource URLs.",
            fields: [
                .init("nonResourceURLs", .strings, "Paths, a trailing * matching any suffix."),
                .init("verbs", .strings, "Verbs allowed.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.authorization.v1.ResourceAttributes", "A request on an API resource.",
            fields: [
                .init("group", .str, "The API group; * means all."), .init("name", .str, "The object's name; empty means all."),
                .init("namespace", .str, "The namespace; empty means all (cluster-scoped resources: none)."),
                .init("resource", .str, "The resource; * means all."), .init("subresource", .str, "The subresource."),
                .init("verb", .str, "The verb; * means all."), .init("version", .str, "The API version; * means all."),
            ]),
        TypeDefinition(
            "io.k8s.api.authorization.v1.ResourceRule", "Verbs allowed on resources.",
            fields: [
                .init("apiGroups", .strings, "API groups."), .init("resourceNames", .strings, "Names; empty means all."),
                .init("resources", .strings, "Resources."), .init("verbs", .strings, "Verbs allowed.", required: true),
            ]),
        review(
            "SelfSubjectAccessReview", "Whether the requesting user may do something.",
            spec: "SelfSubjectAccessReviewSpec", status: "SubjectAccessReviewStatus"),
        TypeDefinition(
            "io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec", "What the requesting user asks to do.",
            fields: [
                .init("nonResourceAttributes", .authorization("NonResourceAttributes"), "A non-resource request."),
                .init("resourceAttributes", .authorization("ResourceAttributes"), "A resource request."),
            ]),
        review(
            "SelfSubjectRulesReview", "What the requesting user may do in a namespace.",
            spec: "SelfSubjectRulesReviewSpec", status: "SubjectRulesReviewStatus"),
        TypeDefinition(
            "io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec", "The namespace asked about.",
            fields: [.init("namespace", .str, "The namespace.")]),
        review(
            "SubjectAccessReview", "Whether a user may do something.", spec: "SubjectAccessReviewSpec",
            status: "SubjectAccessReviewStatus"),
        TypeDefinition(
            "io.k8s.api.authorization.v1.SubjectAccessReviewSpec", "Who asks to do what.",
            fields: [
                .init("extra", .map(.strings), "The user's extra attributes."),
                .init("groups", .strings, "The user's groups."),
                .init("nonResourceAttributes", .authorization("NonResourceAttributes"), "A non-resource request."),
                .init("resourceAttributes", .authorization("ResourceAttributes"), "A resource request."),
                .init("uid", .str, "The user's uid."), .init("user", .str, "The user's name."),
            ]),
        TypeDefinition(
            "io.k8s.api.authorization.v1.SubjectAccessReviewStatus", "The answer to an access review.",
            fields: [
                .init("allowed", .boolean, "Whether the action is allowed.", required: true),
                .init("denied", .boolean, "Whether the action is explicitly denied."),
                .init("evaluationError", .str, "An error met while deciding."),
                .init("reason", .str, "Why it is allowed or denied."),
            ]),
        TypeDefinition(
            "io.k8s.api.authorization.v1.SubjectRulesReviewStatus", "The rules a user holds in a namespace.",
            fields: [
                .init("evaluationError", .str, "An error met while listing the rules."),
                .init("incomplete", .boolean, "Whether the list may be missing rules.", required: true),
                .init("nonResourceRules", .list(.authorization("NonResourceRule")), "Rules on non-resource URLs.", required: true),
                .init("resourceRules", .list(.authorization("ResourceRule")), "Rules on resources.", required: true),
            ]),
    ]
}
