extension StandardDefinitions {
    /// scheduling.k8s.io/v1 PriorityClass.
    static let scheduling: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.scheduling.v1.PriorityClass",
            "PriorityClass defines mapping from a priority class name to the priority integer value. The value can be any valid integer.",
            gvk: [.init(group: "scheduling.k8s.io", version: "v1", kind: "PriorityClass")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init(
                    "value", .int32,
                    "The value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.",
                    required: true),
                .init(
                    "globalDefault", .boolean,
                    "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority."
                ),
                .init(
                    "description", .str,
                    "description is an arbitrary string that usually provides guidelines on when this priority class should be used."
                ),
                .init(
                    "preemptionPolicy", .string(enumValues: ["Never", "PreemptLowerPriority"]),
                    "PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."
                ),
            ]),
        listDefinition(
            "io.k8s.api.scheduling.v1.PriorityClass",
            .init(group: "scheduling.k8s.io", version: "v1", kind: "PriorityClass"), of: "priority classes"),
    ]
}
