extension StandardDefinitions {
    /// core/v1 pod placement and security: affinity, tolerations, topology spread, security contexts.
    static let corePodScheduling: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Affinity",
            "Scheduling constraints relative to nodes and other pods.",
            fields: [
                .init("nodeAffinity", .core("NodeAffinity"), "Rules on node labels."),
                .init("podAffinity", .core("PodAffinity"), "Rules for placing the pod near other pods."),
                .init("podAntiAffinity", .core("PodAntiAffinity"), "Rules for keeping the pod away from other pods."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeAffinity",
            "Node selection rules.",
            fields: [
                .init(
                    "requiredDuringSchedulingIgnoredDuringExecution", .core("NodeSelector"),
                    "Rules a node must meet for the pod to be scheduled there."),
                .init(
                    "preferredDuringSchedulingIgnoredDuringExecution", .list(.core("PreferredSchedulingTerm")),
                    "Weighted rules the scheduler prefers to meet."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeSelector",
            "Node terms of which at least one must match.",
            fields: [
                .init("nodeSelectorTerms", .list(.core("NodeSelectorTerm")), "The terms, ORed.", required: true),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeSelectorTerm",
            "Node requirements that must all hold.",
            fields: [
                .init("matchExpressions", .list(.core("NodeSelectorRequirement")), "Requirements on node labels."),
                .init("matchFields", .list(.core("NodeSelectorRequirement")), "Requirements on node fields."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeSelectorRequirement",
            "One node label or field condition.",
            fields: [
                .init("key", .str, "Label key or field name.", required: true),
                .init("operator", .str, "In, NotIn, Exists, DoesNotExist, Gt or Lt.", required: true),
                .init("values", .strings, "Values for the operator; one integer for Gt and Lt."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PreferredSchedulingTerm",
            "A weighted node preference.",
            fields: [
                .init("weight", .int32, "Weight from 1 to 100.", required: true),
                .init("preference", .core("NodeSelectorTerm"), "The node term.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodAffinity",
            "Rules for placing a pod near other pods.",
            fields: [
                .init(
                    "requiredDuringSchedulingIgnoredDuringExecution", .list(.core("PodAffinityTerm")),
                    "Terms that must hold at scheduling time."),
                .init(
                    "preferredDuringSchedulingIgnoredDuringExecution", .list(.core("WeightedPodAffinityTerm")),
                    "Weighted terms the scheduler prefers to meet."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodAntiAffinity",
            "Rules for keeping a pod away from other pods.",
            fields: [
                .init(
                    "requiredDuringSchedulingIgnoredDuringExecution", .list(.core("PodAffinityTerm")),
                    "Terms that must hold at scheduling time."),
                .init(
                    "preferredDuringSchedulingIgnoredDuringExecution", .list(.core("WeightedPodAffinityTerm")),
                    "Weighted terms the scheduler prefers to meet."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodAffinityTerm",
            "Pods selected by label (and namespace) within one topology domain.",
            fields: [
                .init("labelSelector", .meta("LabelSelector"), "Selects the pods."),
                .init(
                    "namespaces", .strings,
                    "Namespaces to look in; the pod's own when empty with no namespaceSelector."),
                .init(
                    "topologyKey", .str,
                    "Node label whose value defines the domain, e.g. kubernetes.io/hostname.", required: true),
                .init("namespaceSelector", .meta("LabelSelector"), "Selects the namespaces to look in."),
                .init(
                    "matchLabelKeys", .strings,
                    "Label keys whose values, taken from this pod, are added to the selector."),
                .init("mismatchLabelKeys", .strings, "Label keys whose values, taken from this pod, must differ."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.WeightedPodAffinityTerm",
            "A weighted pod affinity term.",
            fields: [
                .init("weight", .int32, "Weight from 1 to 100.", required: true),
                .init("podAffinityTerm", .core("PodAffinityTerm"), "The term.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Toleration",
            "Lets a pod schedule onto (or stay on) nodes with a matching taint.",
            fields: [
                .init("key", .str, "Taint key; empty with Exists matches all taints."),
                .init("operator", .str, "Exists or Equal (default)."),
                .init("value", .str, "Taint value for Equal."),
                .init("effect", .str, "Effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all."),
                .init(
                    "tolerationSeconds", .int64,
                    "For NoExecute, how long the pod stays bound after the taint appears."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.TopologySpreadConstraint",
            "How matching pods spread across topology domains.",
            fields: [
                .init("maxSkew", .int32, "Largest allowed difference in matching pods between domains.", required: true),
                .init("topologyKey", .str, "Node label whose value defines the domain.", required: true),
                .init("whenUnsatisfiable", .str, "DoNotSchedule or ScheduleAnyway.", required: true),
                .init("labelSelector", .meta("LabelSelector"), "Selects the pods counted."),
                .init("minDomains", .int32, "Minimum number of eligible domains."),
                .init("nodeAffinityPolicy", .str, "Honor or Ignore the pod's node affinity when counting."),
                .init("nodeTaintsPolicy", .str, "Honor or Ignore node taints when counting."),
                .init(
                    "matchLabelKeys", .strings,
                    "Label keys whose values, taken from this pod, are added to the selector."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodSecurityContext",
            "Security attributes for all containers of a pod.",
            fields: [
                .init("seLinuxOptions", .core("SELinuxOptions"), "SELinux context for all containers."),
                .init("windowsOptions", .core("WindowsSecurityContextOptions"), "Windows-specific settings."),
                .init("runAsUser", .int64, "UID to run the entrypoint as."),
                .init("runAsGroup", .int64, "GID to run the entrypoint as."),
                .init("runAsNonRoot", .boolean, "Refuse to start containers that would run as UID 0."),
                .init("supplementalGroups", .list(.int64), "Extra groups for the first process of each container."),
                .init("supplementalGroupsPolicy", .str, "Merge (default) or Strict handling of supplemental groups."),
                .init("fsGroup", .int64, "Group that owns mounted volumes and is added to every container."),
                .init("sysctls", .list(.core("Sysctl")), "Namespaced sysctls set for the pod."),
                .init("fsGroupChangePolicy", .str, "OnRootMismatch or Always: when to change volume ownership."),
                .init("seccompProfile", .core("SeccompProfile"), "Seccomp profile for all containers."),
                .init("appArmorProfile", .core("AppArmorProfile"), "AppArmor profile for all containers."),
                .init(
                    "seLinuxChangePolicy", .str,
                    "MountOption or Recursive: how the SELinux label is applied to volumes."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SecurityContext",
            "Security attributes of one container, overriding the pod's.",
            fields: [
                .init("capabilities", .core("Capabilities"), "Capabilities to add or drop."),
                .init("privileged", .boolean, "Run as privileged, like root on the host."),
                .init("seLinuxOptions", .core("SELinuxOptions"), "SELinux context of the container."),
                .init("windowsOptions", .core("WindowsSecurityContextOptions"), "Windows-specific settings."),
                .init("runAsUser", .int64, "UID to run the entrypoint as."),
                .init("runAsGroup", .int64, "GID to run the entrypoint as."),
                .init("runAsNonRoot", .boolean, "Refuse to start the container if it would run as UID 0."),
                .init("readOnlyRootFilesystem", .boolean, "Mount the root filesystem read-only."),
                .init(
                    "allowPrivilegeEscalation", .boolean,
                    "Whether a process may gain more privileges than its parent."),
                .init("procMount", .str, "Default or Unmasked /proc mount."),
                .init("seccompProfile", .core("SeccompProfile"), "Seccomp profile of the container."),
                .init("appArmorProfile", .core("AppArmorProfile"), "AppArmor profile of the container."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Capabilities",
            "POSIX capabilities to add or drop.",
            fields: [
                .init("add", .strings, "Capabilities to add."),
                .init("drop", .strings, "Capabilities to drop."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SELinuxOptions",
            "An SELinux label.",
            fields: [
                .init("user", .str, "SELinux user."),
                .init("role", .str, "SELinux role."),
                .init("type", .str, "SELinux type."),
                .init("level", .str, "SELinux level."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.WindowsSecurityContextOptions",
            "Windows-specific security settings.",
            fields: [
                .init("gmsaCredentialSpecName", .str, "Name of the GMSA credential spec."),
                .init("gmsaCredentialSpec", .str, "Contents of the GMSA credential spec."),
                .init("runAsUserName", .str, "User name to run the entrypoint as."),
                .init("hostProcess", .boolean, "Run as a host process container."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SeccompProfile",
            "A seccomp profile.",
            fields: [
                .init("type", .str, "RuntimeDefault, Unconfined or Localhost.", required: true),
                .init("localhostProfile", .str, "Profile file on the node, for Localhost."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.AppArmorProfile",
            "An AppArmor profile.",
            fields: [
                .init("type", .str, "RuntimeDefault, Unconfined or Localhost.", required: true),
                .init("localhostProfile", .str, "Profile loaded on the node, for Localhost."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Sysctl",
            "A kernel parameter.",
            fields: [
                .init("name", .str, "Parameter name.", required: true),
                .init("value", .str, "Parameter value.", required: true),
            ]),
    ]
}
