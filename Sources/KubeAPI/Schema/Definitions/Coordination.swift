extension StandardDefinitions {
    /// coordination.k8s.io/v1 Lease.
    static let coordination: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.coordination.v1.Lease",
            "A lock with a holder and renewal time, used for leader election and node heartbeats.",
            gvk: [.init(group: "coordination.k8s.io", version: "v1", kind: "Lease")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .coordination("LeaseSpec"), "The lease."),
            ]),
        listDefinition(
            "io.k8s.api.coordination.v1.Lease", .init(group: "coordination.k8s.io", version: "v1", kind: "Lease"),
            of: "leases"),
        TypeDefinition(
            "io.k8s.api.coordination.v1.LeaseSpec",
            "A lease.",
            fields: [
                .init("holderIdentity", .str, "Identity of the current holder."),
                .init(
                    "leaseDurationSeconds", .int32,
                    "Seconds candidates wait after the last renewal before taking over."),
                .init("acquireTime", .time, "When the current holder acquired the lease."),
                .init("renewTime", .time, "When the holder last renewed the lease."),
                .init("leaseTransitions", .int32, "Times the lease changed holders."),
                .init("strategy", .str, "Strategy for picking a leader in coordinated election."),
                .init("preferredHolder", .str, "Holder the lease should pass to."),
            ]),
    ]
}
