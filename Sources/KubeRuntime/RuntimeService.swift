import Foundation

/// The runtime side of the CRI, shaped like Kubernetes' RuntimeService: pod sandboxes (the
/// namespaces a pod's containers share) and the containers in them. Everything a runtime returns
/// is read back from its own on-disk state, so a restarted kubelet adopts what is running.
public protocol RuntimeService: Sendable {
    /// Creates a sandbox: fresh network, IPC and UTS namespaces (hostname set to
    /// `config.hostname`), and returns its id. The kubelet sets up the pod network in
    /// `status.networkNamespacePath` afterwards.
    func runPodSandbox(_ config: PodSandboxConfig) async throws -> String

    /// Stops every container of the sandbox (SIGKILL) and marks it not ready; keeps its record.
    func stopPodSandbox(_ id: String) async throws

    /// Removes a stopped sandbox, its containers and its namespaces. Removing an absent sandbox
    /// succeeds.
    func removePodSandbox(_ id: String) async throws

    /// The sandboxes this runtime knows, ready or not.
    func listPodSandboxes() async throws -> [PodSandboxStatus]

    /// The sandboxes whose labels include every pair in `labels` (CRI's label selector).
    func listPodSandboxes(labels: [String: String]) async throws -> [PodSandboxStatus]

    /// Creates (but does not start) a container in sandbox `sandboxID` and returns its id.
    /// Throws `.createContainer` when the bundle cannot be made.
    func createContainer(sandboxID: String, _ config: ContainerConfig) async throws -> String

    /// Starts a created container. Throws `.runContainer` when its process cannot start.
    func startContainer(_ id: String) async throws

    /// Sends SIGTERM, waits up to `gracePeriod`, then SIGKILL; returns once it has exited.
    func stopContainer(_ id: String, gracePeriod: Duration) async throws

    /// Removes an exited container's record and bundle (its log file stays). Removing an absent
    /// container succeeds.
    func removeContainer(_ id: String) async throws

    /// The containers this runtime knows, in every state.
    func listContainers() async throws -> [ContainerStatus]

    /// The containers whose labels include every pair in `labels` (CRI's label selector), in
    /// every state. The kubelet lists one pod's this way on each sync.
    func listContainers(labels: [String: String]) async throws -> [ContainerStatus]

    /// Makes a running container's log writer reopen `config.logPath` (CRI ReopenContainerLog),
    /// after the kubelet renamed the file to rotate it: returns once the new file exists. Output
    /// written until then is in the renamed file. Throws `.notFound` for an unknown container and
    /// `.other` when it is not running.
    func reopenContainerLog(_ id: String) async throws

    /// One container's current status. Throws `.notFound` for an unknown id.
    func containerStatus(_ id: String) async throws -> ContainerStatus

    /// Runs `command` in a running container and waits for it, at most `timeout` (then kills it
    /// and throws). Used by exec probes.
    func execSync(_ id: String, command: [String], timeout: Duration) async throws -> ExecResult

    /// Starts `command` in a running container with its stdio connected to the returned session
    /// (kubectl exec). With `tty`, output arrives on `stdout` only.
    func exec(_ id: String, command: [String], tty: Bool, stdin: Bool) async throws -> any ExecSession

    /// The runtime's name and version as a node reports it in `nodeInfo.containerRuntimeVersion`,
    /// e.g. `runc://1.1.5`.
    func version() async throws -> String

    /// Connects to `127.0.0.1:port` inside the sandbox's network namespace (kubectl
    /// port-forward) and returns the connected socket's file descriptor, which the caller owns
    /// and closes. Throws `.notFound` for an unknown or stopped sandbox and `.other` (message in
    /// containerd's words) when nothing accepts the connection.
    func portForward(sandboxID: String, port: UInt16) async throws -> Int32

    /// The disk taken by a container's writable layer (its changes to the image), for the
    /// Summary API's `rootfs`; nil when the runtime cannot say. Throws `.notFound` for an
    /// unknown container.
    func writableLayerUsage(_ id: String) async throws -> WritableLayerUsage?

    /// Attaches to a running container (kubectl attach): its output from now on, as it comes,
    /// until it stops (all on stdout for a container with a terminal); its stdin with `stdin`;
    /// and its terminal's size. Closing stdin or cancelling ends this attach's stdin, and the
    /// container's for good when it was created with `stdinOnce`; `wait` gives 0. Throws
    /// `.notFound` for an unknown or stopped container and `.other` for `stdin` asked of a
    /// container created without it.
    func attach(_ id: String, stdin: Bool) async throws -> any ExecSession
}

extension RuntimeService {
    /// A runtime that does not say reports `unknown://0.0.0`.
    public func version() async throws -> String { "unknown://0.0.0" }

    /// Filters the whole listing (runtimes that can select cheaper implement it themselves).
    public func listPodSandboxes(labels: [String: String]) async throws -> [PodSandboxStatus] {
        try await listPodSandboxes().filter { RuntimeLabelSelector.matches($0.config.labels, labels) }
    }

    /// Filters the whole listing (runtimes that can select cheaper implement it themselves).
    public func listContainers(labels: [String: String]) async throws -> [ContainerStatus] {
        try await listContainers().filter { RuntimeLabelSelector.matches($0.config.labels, labels) }
    }

    /// A runtime without log files cannot reopen them.
    public func reopenContainerLog(_ id: String) async throws {
        throw RuntimeError(.other, "reopening container logs is not supported by this runtime")
    }
}

/// CRI's label selector: every pair of the selector is among the labels.
public enum RuntimeLabelSelector {
    /// Whether `labels` include every pair of `selector` (an empty selector matches everything).
    public static func matches(_ labels: [String: String], _ selector: [String: String]) -> Bool {
        selector.allSatisfy { labels[$0.key] == $0.value }
    }
}

/// What a pod sandbox is made from.
public struct PodSandboxConfig: Sendable, Hashable, Codable {
    /// Pod name, namespace and uid, and the sandbox attempt (0 for the first).
    public var name: String
    public var namespace: String
    public var uid: String
    public var attempt: Int
    /// Hostname inside the pod (the pod name unless `spec.hostname` says otherwise).
    public var hostname: String
    /// `/var/log/pods/<namespace>_<name>_<uid>`: where the pod's container logs go.
    public var logDirectory: String
    /// Cgroup parent for the pod (e.g. `/skiff/besteffort/pod<uid>`), empty for the runtime's default.
    public var cgroupParent: String
    /// Labels and annotations the kubelet reads back (pod uid, name, ...).
    public var labels: [String: String]
    public var annotations: [String: String]

    /// A sandbox config with every field given.
    public init(
        name: String, namespace: String, uid: String, attempt: Int = 0, hostname: String, logDirectory: String,
        cgroupParent: String = "", labels: [String: String] = [:], annotations: [String: String] = [:]
    ) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.attempt = attempt
        self.hostname = hostname
        self.logDirectory = logDirectory
        self.cgroupParent = cgroupParent
        self.labels = labels
        self.annotations = annotations
    }
}

/// A sandbox as the runtime reports it.
public struct PodSandboxStatus: Sendable, Hashable, Codable {
    /// Whether its namespaces exist and it may hold running containers.
    public enum State: String, Sendable, Codable { case ready, notReady }

    public var id: String
    public var config: PodSandboxConfig
    public var state: State
    public var createdAt: Date
    /// Path of the network namespace (a bind-mounted nsfs file) to set the pod network up in.
    public var networkNamespacePath: String

    /// A sandbox status with every field given.
    public init(id: String, config: PodSandboxConfig, state: State, createdAt: Date, networkNamespacePath: String) {
        self.id = id
        self.config = config
        self.state = state
        self.createdAt = createdAt
        self.networkNamespacePath = networkNamespacePath
    }
}

/// What a container is made from: the pod spec merged with the image config by the kubelet.
public struct ContainerConfig: Sendable, Hashable, Codable {
    /// Container name and restart attempt (0 for the first run).
    public var name: String
    public var attempt: Int
    /// The image as the pod names it, and the stored image's id.
    public var image: String
    public var imageID: String
    /// Unpacked layer directories, base first (from `ImageService.layerPaths`).
    public var layerPaths: [String]
    /// The full argv (entrypoint/command and cmd/args already merged).
    public var argv: [String]
    /// Environment, in order, names unique.
    public var env: [EnvVar]
    /// Working directory ("/" when empty).
    public var workingDir: String
    /// User and group ids to run as (nil: the image's user, else root).
    public var user: UserID?
    /// Bind mounts of volumes.
    public var mounts: [Mount]
    /// The container's log file (CRI format), under the sandbox's log directory.
    public var logPath: String
    /// Keep stdin open / allocate a terminal (kubectl attach / run -it).
    public var stdin: Bool
    public var tty: Bool
    /// Close stdin once the first attach that wrote to it ends (nil: keep it open; optional so
    /// records written before it existed still decode).
    public var stdinOnce: Bool?
    /// Resources from requests and limits.
    public var resources: LinuxResources
    /// Labels and annotations the kubelet reads back (container name, hash, restart count, ...).
    public var labels: [String: String]
    public var annotations: [String: String]

    /// A container config; the fields not given take their empty values.
    public init(
        name: String, attempt: Int = 0, image: String, imageID: String, layerPaths: [String], argv: [String],
        env: [EnvVar] = [], workingDir: String = "", user: UserID? = nil, mounts: [Mount] = [], logPath: String,
        stdin: Bool = false, tty: Bool = false, resources: LinuxResources = LinuxResources(),
        labels: [String: String] = [:], annotations: [String: String] = [:], stdinOnce: Bool? = nil
    ) {
        self.name = name
        self.attempt = attempt
        self.image = image
        self.imageID = imageID
        self.layerPaths = layerPaths
        self.argv = argv
        self.env = env
        self.workingDir = workingDir
        self.user = user
        self.mounts = mounts
        self.logPath = logPath
        self.stdin = stdin
        self.tty = tty
        self.stdinOnce = stdinOnce
        self.resources = resources
        self.labels = labels
        self.annotations = annotations
    }
}

/// One environment variable.
public struct EnvVar: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    /// `name=value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Numeric user and group a container runs as.
public struct UserID: Sendable, Hashable, Codable {
    public var uid: UInt32
    public var gid: UInt32
    /// Runs as `uid`:`gid`.
    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }
}

/// A bind mount into the container.
public struct Mount: Sendable, Hashable, Codable {
    public var containerPath: String
    public var hostPath: String
    public var readOnly: Bool
    /// Mounts `hostPath` at `containerPath`.
    public init(containerPath: String, hostPath: String, readOnly: Bool = false) {
        self.containerPath = containerPath
        self.hostPath = hostPath
        self.readOnly = readOnly
    }
}

/// Cgroup settings from the container's requests and limits (Kubernetes' conversions: shares =
/// milliCPU*1024/1000 with a minimum of 2, quota = milliCPU*period/1000 with period 100000 µs).
public struct LinuxResources: Sendable, Hashable, Codable {
    public var cpuShares: UInt64?
    public var cpuQuota: Int64?
    public var cpuPeriod: UInt64?
    public var memoryLimitBytes: Int64?

    /// Resources with the given settings; nil leaves one unset.
    public init(cpuShares: UInt64? = nil, cpuQuota: Int64? = nil, cpuPeriod: UInt64? = nil, memoryLimitBytes: Int64? = nil) {
        self.cpuShares = cpuShares
        self.cpuQuota = cpuQuota
        self.cpuPeriod = cpuPeriod
        self.memoryLimitBytes = memoryLimitBytes
    }
}

/// A container as the runtime reports it.
public struct ContainerStatus: Sendable, Hashable, Codable {
    /// CRI's container states.
    public enum State: String, Sendable, Codable { case created, running, exited, unknown }

    public var id: String
    public var sandboxID: String
    public var config: ContainerConfig
    public var state: State
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Exit code once exited.
    public var exitCode: Int32?
    /// `OOMKilled`, `Error` or `Completed` once exited.
    public var reason: String?
    public var message: String?

    /// A container status with every field given.
    public init(
        id: String, sandboxID: String, config: ContainerConfig, state: State, createdAt: Date, startedAt: Date? = nil,
        finishedAt: Date? = nil, exitCode: Int32? = nil, reason: String? = nil, message: String? = nil
    ) {
        self.id = id
        self.sandboxID = sandboxID
        self.config = config
        self.state = state
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.reason = reason
        self.message = message
    }
}

/// What a finished exec printed and how it ended.
public struct ExecResult: Sendable, Hashable {
    public var exitCode: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// A result with every field given.
    public init(exitCode: Int32, stdout: [UInt8], stderr: [UInt8]) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// One chunk of an exec session's output.
public enum ExecOutput: Sendable, Hashable {
    case stdout([UInt8])
    case stderr([UInt8])
}

/// A running exec (kubectl exec): output as it comes, stdin, terminal size, and its exit code.
public protocol ExecSession: Sendable {
    /// Output until the process ends; finishes after the last chunk.
    var output: AsyncStream<ExecOutput> { get }
    /// Writes to the process's stdin (when opened with `stdin`).
    func write(_ bytes: [UInt8]) async throws
    /// Closes the process's stdin.
    func closeStdin() async
    /// Resizes the terminal (with `tty`); ignored otherwise.
    func resize(width: UInt16, height: UInt16) async
    /// Waits for the process and returns its exit code.
    func wait() async -> Int32
    /// Kills the process (the client went away).
    func cancel() async
}

extension ExecSession {
    /// Waits for the process and returns its exit code; when the waiting task is cancelled
    /// (the kubelet stops), kills the process first, so that the wait ends.
    public func waitKillingOnCancel() async -> Int32 {
        await withTaskCancellationHandler {
            await wait()
        } onCancel: {
            Task { await cancel() }
        }
    }
}
