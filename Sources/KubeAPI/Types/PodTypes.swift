/// core/v1 Pod: a group of containers scheduled together onto one node.
public struct Pod: KubeObject, Hashable {
    /// The API version of every Pod: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Pod`.
    public static let kind = "Pod"
    /// The plural resource name in URLs: `pods`.
    public static let resource = "pods"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Pod` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired behaviour of the pod.
    public var spec: PodSpec?
    /// Most recently observed state; written by the kubelet and the scheduler.
    public var status: PodStatus?

    /// Creates a `Pod`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Pod.apiVersion, kind: String? = Pod.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: PodSpec? = nil, status: PodStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// core/v1 PodTemplateSpec: the pod a workload controller creates.
public struct PodTemplateSpec: Codable, Sendable, Hashable {
    /// Labels and annotations given to created pods.
    public var metadata: ObjectMeta?
    /// Spec of created pods.
    public var spec: PodSpec?

    /// Creates a `PodTemplateSpec`; every field defaults to absent.
    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// core/v1 PodStatus: where a pod runs and how its containers are doing.
public struct PodStatus: Codable, Sendable, Hashable {
    /// The pod generation this status reflects.
    public var observedGeneration: Int?
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    /// `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`, ...
    public var conditions: [PodCondition]?
    /// Human-readable reason the pod is in its condition.
    public var message: String?
    /// Brief CamelCase reason, e.g. `Evicted`.
    public var reason: String?
    /// Node the scheduler nominated after preempting victims there.
    public var nominatedNodeName: String?
    /// Primary IP of the node the pod runs on.
    public var hostIP: String?
    /// All IPs of the node (dual-stack).
    public var hostIPs: [HostIP]?
    /// Primary IP of the pod.
    public var podIP: String?
    /// All IPs of the pod; the first equals `podIP`.
    public var podIPs: [PodIP]?
    /// RFC 3339 time the kubelet acknowledged the pod.
    public var startTime: String?
    /// Status of each init container.
    public var initContainerStatuses: [ContainerStatus]?
    /// Status of each app container.
    public var containerStatuses: [ContainerStatus]?
    /// Status of each ephemeral container.
    public var ephemeralContainerStatuses: [ContainerStatus]?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?

    /// Creates a `PodStatus`; every field defaults to absent.
    public init(
        observedGeneration: Int? = nil, phase: String? = nil, conditions: [PodCondition]? = nil,
        message: String? = nil, reason: String? = nil, nominatedNodeName: String? = nil, hostIP: String? = nil,
        hostIPs: [HostIP]? = nil, podIP: String? = nil, podIPs: [PodIP]? = nil, startTime: String? = nil,
        initContainerStatuses: [ContainerStatus]? = nil, containerStatuses: [ContainerStatus]? = nil,
        ephemeralContainerStatuses: [ContainerStatus]? = nil, qosClass: String? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
        self.qosClass = qosClass
    }
}

/// core/v1 PodIP: one IP address of a pod.
public struct PodIP: Codable, Sendable, Hashable {
    /// The address.
    public var ip: String

    /// Creates a `PodIP` from its required fields; every optional field defaults to absent.
    public init(ip: String) {
        self.ip = ip
    }
}

/// core/v1 HostIP: one IP address of a pod's node.
public struct HostIP: Codable, Sendable, Hashable {
    /// The address.
    public var ip: String

    /// Creates a `HostIP` from its required fields; every optional field defaults to absent.
    public init(ip: String) {
        self.ip = ip
    }
}

/// core/v1 ContainerStatus: the observed state of one container.
public struct ContainerStatus: Codable, Sendable, Hashable {
    /// Container name from the spec.
    public var name: String
    /// Current state.
    public var state: ContainerState?
    /// State of the previous run, for restarted containers.
    public var lastState: ContainerState?
    /// Whether the readiness probe passes.
    public var ready: Bool?
    /// Number of restarts.
    public var restartCount: Int?
    /// Image the container runs.
    public var image: String?
    /// Image ID (digest) the container runs.
    public var imageID: String?
    /// `<runtime>://<id>`.
    public var containerID: String?
    /// Whether the startup probe passed (or the container started, without one).
    public var started: Bool?
    /// Resources allocated to the container.
    public var allocatedResources: [String: Quantity]?
    /// Resources actually configured on the running container.
    public var resources: ResourceRequirements?

    /// Creates a `ContainerStatus` from its required fields; every optional field defaults to absent.
    public init(
        name: String, state: ContainerState? = nil, lastState: ContainerState? = nil, ready: Bool? = nil,
        restartCount: Int? = nil, image: String? = nil, imageID: String? = nil, containerID: String? = nil,
        started: Bool? = nil, allocatedResources: [String: Quantity]? = nil, resources: ResourceRequirements? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
        self.allocatedResources = allocatedResources
        self.resources = resources
    }
}

/// core/v1 ContainerState: exactly one of `waiting`, `running` or `terminated` is set.
public struct ContainerState: Codable, Sendable, Hashable {
    /// Not yet running.
    public var waiting: ContainerStateWaiting?
    /// Running.
    public var running: ContainerStateRunning?
    /// Finished.
    public var terminated: ContainerStateTerminated?

    /// Creates a `ContainerState`; every field defaults to absent.
    public init(
        waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// core/v1 ContainerStateWaiting: why a container is not running yet.
public struct ContainerStateWaiting: Codable, Sendable, Hashable {
    /// e.g. `ContainerCreating`, `ImagePullBackOff`, `CrashLoopBackOff`.
    public var reason: String?
    /// Details.
    public var message: String?

    /// Creates a `ContainerStateWaiting`; every field defaults to absent.
    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// core/v1 ContainerStateRunning: a running container.
public struct ContainerStateRunning: Codable, Sendable, Hashable {
    /// RFC 3339 time the container (last) started.
    public var startedAt: String?

    /// Creates a `ContainerStateRunning`; every field defaults to absent.
    public init(startedAt: String? = nil) {
        self.startedAt = startedAt
    }
}

/// core/v1 ContainerStateTerminated: a finished container.
public struct ContainerStateTerminated: Codable, Sendable, Hashable {
    /// Exit status of the last run.
    public var exitCode: Int
    /// Signal that stopped it, if any.
    public var signal: Int?
    /// e.g. `Completed`, `Error`, `OOMKilled`.
    public var reason: String?
    /// Details.
    public var message: String?
    /// RFC 3339 start time.
    public var startedAt: String?
    /// RFC 3339 finish time.
    public var finishedAt: String?
    /// `<runtime>://<id>`.
    public var containerID: String?

    /// Creates a `ContainerStateTerminated` from its required fields; every optional field defaults to absent.
    public init(
        exitCode: Int, signal: Int? = nil, reason: String? = nil, message: String? = nil, startedAt: String? = nil,
        finishedAt: String? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}
