extension StandardDefinitions {
    /// core/v1 Service and Endpoints.
    static let coreService: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Service",
            "A stable virtual IP and DNS name in front of a set of pods.",
            gvk: [.init(group: "", version: "v1", kind: "Service")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .core("ServiceSpec"), "Desired behaviour of the service."),
                .init("status", .core("ServiceStatus"), "Most recently observed state of the service."),
            ]),
        listDefinition("io.k8s.api.core.v1.Service", .init(group: "", version: "v1", kind: "Service"), of: "services"),
        TypeDefinition(
            "io.k8s.api.core.v1.ServiceSpec",
            "Desired behaviour of a service.",
            fields: [
                .init(
                    "ports", .keyed(.core("ServicePort"), "port"),
                    "Ports the service exposes.")
                    .mapKeys("port", "protocol"),
                .init(
                    "selector", .stringMap,
                    "Pods with these labels receive the traffic; endpoints are managed by hand when empty.")
                    .asAtomicMap(),
                .init("clusterIP", .str, "Virtual IP of the service; None makes it headless."),
                .init("clusterIPs", .strings, "Virtual IPs, at most one per family; the first equals clusterIP."),
                .init("type", .str, "ClusterIP (default), NodePort, LoadBalancer or ExternalName."),
                .init("externalIPs", .strings, "Extra IPs on which nodes accept traffic for the service."),
                .init("sessionAffinity", .str, "None (default) or ClientIP."),
                .init("loadBalancerIP", .str, "Deprecated requested load balancer IP."),
                .init("loadBalancerSourceRanges", .strings, "Client CIDRs allowed through the load balancer."),
                .init("externalName", .str, "DNS name the service aliases, for type ExternalName."),
                .init("externalTrafficPolicy", .str, "Cluster (default) or Local routing of external traffic."),
                .init(
                    "healthCheckNodePort", .int32,
                    "Node port for load balancer health checks with Local traffic policy."),
                .init("publishNotReadyAddresses", .boolean, "Include pods that are not ready in DNS and endpoints."),
                .init("sessionAffinityConfig", .core("SessionAffinityConfig"), "Session affinity settings."),
                .init("ipFamilies", .strings, "IP families, e.g. IPv4, IPv6."),
                .init("ipFamilyPolicy", .str, "SingleStack, PreferDualStack or RequireDualStack."),
                .init(
                    "allocateLoadBalancerNodePorts", .boolean,
                    "Whether a LoadBalancer service gets node ports; default true."),
                .init("loadBalancerClass", .str, "Load balancer implementation to use."),
                .init("internalTrafficPolicy", .str, "Cluster (default) or Local routing of in-cluster traffic."),
                .init("trafficDistribution", .str, "Preference for how traffic is spread, e.g. PreferClose."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ServicePort",
            "A port of a service.",
            fields: [
                .init("name", .str, "Name of the port; required when there are several."),
                .init("protocol", .str, "TCP (default), UDP or SCTP."),
                .init("appProtocol", .str, "Application protocol, e.g. http or kubernetes.io/h2c."),
                .init("port", .int32, "Port the service listens on.", required: true),
                .init("targetPort", .intOrString, "Port number or name on the pods; defaults to port."),
                .init("nodePort", .int32, "Port opened on every node for NodePort and LoadBalancer services."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SessionAffinityConfig",
            "Session affinity settings.",
            fields: [
                .init("clientIP", .core("ClientIPConfig"), "Settings for ClientIP affinity."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ClientIPConfig",
            "ClientIP session affinity settings.",
            fields: [
                .init("timeoutSeconds", .int32, "Seconds a session sticks; default 10800."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ServiceStatus",
            "Observed state of a service.",
            fields: [
                .init("loadBalancer", .core("LoadBalancerStatus"), "State of the load balancer."),
                .init("conditions", .keyed(.meta("Condition"), "type"), "Current conditions of the service."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.LoadBalancerStatus",
            "State of a load balancer.",
            fields: [
                .init("ingress", .list(.core("LoadBalancerIngress")), "Ingress points of the load balancer."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.LoadBalancerIngress",
            "An ingress point of a load balancer.",
            fields: [
                .init("ip", .str, "IP of the ingress point."),
                .init("hostname", .str, "Host name of the ingress point."),
                .init("ipMode", .str, "VIP or Proxy: how traffic to ip is delivered."),
                .init("ports", .list(.core("PortStatus")), "Status of the service ports."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PortStatus",
            "Status of a service port.",
            fields: [
                .init("port", .int32, "Port number.", required: true),
                .init("protocol", .str, "TCP, UDP or SCTP.", required: true),
                .init("error", .str, "Problem with the port, in CamelCase."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Endpoints",
            "The addresses behind a service; superseded by EndpointSlice.",
            gvk: [.init(group: "", version: "v1", kind: "Endpoints")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("subsets", .list(.core("EndpointSubset")), "Groups of addresses sharing a set of ports."),
            ]),
        listDefinition(
            "io.k8s.api.core.v1.Endpoints", .init(group: "", version: "v1", kind: "Endpoints"),
            of: "endpoints objects"),
        TypeDefinition(
            "io.k8s.api.core.v1.EndpointSubset",
            "Addresses that share a set of ports.",
            fields: [
                .init("addresses", .list(.core("EndpointAddress")), "Ready addresses."),
                .init("notReadyAddresses", .list(.core("EndpointAddress")), "Addresses not ready yet."),
                .init("ports", .list(.core("EndpointPort")), "Ports of the addresses."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EndpointAddress",
            "An endpoint address.",
            fields: [
                .init("ip", .str, "IP of the endpoint.", required: true),
                .init("hostname", .str, "Host name of the endpoint."),
                .init("nodeName", .str, "Node hosting the endpoint."),
                .init("targetRef", .core("ObjectReference"), "Object providing the endpoint, usually a pod."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.EndpointPort",
            "A port of an endpoint.",
            fields: [
                .init("name", .str, "Name matching the service port."),
                .init("port", .int32, "Port number.", required: true),
                .init("protocol", .str, "TCP, UDP or SCTP."),
                .init("appProtocol", .str, "Application protocol."),
            ]).asAtomic(),
    ]
}
