extension StandardDefinitions {
    /// policy/v1 Eviction, the body of a pod's `eviction` subresource.
    static let policy: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.policy.v1.Eviction",
            "A request to evict a pod: a delete that honours the pod's disruption budgets.",
            gvk: [.init(group: "policy", version: "v1", kind: "Eviction")],
            fields: objectHeader(metadata: "The pod to evict: its name and namespace.") + [
                .init("deleteOptions", .meta("DeleteOptions"), "How to delete the pod.")
            ])
    ]
}
