extension SchemaType {
    /// An object of the authentication.k8s.io/v1 type `name`.
    static func authentication(_ name: String) -> SchemaType { .ref("io.k8s.api.authentication.v1." + name) }
}

extension StandardDefinitions {
    /// The top-level authentication.k8s.io/v1 type `kind`: apiVersion, kind, metadata, then `fields`.
    private static func kind(_ kind: String, _ about: String, _ fields: [FieldSchema]) -> TypeDefinition {
        TypeDefinition(
            "io.k8s.api.authentication.v1." + kind, about,
            gvk: [GroupVersionKind(group: "authentication.k8s.io", version: "v1", kind: kind)],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
            ] + fields)
    }

    /// authentication.k8s.io/v1 TokenRequest (the body of `serviceaccounts/NAME/token`), and the
    /// TokenReview and SelfSubjectReview reviews (created, answered, never stored).
    static let authentication: [TypeDefinition] = tokenRequest + reviews

    static let reviews: [TypeDefinition] = [
        kind(
            "SelfSubjectReview", "Who the requesting user is, as authentication found.",
            [.init("status", .authentication("SelfSubjectReviewStatus"), "The answer, filled in by the server.")]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.SelfSubjectReviewStatus", "The requesting user's attributes.",
            fields: [.init("userInfo", .authentication("UserInfo"), "The user's attributes.")]),
        kind(
            "TokenReview", "Whether a bearer token is valid, and whose it is.",
            [
                .init("spec", .authentication("TokenReviewSpec"), "The token to check.", required: true),
                .init("status", .authentication("TokenReviewStatus"), "The answer, filled in by the server."),
            ]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.TokenReviewSpec", "The token and the audiences it must be for.",
            fields: [
                .init("audiences", .strings, "Audiences the token must name one of; the API server's when empty."),
                .init("token", .str, "The opaque bearer token."),
            ]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.TokenReviewStatus", "The result of a token review.",
            fields: [
                .init("audiences", .strings, "The requested audiences the token is valid for."),
                .init("authenticated", .boolean, "Whether the token is valid."),
                .init("error", .str, "Why the token could not be checked or is invalid."),
                .init("user", .authentication("UserInfo"), "Whose token it is."),
            ]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.UserInfo", "A user's attributes, as an authenticator found them.",
            fields: [
                .init("extra", .map(.strings), "Further attributes."), .init("groups", .strings, "The user's groups."),
                .init("uid", .str, "A unique id of the user."), .init("username", .str, "The user's name."),
            ]),
    ]

    static let tokenRequest: [TypeDefinition] = [
        kind(
            "TokenRequest", "Asks for a service account token.",
            [
                .init("spec", .authentication("TokenRequestSpec"), "What is asked.", required: true),
                .init("status", .authentication("TokenRequestStatus"), "The token, filled in by the server."),
            ]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.TokenRequestSpec", "The token's audiences, lifetime and binding.",
            fields: [
                .init("audiences", .strings, "Who the token is for; the API server's own audience when empty.", required: true),
                .init("expirationSeconds", .int64, "Requested lifetime; at least 600, default 3600."),
                .init("boundObjectRef", .authentication("BoundObjectReference"), "The object the token lives and dies with."),
            ]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.BoundObjectReference", "A reference to the object a token is bound to.",
            fields: [
                .init("kind", .str, "Pod."), .init("apiVersion", .str, "API version of the object."),
                .init("name", .str, "Name of the object."), .init("uid", .str, "UID of the object."),
            ]),
        TypeDefinition(
            "io.k8s.api.authentication.v1.TokenRequestStatus", "The issued token.",
            fields: [
                .init("token", .str, "The token.", required: true),
                .init("expirationTimestamp", .time, "When the token expires.", required: true),
            ]),
    ]
}
