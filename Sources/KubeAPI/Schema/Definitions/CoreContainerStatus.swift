extension StandardDefinitions {
    /// core/v1 ContainerStatus and what it reports.
    static let coreContainerStatus: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerStatus",
            "Observed state of one container.",
            fields: [
                .init("name", .str, "Name of the container.", required: true),
                .init("state", .core("ContainerState"), "Current state."),
                .init("lastState", .core("ContainerState"), "State of the previous run, if any."),
                .init("ready", .boolean, "Whether the container passes its readiness probe.", required: true),
                .init("restartCount", .int32, "Times the container has restarted.", required: true),
                .init("image", .str, "The image the container runs.", required: true),
                .init("imageID", .str, "Digest of the image.", required: true),
                .init("containerID", .str, "Runtime-qualified id, e.g. containerd://<id>."),
                .init("started", .boolean, "Whether the startup probe has passed."),
                .init("allocatedResources", .resourceList, "Resources allocated to the container."),
                .init("resources", .core("ResourceRequirements"), "Resources actually configured for the container."),
                .init(
                    "volumeMounts", .keyed(.core("VolumeMountStatus"), "mountPath"),
                    "Status of the container's volume mounts."),
                .init("user", .core("ContainerUser"), "Identity of the first process."),
                .init(
                    "allocatedResourcesStatus", .keyed(.core("ResourceStatus"), "name"),
                    "Health of the devices allocated to the container."),
                .init("stopSignal", .str, "Signal that will stop the container."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerState",
            "The state of a container; exactly one member is set.",
            fields: [
                .init("waiting", .core("ContainerStateWaiting"), "Not running yet."),
                .init("running", .core("ContainerStateRunning"), "Running."),
                .init("terminated", .core("ContainerStateTerminated"), "Finished."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerStateWaiting",
            "A container not running yet.",
            fields: [
                .init("reason", .str, "Why, e.g. ContainerCreating, CrashLoopBackOff, ImagePullBackOff."),
                .init("message", .str, "Details."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerStateRunning",
            "A running container.",
            fields: [
                .init("startedAt", .time, "When it started."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerStateTerminated",
            "A finished container.",
            fields: [
                .init("exitCode", .int32, "Exit status of the last run.", required: true),
                .init("signal", .int32, "Signal that ended it."),
                .init("reason", .str, "Why, e.g. Completed, Error, OOMKilled."),
                .init("message", .str, "Details."),
                .init("startedAt", .time, "When it started."),
                .init("finishedAt", .time, "When it finished."),
                .init("containerID", .str, "Runtime-qualified id of the container."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.VolumeMountStatus",
            "Observed state of a volume mount.",
            fields: [
                .init("name", .str, "Name of the volume.", required: true),
                .init("mountPath", .str, "Path inside the container.", required: true),
                .init("readOnly", .boolean, "Whether the mount is read-only."),
                .init("recursiveReadOnly", .str, "Whether submounts are read-only too."),
                .init("volumeStatus", .core("VolumeStatus"), "State of the volume."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerUser",
            "The identity of a container's first process.",
            fields: [
                .init("linux", .core("LinuxContainerUser"), "Linux user and groups."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.LinuxContainerUser",
            "Linux identity of a process.",
            fields: [
                .init("uid", .int64, "User id.", required: true),
                .init("gid", .int64, "Group id.", required: true),
                .init("supplementalGroups", .list(.int64), "Supplemental group ids."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ResourceStatus",
            "Health of the devices behind one resource.",
            fields: [
                .init("name", .str, "Resource name.", required: true),
                .init(
                    "resources", .list(.core("ResourceHealth")),
                    "Health of each device.")
                    .apply(.map(key: "resourceID")),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ResourceHealth",
            "Health of one device.",
            fields: [
                .init("resourceID", .str, "Id of the device.", required: true),
                .init("health", .str, "Healthy, Unhealthy or Unknown."),
                .init("message", .str, "Details."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus",
            "Node-allocatable resources obtained through a resource claim.",
            fields: [
                .init("resourceClaimName", .str, "Name of the claim.", required: true),
                .init("containers", .strings, "Containers using the resources.").apply(.set),
                .init("resources", .resourceList, "The quantities obtained.", required: true),
            ]),
    ]
}
