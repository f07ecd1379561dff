/// core/v1 Container: one container of a pod (also used for init containers).
public struct Container: Codable, Sendable, Hashable {
    /// DNS label unique within the pod.
    public var name: String
    /// Image reference.
    public var image: String?
    /// Entrypoint; replaces the image's ENTRYPOINT.
    public var command: [String]?
    /// Arguments; replace the image's CMD.
    public var args: [String]?
    /// Working directory.
    public var workingDir: String?
    /// Ports the container exposes (informational, plus hostPort).
    public var ports: [ContainerPort]?
    /// Sources of environment variables, expanded before `env`.
    public var envFrom: [EnvFromSource]?
    /// Environment variables.
    public var env: [EnvVar]?
    /// Compute resource requests and limits.
    public var resources: ResourceRequirements?
    /// `Always` on an init container makes it a sidecar.
    public var restartPolicy: String?
    /// Volumes mounted into the container.
    public var volumeMounts: [VolumeMount]?
    /// Restart the container when this fails.
    public var livenessProbe: Probe?
    /// Remove the pod from endpoints when this fails.
    public var readinessProbe: Probe?
    /// Hold the other probes until this succeeds.
    public var startupProbe: Probe?
    /// Hooks run after start and before stop.
    public var lifecycle: Lifecycle?
    /// File whose contents become the termination message.
    public var terminationMessagePath: String?
    /// `File` (default) or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    /// Security attributes of the container.
    public var securityContext: SecurityContext?
    /// Allocate a stdin buffer.
    public var stdin: Bool?
    /// Close stdin after the first attach ends.
    public var stdinOnce: Bool?
    /// Allocate a TTY.
    public var tty: Bool?

    /// Creates a `Container` from its required fields; every optional field defaults to absent.
    public init(
        name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, ports: [ContainerPort]? = nil, envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil, resources: ResourceRequirements? = nil, restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil, livenessProbe: Probe? = nil, readinessProbe: Probe? = nil,
        startupProbe: Probe? = nil, lifecycle: Lifecycle? = nil, terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil, imagePullPolicy: String? = nil,
        securityContext: SecurityContext? = nil, stdin: Bool? = nil, stdinOnce: Bool? = nil, tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }
}

/// core/v1 ContainerPort: a network port of a container.
public struct ContainerPort: Codable, Sendable, Hashable {
    /// IANA service name, unique within the pod; targetable by Services.
    public var name: String?
    /// Port exposed on the node.
    public var hostPort: Int?
    /// Port number in the pod's network namespace.
    public var containerPort: Int
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// Node IP to bind `hostPort` to.
    public var hostIP: String?

    /// Creates a `ContainerPort` from its required fields; every optional field defaults to absent.
    public init(
        name: String? = nil, hostPort: Int? = nil, containerPort: Int, `protocol`: String? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostIP = hostIP
    }
}

/// core/v1 EnvVar: one environment variable, given literally or read from a source.
public struct EnvVar: Codable, Sendable, Hashable {
    /// Variable name.
    public var name: String
    /// Literal value; `$(VAR)` references are expanded.
    public var value: String?
    /// Where to read the value from.
    public var valueFrom: EnvVarSource?

    /// Creates an `EnvVar` from its required fields; every optional field defaults to absent.
    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// core/v1 EnvVarSource: exactly one source of an environment variable's value.
public struct EnvVarSource: Codable, Sendable, Hashable {
    /// A field of the pod.
    public var fieldRef: ObjectFieldSelector?
    /// A resource limit or request of a container.
    public var resourceFieldRef: ResourceFieldSelector?
    /// A key of a ConfigMap.
    public var configMapKeyRef: ConfigMapKeySelector?
    /// A key of a Secret.
    public var secretKeyRef: SecretKeySelector?

    /// Creates an `EnvVarSource`; every field defaults to absent.
    public init(
        fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil, secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// core/v1 ObjectFieldSelector: a field of the pod, e.g. `metadata.name` or `status.podIP`.
public struct ObjectFieldSelector: Codable, Sendable, Hashable {
    /// Schema version the path is written in; default `v1`.
    public var apiVersion: String?
    /// The field path.
    public var fieldPath: String

    /// Creates an `ObjectFieldSelector` from its required fields; every optional field defaults to absent.
    public init(apiVersion: String? = nil, fieldPath: String) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }
}

/// core/v1 ResourceFieldSelector: a container's resource limit or request, e.g. `limits.cpu`.
public struct ResourceFieldSelector: Codable, Sendable, Hashable {
    /// Container whose resources are read; required for volumes.
    public var containerName: String?
    /// `limits.cpu`, `requests.memory`, ...
    public var resource: String
    /// Unit the value is expressed in; default 1.
    public var divisor: Quantity?

    /// Creates a `ResourceFieldSelector` from its required fields; every optional field defaults to absent.
    public init(containerName: String? = nil, resource: String, divisor: Quantity? = nil) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }
}

/// core/v1 ConfigMapKeySelector: one key of a ConfigMap in the pod's namespace.
public struct ConfigMapKeySelector: Codable, Sendable, Hashable {
    /// ConfigMap name.
    public var name: String?
    /// The key.
    public var key: String
    /// Tolerate a missing ConfigMap or key.
    public var optional: Bool?

    /// Creates a `ConfigMapKeySelector` from its required fields; every optional field defaults to absent.
    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// core/v1 SecretKeySelector: one key of a Secret in the pod's namespace.
public struct SecretKeySelector: Codable, Sendable, Hashable {
    /// Secret name.
    public var name: String?
    /// The key.
    public var key: String
    /// Tolerate a missing Secret or key.
    public var optional: Bool?

    /// Creates a `SecretKeySelector` from its required fields; every optional field defaults to absent.
    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// core/v1 EnvFromSource: every key of a ConfigMap or Secret as environment variables.
public struct EnvFromSource: Codable, Sendable, Hashable {
    /// Prepended to each key.
    public var prefix: String?
    /// The ConfigMap.
    public var configMapRef: ConfigMapEnvSource?
    /// The Secret.
    public var secretRef: SecretEnvSource?

    /// Creates an `EnvFromSource`; every field defaults to absent.
    public init(prefix: String? = nil, configMapRef: ConfigMapEnvSource? = nil, secretRef: SecretEnvSource? = nil) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// core/v1 ConfigMapEnvSource: a ConfigMap whose keys become environment variables.
public struct ConfigMapEnvSource: Codable, Sendable, Hashable {
    /// ConfigMap name.
    public var name: String?
    /// Tolerate a missing ConfigMap.
    public var optional: Bool?

    /// Creates a `ConfigMapEnvSource`; every field defaults to absent.
    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// core/v1 SecretEnvSource: a Secret whose keys become environment variables.
public struct SecretEnvSource: Codable, Sendable, Hashable {
    /// Secret name.
    public var name: String?
    /// Tolerate a missing Secret.
    public var optional: Bool?

    /// Creates a `SecretEnvSource`; every field defaults to absent.
    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// core/v1 ResourceRequirements: compute resources keyed by resource name (`cpu`, `memory`,
/// `ephemeral-storage`, extended resources). Requests default to limits when only limits are given.
public struct ResourceRequirements: Codable, Sendable, Hashable {
    /// Most the container may use.
    public var limits: [String: Quantity]?
    /// Amount reserved for scheduling.
    public var requests: [String: Quantity]?
    /// Dynamic resource claims used by the container.
    public var claims: [ResourceClaim]?

    /// Creates a `ResourceRequirements`; every field defaults to absent.
    public init(
        limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil, claims: [ResourceClaim]? = nil
    ) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }
}

/// core/v1 ResourceClaim: a reference to one of the pod's resource claims.
public struct ResourceClaim: Codable, Sendable, Hashable {
    /// Name of an entry in the pod's `resourceClaims`.
    public var name: String
    /// A request within that claim.
    public var request: String?

    /// Creates a `ResourceClaim` from its required fields; every optional field defaults to absent.
    public init(name: String, request: String? = nil) {
        self.name = name
        self.request = request
    }
}

/// core/v1 VolumeMount: a pod volume mounted into a container.
public struct VolumeMount: Codable, Sendable, Hashable {
    /// Name of a pod volume.
    public var name: String
    /// Mount read-only.
    public var readOnly: Bool?
    /// Path in the container.
    public var mountPath: String
    /// Path within the volume to mount instead of its root.
    public var subPath: String?
    /// `None` (default), `HostToContainer` or `Bidirectional`.
    public var mountPropagation: String?
    /// Like `subPath`, with `$(VAR)` expansion.
    public var subPathExpr: String?

    /// Creates a `VolumeMount` from its required fields; every optional field defaults to absent.
    public init(
        name: String, readOnly: Bool? = nil, mountPath: String, subPath: String? = nil,
        mountPropagation: String? = nil, subPathExpr: String? = nil
    ) {
        self.name = name
        self.readOnly = readOnly
        self.mountPath = mountPath
        self.subPath = subPath
        self.mountPropagation = mountPropagation
        self.subPathExpr = subPathExpr
    }
}

/// core/v1 SecurityContext: security attributes of one container (a subset is modelled); overrides
/// the pod's `PodSecurityContext`.
public struct SecurityContext: Codable, Sendable, Hashable {
    /// Capabilities to add and drop.
    public var capabilities: Capabilities?
    /// Run privileged.
    public var privileged: Bool?
    /// UID of the process.
    public var runAsUser: Int?
    /// GID of the process.
    public var runAsGroup: Int?
    /// Refuse to start as UID 0.
    public var runAsNonRoot: Bool?
    /// Mount the root filesystem read-only.
    public var readOnlyRootFilesystem: Bool?
    /// Whether `no_new_privs` is unset.
    public var allowPrivilegeEscalation: Bool?
    /// `Default` or `Unmasked`.
    public var procMount: String?
    /// Seccomp profile; overrides the pod's.
    public var seccompProfile: SeccompProfile?

    /// Creates a `SecurityContext`; every field defaults to absent.
    public init(
        capabilities: Capabilities? = nil, privileged: Bool? = nil, runAsUser: Int? = nil, runAsGroup: Int? = nil,
        runAsNonRoot: Bool? = nil, readOnlyRootFilesystem: Bool? = nil, allowPrivilegeEscalation: Bool? = nil,
        procMount: String? = nil, seccompProfile: SeccompProfile? = nil
    ) {
        self.capabilities = capabilities
        self.privileged = privileged
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.procMount = procMount
        self.seccompProfile = seccompProfile
    }
}

/// core/v1 Capabilities: POSIX capabilities to add and drop.
public struct Capabilities: Codable, Sendable, Hashable {
    /// Capabilities added, e.g. `NET_ADMIN`.
    public var add: [String]?
    /// Capabilities removed, e.g. `ALL`.
    public var drop: [String]?

    /// Creates a `Capabilities`; every field defaults to absent.
    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}
