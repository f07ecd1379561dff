extension StandardDefinitions {
    /// autoscaling/v1 Scale, served by the scale subresources.
    static let autoscaling: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.autoscaling.v1.Scale",
            "The desired and current replica count of a scalable resource.",
            gvk: [.init(group: "autoscaling", version: "v1", kind: "Scale")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .autoscaling("ScaleSpec"), "Desired scale."),
                .init("status", .autoscaling("ScaleStatus"), "Current scale; read-only."),
            ]),
        TypeDefinition(
            "io.k8s.api.autoscaling.v1.ScaleSpec",
            "Desired scale.",
            fields: [
                .init("replicas", .int32, "Desired number of replicas."),
            ]),
        TypeDefinition(
            "io.k8s.api.autoscaling.v1.ScaleStatus",
            "Current scale.",
            fields: [
                .init("replicas", .int32, "Current number of replicas.", required: true),
                .init("selector", .str, "Label query over the pods counted, in string form."),
            ]),
    ]
}
