extension SchemaType {
    /// An object of the authentication.k8s.io/v1 type `name`.
    static func authentication(_ name: String) -> SchemaType { .ref("io.k8s.api.authentication.v1." + name) }
}

extension StandardDefinitions {
    /// authentication.k8s.io/v1 TokenRequest, the body of `serviceaccounts/NAME/token`.
    static let authentication: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.authentication.v1.TokenRequest", "Asks for a service account token.",
            gvk: [GroupVersionKind(group: "authentication.k8s.io", version: "v1", kind: "TokenRequest")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
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
