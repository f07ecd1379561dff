extension StandardDefinitions {
    /// core/v1 Container and EphemeralContainer with ports, environment, resources, mounts, probes and lifecycle hooks.
    static let coreContainer: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Container",
            "A container in a pod.",
            fields: [
                .init("name", .str, "Name of the container, a DNS label unique within the pod.", required: true),
                .init("image", .str, "Container image reference."),
                .init(
                    "command", .strings,
                    "Entrypoint array, replacing the image's ENTRYPOINT; $(VAR) references are expanded."),
                .init(
                    "args", .strings,
                    "Arguments to the entrypoint, replacing the image's CMD; $(VAR) references are expanded."),
                .init("workingDir", .str, "Working directory; the image's default when empty."),
                .init(
                    "ports", .keyed(.core("ContainerPort"), "containerPort"),
                    "Ports the container exposes; informational, any listening port is reachable.")
                    .mapKeys("containerPort", "protocol"),
                .init("envFrom", .list(.core("EnvFromSource")), "Sources whose keys all become environment variables."),
                .init("env", .keyed(.core("EnvVar"), "name"), "Environment variables to set."),
                .init("resources", .core("ResourceRequirements"), "Compute resources requested and limited."),
                .init(
                    "resizePolicy", .list(.core("ContainerResizePolicy")),
                    "How each resource may be resized in place."),
                .init("restartPolicy", .str, "For init containers, Always makes it a sidecar."),
                .init(
                    "restartPolicyRules", .list(.core("ContainerRestartRule")),
                    "Rules choosing the restart action by exit code."),
                .init(
                    "volumeMounts", .keyed(.core("VolumeMount"), "mountPath"),
                    "Volumes to mount into the filesystem."),
                .init("volumeDevices", .keyed(.core("VolumeDevice"), "devicePath"), "Block devices to expose."),
                .init("livenessProbe", .core("Probe"), "Probe whose failure restarts the container."),
                .init("readinessProbe", .core("Probe"), "Probe whose failure removes the pod from service endpoints."),
                .init("startupProbe", .core("Probe"), "Probe that must succeed before the other probes run."),
                .init("lifecycle", .core("Lifecycle"), "Hooks run after start and before stop."),
                .init(
                    "terminationMessagePath", .str,
                    "File whose contents become the termination message; default /dev/termination-log."),
                .init("terminationMessagePolicy", .str, "File (default) or FallbackToLogsOnError."),
                .init("imagePullPolicy", .str, "Always, Never or IfNotPresent."),
                .init("securityContext", .core("SecurityContext"), "Security attributes of this container."),
                .init("stdin", .boolean, "Allocate a stdin buffer."),
                .init("stdinOnce", .boolean, "Close stdin after the first attach session ends."),
                .init("tty", .boolean, "Allocate a TTY."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EphemeralContainer",
            "A temporary container added to a running pod for debugging; it has no ports, probes or resources.",
            fields: [
                .init("name", .str, "Name of the container, unique among all containers of the pod.", required: true),
                .init("image", .str, "Container image reference."),
                .init("command", .strings, "Entrypoint array, replacing the image's ENTRYPOINT."),
                .init("args", .strings, "Arguments to the entrypoint, replacing the image's CMD."),
                .init("workingDir", .str, "Working directory."),
                .init(
                    "ports", .keyed(.core("ContainerPort"), "containerPort"),
                    "Not allowed for ephemeral containers.")
                    .mapKeys("containerPort", "protocol"),
                .init("envFrom", .list(.core("EnvFromSource")), "Sources whose keys all become environment variables."),
                .init("env", .keyed(.core("EnvVar"), "name"), "Environment variables to set."),
                .init("resources", .core("ResourceRequirements"), "Not allowed for ephemeral containers."),
                .init("resizePolicy", .list(.core("ContainerResizePolicy")), "Not allowed for ephemeral containers."),
                .init("restartPolicy", .str, "Not allowed for ephemeral containers."),
                .init(
                    "restartPolicyRules", .list(.core("ContainerRestartRule")),
                    "Not allowed for ephemeral containers."),
                .init(
                    "volumeMounts", .keyed(.core("VolumeMount"), "mountPath"),
                    "Volumes to mount into the filesystem."),
                .init("volumeDevices", .keyed(.core("VolumeDevice"), "devicePath"), "Block devices to expose."),
                .init("livenessProbe", .core("Probe"), "Not allowed for ephemeral containers."),
                .init("readinessProbe", .core("Probe"), "Not allowed for ephemeral containers."),
                .init("startupProbe", .core("Probe"), "Not allowed for ephemeral containers."),
                .init("lifecycle", .core("Lifecycle"), "Not allowed for ephemeral containers."),
                .init("terminationMessagePath", .str, "File whose contents become the termination message."),
                .init("terminationMessagePolicy", .str, "File or FallbackToLogsOnError."),
                .init("imagePullPolicy", .str, "Always, Never or IfNotPresent."),
                .init("securityContext", .core("SecurityContext"), "Security attributes of this container."),
                .init("stdin", .boolean, "Allocate a stdin buffer."),
                .init("stdinOnce", .boolean, "Close stdin after the first attach session ends."),
                .init("tty", .boolean, "Allocate a TTY."),
                .init("targetContainerName", .str, "Container whose namespaces (process, IPC) this one joins."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerPort",
            "A network port of a container.",
            fields: [
                .init("name", .str, "IANA_SVC_NAME name of the port, unique in the pod; Services can refer to it."),
                .init("hostPort", .int32, "Port to open on the node; rarely needed."),
                .init("containerPort", .int32, "Port number on the pod's IP.", required: true),
                .init("protocol", .str, "TCP (default), UDP or SCTP."),
                .init("hostIP", .str, "Host IP to bind hostPort to."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EnvVar",
            "An environment variable.",
            fields: [
                .init("name", .str, "Variable name.", required: true),
                .init("value", .str, "Value; $(VAR) references to earlier variables are expanded."),
                .init("valueFrom", .core("EnvVarSource"), "Source of the value, when value is empty."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EnvVarSource",
            "Where an environment variable's value comes from.",
            fields: [
                .init(
                    "fieldRef", .core("ObjectFieldSelector"),
                    "A field of the pod, e.g. metadata.name or status.podIP."),
                .init("resourceFieldRef", .core("ResourceFieldSelector"), "A resource limit or request of a container."),
                .init("configMapKeyRef", .core("ConfigMapKeySelector"), "A key of a ConfigMap."),
                .init("secretKeyRef", .core("SecretKeySelector"), "A key of a Secret."),
                .init("fileKeyRef", .core("FileKeySelector"), "A key in an env-style file in a volume."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ConfigMapKeySelector",
            "A key of a ConfigMap.",
            fields: [
                .init("name", .str, "Name of the ConfigMap."),
                .init("key", .str, "The key.", required: true),
                .init("optional", .boolean, "Whether the ConfigMap or key may be missing."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.SecretKeySelector",
            "A key of a Secret.",
            fields: [
                .init("name", .str, "Name of the Secret."),
                .init("key", .str, "The key.", required: true),
                .init("optional", .boolean, "Whether the Secret or key may be missing."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.FileKeySelector",
            "A key in an env-style file in a volume.",
            fields: [
                .init("volumeName", .str, "Volume holding the file.", required: true),
                .init("path", .str, "Path of the file within the volume.", required: true),
                .init("key", .str, "The key.", required: true),
                .init("optional", .boolean, "Whether the file or key may be missing."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.ObjectFieldSelector",
            "A field of an object.",
            fields: [
                .init("apiVersion", .str, "Version of the schema fieldPath is written in; default v1."),
                .init("fieldPath", .str, "Path of the field.", required: true),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.ResourceFieldSelector",
            "A resource of a container.",
            fields: [
                .init("containerName", .str, "The container; required for volumes."),
                .init("resource", .str, "Resource, e.g. limits.cpu or requests.memory.", required: true),
                .init("divisor", .quantity, "Unit the value is expressed in; default 1."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.EnvFromSource",
            "A set of environment variables from a ConfigMap or Secret.",
            fields: [
                .init("prefix", .str, "Prefix added to every key."),
                .init("configMapRef", .core("ConfigMapEnvSource"), "The ConfigMap."),
                .init("secretRef", .core("SecretEnvSource"), "The Secret."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ConfigMapEnvSource",
            "A ConfigMap whose keys become environment variables.",
            fields: [
                .init("name", .str, "Name of the ConfigMap."),
                .init("optional", .boolean, "Whether the ConfigMap may be missing."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SecretEnvSource",
            "A Secret whose keys become environment variables.",
            fields: [
                .init("name", .str, "Name of the Secret."),
                .init("optional", .boolean, "Whether the Secret may be missing."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ResourceRequirements",
            "Compute resources requested and limited.",
            fields: [
                .init("limits", .resourceList, "Most of each resource the container may use."),
                .init("requests", .resourceList, "Least of each resource the container needs; defaults to limits."),
                .init(
                    "claims", .list(.core("ResourceClaim")),
                    "Dynamic resource claims of the pod this container uses.")
                    .apply(.map(key: "name")),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ResourceClaim",
            "A pod resource claim a container uses.",
            fields: [
                .init("name", .str, "Name of an entry in the pod's resourceClaims.", required: true),
                .init("request", .str, "A request within the claim; the whole claim when empty."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerResizePolicy",
            "How a resource is resized in place.",
            fields: [
                .init("resourceName", .str, "The resource, e.g. cpu.", required: true),
                .init("restartPolicy", .str, "NotRequired or RestartContainer.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerRestartRule",
            "A restart decision for matching exits.",
            fields: [
                .init("action", .str, "What to do on a match: Restart.", required: true),
                .init("exitCodes", .core("ContainerRestartRuleOnExitCodes"), "The exit codes that match."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes",
            "Exit codes a restart rule matches.",
            fields: [
                .init("operator", .str, "In or NotIn.", required: true),
                .init("values", .list(.int32), "The exit codes.").apply(.set),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.VolumeMount",
            "A volume mounted into a container.",
            fields: [
                .init("name", .str, "Name of the pod volume.", required: true),
                .init("readOnly", .boolean, "Mount read-only."),
                .init("recursiveReadOnly", .str, "Disabled, IfPossible or Enabled: make submounts read-only too."),
                .init("mountPath", .str, "Path inside the container; must not contain ':'.", required: true),
                .init("subPath", .str, "Path within the volume to mount instead of its root."),
                .init("mountPropagation", .str, "None, HostToContainer or Bidirectional."),
                .init("subPathExpr", .str, "Like subPath, with $(VAR) references expanded."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.VolumeDevice",
            "A raw block volume exposed to a container.",
            fields: [
                .init("name", .str, "Name of the pod's PersistentVolumeClaim volume.", required: true),
                .init("devicePath", .str, "Path of the device inside the container.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Probe",
            "A health check run by the kubelet.",
            fields: [
                .init("exec", .core("ExecAction"), "Run a command; exit 0 is success."),
                .init("httpGet", .core("HTTPGetAction"), "An HTTP GET; 2xx or 3xx is success."),
                .init("tcpSocket", .core("TCPSocketAction"), "A TCP connection; connecting is success."),
                .init("grpc", .core("GRPCAction"), "A gRPC health check."),
                .init("initialDelaySeconds", .int32, "Seconds after start before the first probe."),
                .init("timeoutSeconds", .int32, "Seconds before a probe times out; default 1."),
                .init("periodSeconds", .int32, "Seconds between probes; default 10."),
                .init("successThreshold", .int32, "Consecutive successes needed after a failure; default 1."),
                .init("failureThreshold", .int32, "Consecutive failures before giving up; default 3."),
                .init(
                    "terminationGracePeriodSeconds", .int64,
                    "Grace period used when a failed probe kills the container."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ExecAction",
            "A command run in the container.",
            fields: [
                .init("command", .strings, "Command line, run without a shell."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.HTTPGetAction",
            "An HTTP GET request.",
            fields: [
                .init("path", .str, "Path to request."),
                .init("port", .intOrString, "Port number or name.", required: true),
                .init("host", .str, "Host to connect to; the pod IP by default."),
                .init("scheme", .str, "HTTP (default) or HTTPS."),
                .init("httpHeaders", .list(.core("HTTPHeader")), "Extra request headers."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.HTTPHeader",
            "An HTTP header.",
            fields: [
                .init("name", .str, "Header name.", required: true),
                .init("value", .str, "Header value.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.TCPSocketAction",
            "A TCP connection attempt.",
            fields: [
                .init("port", .intOrString, "Port number or name.", required: true),
                .init("host", .str, "Host to connect to; the pod IP by default."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.GRPCAction",
            "A gRPC health check request.",
            fields: [
                .init("port", .int32, "Port number.", required: true),
                .init("service", .str, "Service name sent in the request."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.Lifecycle",
            "Hooks the kubelet runs around a container's life.",
            fields: [
                .init(
                    "postStart", .core("LifecycleHandler"),
                    "Runs right after the container starts; failure restarts it."),
                .init("preStop", .core("LifecycleHandler"), "Runs before the container is stopped."),
                .init("stopSignal", .str, "Signal used to stop the container."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.LifecycleHandler",
            "The action of a lifecycle hook.",
            fields: [
                .init("exec", .core("ExecAction"), "Run a command."),
                .init("httpGet", .core("HTTPGetAction"), "Send an HTTP GET."),
                .init("tcpSocket", .core("TCPSocketAction"), "Deprecated; accepted but not run."),
                .init("sleep", .core("SleepAction"), "Sleep for a while."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.SleepAction",
            "A pause.",
            fields: [
                .init("seconds", .int64, "Seconds to sleep.", required: true),
            ]),
    ]
}
