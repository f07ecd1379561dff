import Foundation

/// How an in-memory container's process behaves once started.
public enum InMemoryProcess: Sendable, Hashable {
    /// Runs until stopped (then exits 137 after SIGKILL, 143 after SIGTERM).
    case runsUntilStopped
    /// Exits with `code` after `after` (zero: as soon as it starts).
    case exits(code: Int32, after: Duration)
    /// Cannot start: `startContainer` throws `.runContainer` with `message` and the container
    /// stays created.
    case failsToStart(message: String)
}

/// A `RuntimeService` that keeps sandboxes and containers in memory and runs no processes, for
/// tests of the kubelet. A container's process is simulated from its argv (see
/// `InMemoryRuntime.defaultBehaviour`), or by a behaviour the test gives. Shared between two
/// kubelets, it plays a runtime that outlives a kubelet restart.
public actor InMemoryRuntime: RuntimeService {
    /// Decides what a started container does.
    public typealias Behaviour = @Sendable (ContainerConfig) -> InMemoryProcess
    /// Answers an exec in a container: the container's config and the command.
    public typealias ExecHandler = @Sendable (ContainerConfig, [String]) -> ExecResult

    private var sandboxes: [String: PodSandboxStatus] = [:]
    private var containers: [String: ContainerStatus] = [:]
    private var nextID = 0
    private let behaviour: Behaviour
    private let execHandler: ExecHandler
    /// Every command run by `execSync`, with the container's name, in order.
    public private(set) var execLog: [(container: String, command: [String])] = []
    /// How many containers were ever created (a restart-adoption test counts duplicates by it).
    public private(set) var createdContainers = 0

    /// A runtime whose containers behave as `behaviour` says and whose execs answer as
    /// `execHandler` says (default: exit 0, no output).
    public init(
        behaviour: @escaping Behaviour = InMemoryRuntime.defaultBehaviour,
        execHandler: @escaping ExecHandler = { _, _ in ExecResult(exitCode: 0, stdout: [], stderr: []) }
    ) {
        self.behaviour = behaviour
        self.execHandler = execHandler
    }

    /// Reads the shell-like end of argv: `... exit N` exits N at once, `true`/`false` exit 0/1,
    /// a lone `sleep N` exits 0 after N seconds; anything else runs until stopped.
    public static let defaultBehaviour: Behaviour = { config in
        let words = config.argv.joined(separator: " ").split(separator: " ").map(String.init)
        if words.count >= 2, words[words.count - 2] == "exit", let code = Int32(words[words.count - 1]) {
            return .exits(code: code, after: .zero)
        }
        switch words.last {
        case "true": return .exits(code: 0, after: .zero)
        case "false": return .exits(code: 1, after: .zero)
        default: break
        }
        if words.count == 2, words[0].hasSuffix("sleep"), let seconds = Double(words[1]) {
            return .exits(code: 0, after: .milliseconds(Int(seconds * 1000)))
        }
        return .runsUntilStopped
    }

    private func makeID() -> String {
        nextID += 1
        var hex = String(nextID, radix: 16)
        hex = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        return "\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(52))\(hex)"
    }

    /// `inmemory://1.0.0`.
    public func version() async throws -> String { "inmemory://1.0.0" }

    /// Records a ready sandbox with a made-up namespace path.
    public func runPodSandbox(_ config: PodSandboxConfig) async throws -> String {
        let id = makeID()
        sandboxes[id] = PodSandboxStatus(
            id: id, config: config, state: .ready, createdAt: Date(), networkNamespacePath: "/var/run/netns/inmem-\(id.prefix(12))")
        return id
    }

    /// In-memory sandboxes have no namespaces: connects to `127.0.0.1:port` in the caller's own
    /// network namespace (so tests can forward to a listener they start).
    public func portForward(sandboxID: String, port: UInt16) async throws -> Int32 {
        guard sandboxes[sandboxID]?.state == .ready else { throw RuntimeError(.notFound, "sandbox \(sandboxID) not found or not ready") }
        return try NetworkNamespaceDialer.connect(namespacePath: "/proc/self/ns/net", port: port, namespace: sandboxID)
    }

    /// Kills its running containers (exit 137) and marks it not ready.
    public func stopPodSandbox(_ id: String) async throws {
        guard sandboxes[id] != nil else { throw RuntimeError(.notFound, "sandbox \(id) not found") }
        for (cid, c) in containers where c.sandboxID == id && c.state == .running { finish(cid, code: 137, reason: "Error") }
        sandboxes[id]?.state = .notReady
    }

    /// Forgets the sandbox and its containers.
    public func removePodSandbox(_ id: String) async throws {
        for (cid, c) in containers where c.sandboxID == id {
            if c.state == .running { finish(cid, code: 137, reason: "Error") }
            containers[cid] = nil
        }
        sandboxes[id] = nil
    }

    /// Every sandbox, oldest first.
    public func listPodSandboxes() async throws -> [PodSandboxStatus] {
        sandboxes.values.sorted { $0.createdAt < $1.createdAt }
    }

    /// Records a created container in a ready sandbox.
    public func createContainer(sandboxID: String, _ config: ContainerConfig) async throws -> String {
        guard sandboxes[sandboxID]?.state == .ready else {
            throw RuntimeError(.createContainer, "sandbox \(sandboxID) is not ready")
        }
        let id = makeID()
        createdContainers += 1
        containers[id] = ContainerStatus(id: id, sandboxID: sandboxID, config: config, state: .created, createdAt: Date())
        return id
    }

    /// Runs the container as its behaviour says.
    public func startContainer(_ id: String) async throws {
        guard let c = containers[id] else { throw RuntimeError(.notFound, "container \(id) not found") }
        guard c.state == .created else { throw RuntimeError(.runContainer, "container \(id) is \(c.state.rawValue)") }
        let process = behaviour(c.config)
        if case .failsToStart(let message) = process { throw RuntimeError(.runContainer, message) }
        containers[id]?.state = .running
        containers[id]?.startedAt = Date()
        switch process {
        case .runsUntilStopped, .failsToStart:
            break
        case .exits(let code, let after) where after == .zero:
            finish(id, code: code, reason: code == 0 ? "Completed" : "Error")
        case .exits(let code, let after):
            Task { [weak self] in
                try? await Task.sleep(for: after)
                await self?.exitIfRunning(id, code: code)
            }
        }
    }

    private func exitIfRunning(_ id: String, code: Int32) {
        guard containers[id]?.state == .running else { return }
        finish(id, code: code, reason: code == 0 ? "Completed" : "Error")
    }

    private func finish(_ id: String, code: Int32, reason: String) {
        containers[id]?.state = .exited
        containers[id]?.exitCode = code
        containers[id]?.reason = reason
        containers[id]?.finishedAt = Date()
    }

    /// Ends a running container at once: 143 with a grace period (SIGTERM), 137 without.
    public func stopContainer(_ id: String, gracePeriod: Duration) async throws {
        guard let c = containers[id] else { throw RuntimeError(.notFound, "container \(id) not found") }
        if c.state == .running { finish(id, code: gracePeriod > .zero ? 143 : 137, reason: "Error") }
        if c.state == .created { finish(id, code: 0, reason: "Completed") }
    }

    /// Forgets the container.
    public func removeContainer(_ id: String) async throws {
        containers[id] = nil
    }

    /// Creates the running container's (empty) log file if it is missing, as a reopening writer
    /// would (nothing writes to it).
    public func reopenContainerLog(_ id: String) async throws {
        guard let c = containers[id] else { throw RuntimeError(.notFound, "container \(id) not found") }
        guard c.state == .running else { throw RuntimeError(.other, "container \(id) is not running") }
        let path = c.config.logPath
        if !path.isEmpty && !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
    }

    /// Every container, oldest first.
    public func listContainers() async throws -> [ContainerStatus] {
        containers.values.sorted { $0.createdAt < $1.createdAt }
    }

    /// The container's status; `.notFound` for an unknown id.
    public func containerStatus(_ id: String) async throws -> ContainerStatus {
        guard let c = containers[id] else { throw RuntimeError(.notFound, "container \(id) not found") }
        return c
    }

    /// Logs the command and answers with the exec handler, in a running container.
    public func execSync(_ id: String, command: [String], timeout: Duration) async throws -> ExecResult {
        guard let c = containers[id] else { throw RuntimeError(.notFound, "container \(id) not found") }
        guard c.state == .running else { throw RuntimeError(.command, "container \(id) is not running") }
        execLog.append((c.config.name, command))
        return execHandler(c.config, command)
    }

    /// An exec session whose output is the exec handler's answer.
    public func exec(_ id: String, command: [String], tty: Bool, stdin: Bool) async throws -> any ExecSession {
        let result = try await execSync(id, command: command, timeout: .seconds(60))
        return InMemoryExecSession(result: result)
    }

    /// Makes a running container exit now with `code` (a crash, an OOM kill with reason `OOMKilled`).
    public func exit(_ id: String, code: Int32, reason: String? = nil) {
        guard containers[id]?.state == .running else { return }
        finish(id, code: code, reason: reason ?? (code == 0 ? "Completed" : "Error"))
    }
}

/// The session of an in-memory exec: its whole output at once, then its exit code.
struct InMemoryExecSession: ExecSession {
    let output: AsyncStream<ExecOutput>
    let exitCode: Int32

    init(result: ExecResult) {
        exitCode = result.exitCode
        output = AsyncStream { continuation in
            if !result.stdout.isEmpty { continuation.yield(.stdout(result.stdout)) }
            if !result.stderr.isEmpty { continuation.yield(.stderr(result.stderr)) }
            continuation.finish()
        }
    }

    func write(_ bytes: [UInt8]) async throws {}
    func closeStdin() async {}
    func resize(width: UInt16, height: UInt16) async {}
    func wait() async -> Int32 { exitCode }
    func cancel() async {}
}
