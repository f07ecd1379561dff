extension StandardDefinitions {
    /// core/v1 Node, its spec and status.
    static let coreNode: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Node",
            "A worker machine.",
            gvk: [.init(group: "", version: "v1", kind: "Node")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .core("NodeSpec"), "Configuration of the node."),
                .init("status", .core("NodeStatus"), "Most recently observed state of the node."),
            ]),
        listDefinition("io.k8s.api.core.v1.Node", .init(group: "", version: "v1", kind: "Node"), of: "nodes"),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeSpec",
            "Configuration of a node.",
            fields: [
                .init("podCIDR", .str, "Pod IP range assigned to the node."),
                .init("podCIDRs", .array(.str, .set), "Pod IP ranges assigned to the node, at most one per family."),
                .init("providerID", .str, "Id of the node at its cloud provider."),
                .init("unschedulable", .boolean, "Keep new pods off the node (cordon)."),
                .init("taints", .list(.core("Taint")), "Taints that repel pods."),
                .init("configSource", .core("NodeConfigSource"), "Deprecated dynamic kubelet config source."),
                .init("externalID", .str, "Deprecated."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Taint",
            "Repels pods that do not tolerate it.",
            fields: [
                .init("key", .str, "Taint key.", required: true),
                .init("value", .str, "Taint value."),
                .init("effect", .str, "NoSchedule, PreferNoSchedule or NoExecute.", required: true),
                .init("timeAdded", .time, "When a NoExecute taint was added."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeConfigSource",
            "Deprecated dynamic kubelet config source.",
            fields: [
                .init("configMap", .core("ConfigMapNodeConfigSource"), "ConfigMap holding the config."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ConfigMapNodeConfigSource",
            "Deprecated reference to a kubelet config ConfigMap.",
            fields: [
                .init("namespace", .str, "Namespace of the ConfigMap.", required: true),
                .init("name", .str, "Name of the ConfigMap.", required: true),
                .init("uid", .str, "UID of the ConfigMap."),
                .init("resourceVersion", .str, "resourceVersion of the ConfigMap."),
                .init("kubeletConfigKey", .str, "Key holding the config.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeStatus",
            "Observed state of a node.",
            fields: [
                .init("capacity", .resourceList, "Total resources of the node."),
                .init("allocatable", .resourceList, "Resources available to pods."),
                .init("phase", .str, "Deprecated."),
                .init(
                    "conditions", .keyed(.core("NodeCondition"), "type"),
                    "Current conditions, e.g. Ready, MemoryPressure, DiskPressure."),
                .init("addresses", .keyed(.core("NodeAddress"), "type"), "Addresses of the node."),
                .init("daemonEndpoints", .core("NodeDaemonEndpoints"), "Ports of the daemons on the node."),
                .init("nodeInfo", .core("NodeSystemInfo"), "Version and identity information."),
                .init("images", .list(.core("ContainerImage")), "Images present on the node."),
                .init("volumesInUse", .strings, "Volumes attached and mounted."),
                .init("volumesAttached", .list(.core("AttachedVolume")), "Volumes attached to the node."),
                .init("config", .core("NodeConfigStatus"), "Deprecated dynamic kubelet config status."),
                .init("runtimeHandlers", .list(.core("NodeRuntimeHandler")), "Runtime handlers available."),
                .init("features", .core("NodeFeatures"), "Features the node supports."),
                .init("declaredFeatures", .strings, "Feature names the node declares."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeCondition",
            "One aspect of a node's state.",
            fields: [
                .init(
                    "type", .str,
                    "Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastHeartbeatTime", .time, "When the condition was last reported."),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeAddress",
            "An address of a node.",
            fields: [
                .init("type", .str, "Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.", required: true),
                .init("address", .str, "The address.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeDaemonEndpoints",
            "Ports of daemons on a node.",
            fields: [
                .init("kubeletEndpoint", .core("DaemonEndpoint"), "The kubelet's endpoint."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.DaemonEndpoint",
            "A daemon port.",
            fields: [
                .init("Port", .int32, "Port number.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeSystemInfo",
            "Identity and software versions of a node.",
            fields: [
                .init("machineID", .str, "Machine id.", required: true),
                .init("systemUUID", .str, "System UUID.", required: true),
                .init("bootID", .str, "Boot id.", required: true),
                .init("kernelVersion", .str, "Kernel version.", required: true),
                .init("osImage", .str, "OS image.", required: true),
                .init("containerRuntimeVersion", .str, "Container runtime and version.", required: true),
                .init("kubeletVersion", .str, "Kubelet version.", required: true),
                .init("kubeProxyVersion", .str, "Deprecated.", required: true),
                .init("operatingSystem", .str, "Operating system.", required: true),
                .init("architecture", .str, "CPU architecture.", required: true),
                .init("swap", .core("NodeSwapStatus"), "Swap memory."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeSwapStatus",
            "Swap memory of a node.",
            fields: [
                .init("capacity", .int64, "Total swap in bytes."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerImage",
            "An image on a node.",
            fields: [
                .init("names", .strings, "Names and digests of the image."),
                .init("sizeBytes", .int64, "Size of the image."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.AttachedVolume",
            "A volume attached to a node.",
            fields: [
                .init("name", .str, "Name of the volume.", required: true),
                .init("devicePath", .str, "Where the volume is available.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeConfigStatus",
            "Deprecated status of dynamic kubelet config.",
            fields: [
                .init("assigned", .core("NodeConfigSource"), "The assigned config."),
                .init("active", .core("NodeConfigSource"), "The active config."),
                .init("lastKnownGood", .core("NodeConfigSource"), "The last known good config."),
                .init("error", .str, "Error applying the config."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeRuntimeHandler",
            "A runtime handler of a node.",
            fields: [
                .init("name", .str, "Handler name; empty for the default."),
                .init("features", .core("NodeRuntimeHandlerFeatures"), "Features it supports."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeRuntimeHandlerFeatures",
            "Features of a runtime handler.",
            fields: [
                .init("recursiveReadOnlyMounts", .boolean, "Supports recursive read-only mounts."),
                .init("userNamespaces", .boolean, "Supports user namespaces."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeFeatures",
            "Features a node supports.",
            fields: [
                .init("supplementalGroupsPolicy", .boolean, "Supports the supplementalGroupsPolicy setting."),
            ]),
    ]
}
