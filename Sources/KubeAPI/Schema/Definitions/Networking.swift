extension SchemaType {
    /// An object of the networking.k8s.io/v1 type `name`.
    static func networking(_ name: String) -> SchemaType { .ref("io.k8s.api.networking.v1." + name) }
}

extension StandardDefinitions {
    private static func networkingKind(_ kind: String) -> GroupVersionKind {
        .init(group: "networking.k8s.io", version: "v1", kind: kind)
    }

    /// networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy. Kubernetes itself only stores
    /// them: ingress controllers and network plugins act on them.
    static let networking: [TypeDefinition] = ingress + ingressClass + networkPolicy

    private static let ingress: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.networking.v1.Ingress",
            "Rules that route outside traffic to Services by host and path, for an ingress controller to carry out.",
            gvk: [networkingKind("Ingress")],
            fields: objectHeader() + [
                .init("spec", .networking("IngressSpec"), "The routes."),
                .init("status", .networking("IngressStatus"), "Where the ingress controller serves the routes."),
            ]),
        listDefinition("io.k8s.api.networking.v1.Ingress", networkingKind("Ingress"), of: "ingresses"),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressSpec",
            "The routes of an Ingress.",
            fields: [
                .init("ingressClassName", .str, "Name of the IngressClass whose controller serves this Ingress."),
                .init("defaultBackend", .networking("IngressBackend"), "Where requests no rule matches go."),
                .init("tls", .list(.networking("IngressTLS")), "TLS settings by host."),
                .init("rules", .list(.networking("IngressRule")), "Host rules; without any, all traffic goes to the default backend."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressBackend",
            "A Service port or another object that requests are sent to.",
            fields: [
                .init("service", .networking("IngressServiceBackend"), "A Service and port (exclusive with resource)."),
                .init("resource", .core("TypedLocalObjectReference"), "An object in the Ingress' namespace (exclusive with service)."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressServiceBackend",
            "A Service and one of its ports.",
            fields: [
                .init("name", .str, "Name of the Service, in the Ingress' namespace.", required: true),
                .init("port", .networking("ServiceBackendPort"), "The Service's port."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.ServiceBackendPort",
            "A Service port, by name or by number.",
            fields: [
                .init("name", .str, "Name of the port (exclusive with number)."),
                .init("number", .int32, "Number of the port (exclusive with name)."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressTLS",
            "TLS for a set of hosts.",
            fields: [
                .init("hosts", .strings, "Hosts the certificate covers."),
                .init("secretName", .str, "Secret holding the certificate and key."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressRule",
            "The paths of one host (every host when empty).",
            fields: [
                .init("host", .str, "Fully qualified domain name, with an optional leading `*.` wildcard."),
                .init("http", .networking("HTTPIngressRuleValue"), "HTTP paths."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.HTTPIngressRuleValue",
            "HTTP paths and their backends.",
            fields: [.init("paths", .list(.networking("HTTPIngressPath")), "The paths.", required: true)]),
        TypeDefinition(
            "io.k8s.api.networking.v1.HTTPIngressPath",
            "A path and its backend.",
            fields: [
                .init("path", .str, "Path matched against the request's; must start with `/` unless pathType is ImplementationSpecific."),
                .init("pathType", .string(enumValues: ["Exact", "ImplementationSpecific", "Prefix"]), "How the path matches.", required: true),
                .init("backend", .networking("IngressBackend"), "Where matching requests go.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressStatus",
            "The state of an Ingress.",
            fields: [.init("loadBalancer", .networking("IngressLoadBalancerStatus"), "Where the Ingress is served.")]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressLoadBalancerStatus",
            "The addresses an Ingress is served at.",
            fields: [.init("ingress", .list(.networking("IngressLoadBalancerIngress")), "The addresses.")]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressLoadBalancerIngress",
            "One address an Ingress is served at.",
            fields: [
                .init("ip", .str, "IP address."),
                .init("hostname", .str, "DNS name."),
                .init("ports", .list(.networking("IngressPortStatus")), "Ports and their errors."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressPortStatus",
            "The state of one port.",
            fields: [
                .init("port", .int32, "Port number.", required: true),
                .init("protocol", .string(enumValues: ["SCTP", "TCP", "UDP"]), "TCP, UDP or SCTP.", required: true),
                .init("error", .str, "What went wrong with the port, CamelCase or `domain/CamelCase`."),
            ]),
    ]

    private static let ingressClass: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressClass",
            "A kind of Ingress and the controller that serves it.",
            gvk: [networkingKind("IngressClass")],
            fields: objectHeader() + [.init("spec", .networking("IngressClassSpec"), "The controller and its parameters.")]),
        listDefinition("io.k8s.api.networking.v1.IngressClass", networkingKind("IngressClass"), of: "ingress classes"),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressClassSpec",
            "The controller of an IngressClass.",
            fields: [
                .init("controller", .str, "Name of the controller, a domain-prefixed path such as `example.com/ingress`; immutable."),
                .init("parameters", .networking("IngressClassParametersReference"), "An object holding the controller's settings."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IngressClassParametersReference",
            "An object holding an ingress controller's settings.",
            fields: [
                .init("apiGroup", .str, "Group of the object; empty for the core group."),
                .init("kind", .str, "Kind of the object.", required: true),
                .init("name", .str, "Name of the object.", required: true),
                .init("scope", .str, "Cluster (the default) or Namespace."),
                .init("namespace", .str, "Namespace of the object, when scope is Namespace."),
            ]),
    ]

    private static let networkPolicy: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.networking.v1.NetworkPolicy",
            "The traffic allowed to and from a set of pods, for the network plugin to enforce.",
            gvk: [networkingKind("NetworkPolicy")],
            fields: objectHeader() + [.init("spec", .networking("NetworkPolicySpec"), "The pods and the traffic allowed.")]),
        listDefinition("io.k8s.api.networking.v1.NetworkPolicy", networkingKind("NetworkPolicy"), of: "network policies"),
        TypeDefinition(
            "io.k8s.api.networking.v1.NetworkPolicySpec",
            "The pods a NetworkPolicy selects and the traffic it allows them.",
            fields: [
                .init("podSelector", .meta("LabelSelector"), "Pods of the namespace the policy applies to; empty selects all."),
                .init("ingress", .list(.networking("NetworkPolicyIngressRule")), "Incoming traffic allowed."),
                .init("egress", .list(.networking("NetworkPolicyEgressRule")), "Outgoing traffic allowed."),
                .init("policyTypes", .strings, "Ingress and/or Egress: the directions the policy isolates."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.NetworkPolicyIngressRule",
            "Incoming traffic allowed: from these peers to these ports.",
            fields: [
                .init("ports", .list(.networking("NetworkPolicyPort")), "Ports; empty allows every port."),
                .init("from", .list(.networking("NetworkPolicyPeer")), "Sources; empty allows every source."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.NetworkPolicyEgressRule",
            "Outgoing traffic allowed: to these peers on these ports.",
            fields: [
                .init("ports", .list(.networking("NetworkPolicyPort")), "Ports; empty allows every port."),
                .init("to", .list(.networking("NetworkPolicyPeer")), "Destinations; empty allows every destination."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.NetworkPolicyPeer",
            "Pods, namespaces or an IP block.",
            fields: [
                .init("podSelector", .meta("LabelSelector"), "Pods (of the namespaces selected, else of the policy's)."),
                .init("namespaceSelector", .meta("LabelSelector"), "Namespaces."),
                .init("ipBlock", .networking("IPBlock"), "A CIDR (exclusive with the selectors)."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.IPBlock",
            "A CIDR with exceptions.",
            fields: [
                .init("cidr", .str, "The CIDR, e.g. `192.168.1.0/24`.", required: true),
                .init("except", .strings, "CIDRs inside `cidr` that are left out."),
            ]),
        TypeDefinition(
            "io.k8s.api.networking.v1.NetworkPolicyPort",
            "A port, or a range of ports, and its protocol.",
            fields: [
                .init("protocol", .string(enumValues: ["SCTP", "TCP", "UDP"]), "TCP (the default), UDP or SCTP."),
                .init("port", .intOrString, "Port number or named port; every port when absent."),
                .init("endPort", .int32, "Last port of a range starting at `port` (a number)."),
            ]),
    ]
}
