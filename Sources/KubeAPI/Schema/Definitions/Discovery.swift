extension StandardDefinitions {
    /// discovery.k8s.io/v1 EndpointSlice.
    static let discovery: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.discovery.v1.EndpointSlice",
            "A subset of the endpoints of a service.",
            gvk: [.init(group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("addressType", .str, "IPv4, IPv6 or FQDN.", required: true),
                .init("endpoints", .list(.discovery("Endpoint")), "The endpoints; at most 1000."),
                .init("ports", .list(.discovery("EndpointPort")), "Ports of all the endpoints; at most 100."),
            ]),
        listDefinition(
            "io.k8s.api.discovery.v1.EndpointSlice", .init(group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice"),
            of: "endpoint slices"),
        TypeDefinition(
            "io.k8s.api.discovery.v1.Endpoint",
            "One backend of a service.",
            fields: [
                .init(
                    "addresses", .strings,
                    "Addresses of the endpoint; consumers use the first.", required: true)
                    .apply(.set),
                .init("conditions", .discovery("EndpointConditions"), "Readiness of the endpoint."),
                .init("hostname", .str, "Host name of the endpoint."),
                .init("targetRef", .core("ObjectReference"), "Object providing the endpoint, usually a pod."),
                .init("deprecatedTopology", .stringMap, "Deprecated topology labels."),
                .init("nodeName", .str, "Node hosting the endpoint."),
                .init("zone", .str, "Zone of the endpoint."),
                .init("hints", .discovery("EndpointHints"), "Routing hints."),
            ]),
        TypeDefinition(
            "io.k8s.api.discovery.v1.EndpointConditions",
            "Readiness of an endpoint.",
            fields: [
                .init("ready", .boolean, "Ready to receive traffic; false while terminating."),
                .init("serving", .boolean, "Ready to receive traffic, even while terminating."),
                .init("terminating", .boolean, "The endpoint is terminating."),
            ]),
        TypeDefinition(
            "io.k8s.api.discovery.v1.EndpointHints",
            "Where an endpoint should be used from.",
            fields: [
                .init("forZones", .list(.discovery("ForZone")), "Zones that should use it."),
                .init("forNodes", .list(.discovery("ForNode")), "Nodes that should use it."),
            ]),
        TypeDefinition(
            "io.k8s.api.discovery.v1.ForZone",
            "A zone hint.",
            fields: [
                .init("name", .str, "Name of the zone.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.discovery.v1.ForNode",
            "A node hint.",
            fields: [
                .init("name", .str, "Name of the node.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.discovery.v1.EndpointPort",
            "A port of an endpoint slice.",
            fields: [
                .init("name", .str, "Name matching the service port."),
                .init("protocol", .str, "TCP, UDP or SCTP."),
                .init("port", .int32, "Port number."),
                .init("appProtocol", .str, "Application protocol."),
            ]).asAtomic(),
    ]
}
