extension StandardDefinitions {
    /// core/v1 Pod: the object, its spec, status and pod template.
    static let corePod: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Pod",
            "A group of containers that run together on one node, sharing network and storage.",
            gvk: [.init(group: "", version: "v1", kind: "Pod")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .core("PodSpec"), "Desired behaviour of the pod."),
                .init("status", .core("PodStatus"), "Most recently observed state of the pod; written by the system."),
            ]),
        listDefinition("io.k8s.api.core.v1.Pod", .init(group: "", version: "v1", kind: "Pod"), of: "pods"),
        TypeDefinition(
            "io.k8s.api.core.v1.PodTemplateSpec",
            "The pod that a controller creates.",
            fields: [
                .init("metadata", .meta("ObjectMeta"), "Metadata of the created pods."),
                .init("spec", .core("PodSpec"), "Spec of the created pods."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodSpec",
            "Desired behaviour of a pod.",
            fields: [
                .init("volumes", .keyed(.core("Volume"), "name", retainKeys: true), "Volumes the containers can mount."),
                .init(
                    "initContainers", .keyed(.core("Container"), "name"),
                    "Containers run one after another before the app containers start; sidecars have restartPolicy Always."),
                .init(
                    "containers", .keyed(.core("Container"), "name"),
                    "The app containers; at least one.", required: true),
                .init(
                    "ephemeralContainers", .keyed(.core("EphemeralContainer"), "name"),
                    "Debugging containers added to a running pod through the ephemeralcontainers subresource."),
                .init("restartPolicy", .str, "Always (default), OnFailure or Never."),
                .init(
                    "terminationGracePeriodSeconds", .int64,
                    "Seconds between the termination signal and a forced kill; default 30."),
                .init("activeDeadlineSeconds", .int64, "Seconds the pod may run before the system fails it."),
                .init("dnsPolicy", .str, "ClusterFirst (default), ClusterFirstWithHostNet, Default or None."),
                .init(
                    "nodeSelector", .stringMap,
                    "Labels a node must carry for the pod to be scheduled there.")
                    .asAtomicMap(),
                .init("serviceAccountName", .str, "Service account the pod runs as."),
                .init("serviceAccount", .str, "Deprecated alias of serviceAccountName."),
                .init("automountServiceAccountToken", .boolean, "Whether to mount a service account token."),
                .init("nodeName", .str, "Node the pod is bound to; set by the scheduler or at creation to bypass it."),
                .init("hostNetwork", .boolean, "Use the node's network namespace."),
                .init("hostPID", .boolean, "Use the node's process namespace."),
                .init("hostIPC", .boolean, "Use the node's IPC namespace."),
                .init("shareProcessNamespace", .boolean, "Share one process namespace among the pod's containers."),
                .init("securityContext", .core("PodSecurityContext"), "Pod-wide security attributes."),
                .init(
                    "imagePullSecrets", .keyed(.core("LocalObjectReference"), "name"),
                    "Secrets holding registry credentials for pulling images."),
                .init("hostname", .str, "Hostname of the pod; defaults to the pod name."),
                .init(
                    "subdomain", .str,
                    "Subdomain, giving the FQDN hostname.subdomain.namespace.svc.<cluster domain>."),
                .init("affinity", .core("Affinity"), "Node affinity and pod (anti-)affinity rules."),
                .init("schedulerName", .str, "Scheduler that places the pod; default-scheduler when empty."),
                .init("tolerations", .list(.core("Toleration")), "Taints the pod tolerates."),
                .init("hostAliases", .keyed(.core("HostAlias"), "ip"), "Extra entries for the pod's /etc/hosts."),
                .init("priorityClassName", .str, "Name of the PriorityClass giving the pod's priority."),
                .init("priority", .int32, "Priority value resolved from priorityClassName."),
                .init("dnsConfig", .core("PodDNSConfig"), "DNS settings merged with those dnsPolicy produces."),
                .init(
                    "readinessGates", .list(.core("PodReadinessGate")),
                    "Extra conditions that must be True for the pod to be ready."),
                .init("runtimeClassName", .str, "RuntimeClass used to run the pod."),
                .init(
                    "enableServiceLinks", .boolean,
                    "Whether Service environment variables are injected; default true."),
                .init("preemptionPolicy", .str, "Never or PreemptLowerPriority (default)."),
                .init("overhead", .resourceList, "Resources the pod's sandbox uses beyond its containers."),
                .init(
                    "topologySpreadConstraints", .keyed(.core("TopologySpreadConstraint"), "topologyKey"),
                    "How the pod spreads across topology domains.")
                    .mapKeys("topologyKey", "whenUnsatisfiable"),
                .init("setHostnameAsFQDN", .boolean, "Set the kernel hostname to the pod's FQDN."),
                .init("os", .core("PodOS"), "Operating system the pod needs."),
                .init("hostUsers", .boolean, "Use the host's user namespace; false gives the pod its own."),
                .init(
                    "schedulingGates", .keyed(.core("PodSchedulingGate"), "name"),
                    "Gates that hold the pod back from scheduling while present."),
                .init(
                    "resourceClaims", .keyed(.core("PodResourceClaim"), "name", retainKeys: true),
                    "Dynamic resource claims the pod uses."),
                .init("resources", .core("ResourceRequirements"), "Pod-level resource requests and limits."),
                .init("hostnameOverride", .str, "Hostname to use instead of the generated one."),
                .init("schedulingGroup", .core("PodSchedulingGroup"), "Group the pod is scheduled with as a unit."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodStatus",
            "Observed state of a pod.",
            fields: [
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("phase", .str, "Pending, Running, Succeeded, Failed or Unknown."),
                .init(
                    "conditions", .keyed(.core("PodCondition"), "type"),
                    "Current service state of the pod, e.g. PodScheduled, Initialized, ContainersReady, Ready."),
                .init("message", .str, "Human-readable reason for the pod's state."),
                .init("reason", .str, "Brief CamelCase reason for the pod's state, e.g. Evicted."),
                .init("nominatedNodeName", .str, "Node the pod may run on after preemption completes."),
                .init("hostIP", .str, "Primary IP of the node the pod runs on."),
                .init("hostIPs", .keyed(.core("HostIP"), "ip"), "IPs of the node the pod runs on.").apply(.atomic),
                .init("podIP", .str, "Primary IP of the pod."),
                .init("podIPs", .keyed(.core("PodIP"), "ip"), "IPs of the pod, at most one per family."),
                .init("startTime", .time, "When the kubelet acknowledged the pod."),
                .init("initContainerStatuses", .list(.core("ContainerStatus")), "Status of each init container."),
                .init("containerStatuses", .list(.core("ContainerStatus")), "Status of each app container."),
                .init("qosClass", .str, "Quality of service class: Guaranteed, Burstable or BestEffort."),
                .init(
                    "ephemeralContainerStatuses", .list(.core("ContainerStatus")),
                    "Status of each ephemeral container."),
                .init("resize", .str, "Status of a requested in-place resize."),
                .init(
                    "resourceClaimStatuses", .keyed(.core("PodResourceClaimStatus"), "name", retainKeys: true),
                    "Names of the ResourceClaims generated for the pod."),
                .init(
                    "extendedResourceClaimStatus", .core("PodExtendedResourceClaimStatus"),
                    "The claim created for extended resources backed by dynamic allocation."),
                .init("allocatedResources", .resourceList, "Resources allocated to the pod as a whole."),
                .init("resources", .core("ResourceRequirements"), "Pod-level resources actually applied."),
                .init(
                    "nodeAllocatableResourceClaimStatuses", .list(.core("NodeAllocatableResourceClaimStatus")),
                    "Node-allocatable resources claimed through dynamic allocation."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodCondition",
            "One aspect of a pod's state.",
            fields: [
                .init(
                    "type", .str,
                    "PodScheduled, Initialized, ContainersReady, Ready or a readiness gate type.", required: true),
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastProbeTime", .time, "When the condition was last checked."),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details of the last transition."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodIP",
            "An IP address of a pod.",
            fields: [
                .init("ip", .str, "The address.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.HostIP",
            "An IP address of the pod's node.",
            fields: [
                .init("ip", .str, "The address.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodResourceClaim",
            "A dynamic resource claim a pod references, by name or template.",
            fields: [
                .init("name", .str, "Name of the claim within the pod.", required: true),
                .init("resourceClaimName", .str, "Existing ResourceClaim in the pod's namespace."),
                .init("resourceClaimTemplateName", .str, "ResourceClaimTemplate from which a claim is created per pod."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodResourceClaimStatus",
            "The ResourceClaim generated for a pod's claim.",
            fields: [
                .init("name", .str, "Name of the claim within the pod.", required: true),
                .init("resourceClaimName", .str, "Name of the generated ResourceClaim."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodExtendedResourceClaimStatus",
            "The claim backing a pod's extended resource requests.",
            fields: [
                .init(
                    "requestMappings", .list(.core("ContainerExtendedResourceRequest")),
                    "Which container request maps to which claim request.", required: true),
                .init("resourceClaimName", .str, "Name of the ResourceClaim.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerExtendedResourceRequest",
            "Maps a container's extended resource to a claim request.",
            fields: [
                .init("containerName", .str, "The container.", required: true),
                .init("resourceName", .str, "The extended resource name.", required: true),
                .init("requestName", .str, "The request in the claim.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodSchedulingGate",
            "A gate that blocks scheduling while present.",
            fields: [
                .init("name", .str, "Name of the gate.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodSchedulingGroup",
            "The group a pod is scheduled with.",
            fields: [
                .init("podGroupName", .str, "Name of the pod group."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodReadinessGate",
            "An extra condition the pod's readiness depends on.",
            fields: [
                .init("conditionType", .str, "The condition type that must be True.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodOS",
            "The operating system a pod needs.",
            fields: [
                .init("name", .str, "linux or windows.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.HostAlias",
            "An /etc/hosts entry.",
            fields: [
                .init("ip", .str, "The IP address.", required: true),
                .init("hostnames", .strings, "Host names for the address."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodDNSConfig",
            "Extra DNS settings for a pod.",
            fields: [
                .init("nameservers", .strings, "Extra name server IPs."),
                .init("searches", .strings, "Extra search domains."),
                .init("options", .list(.core("PodDNSConfigOption")), "Resolver options."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodDNSConfigOption",
            "A resolver option.",
            fields: [
                .init("name", .str, "Option name, e.g. ndots."),
                .init("value", .str, "Option value."),
            ]),
    ]
}
