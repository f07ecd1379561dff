import Foundation

/// Where the runc runtime keeps its state: records and bundles under `root`, namespace files under
/// `namespaceRoot` (as the namespace holder sees it), runc's own state under `root/runc`.
struct RuncLayout: Sendable {
    /// The state directory (a tmpfs for the agent).
    let root: String
    /// The namespace folder as any process reaches the holder's files (`/proc/<pid>/fd/<fd>`).
    let namespaceRoot: String
    /// Where containers' writable layers live (on disk).
    let writableRoot: String

    var runcRoot: String { root + "/runc" }
    var sandboxesDir: String { root + "/sandboxes" }
    var containersDir: String { root + "/containers" }

    func sandboxDir(_ id: String) -> String { "\(sandboxesDir)/\(id)" }
    func sandboxRecord(_ id: String) -> String { sandboxDir(id) + "/sandbox.json" }
    /// The sandbox's /dev/shm (a tmpfs every container of the pod binds).
    func sandboxShm(_ id: String) -> String { sandboxDir(id) + "/shm" }
    func namespaceDir(_ id: String) -> String { "\(namespaceRoot)/\(id)" }
    func networkNamespace(_ id: String) -> String { namespaceDir(id) + "/net" }

    func containerDir(_ id: String) -> String { "\(containersDir)/\(id)" }
    func containerRecord(_ id: String) -> String { containerDir(id) + "/container.json" }
    func bundle(_ id: String) -> String { containerDir(id) + "/bundle" }
    func rootfs(_ id: String) -> String { containerDir(id) + "/rootfs" }
    /// The container's writable layer: overlayfs' `upper` and `work` directories.
    func writableDir(_ id: String) -> String { "\(writableRoot)/\(id)" }
    func exitFile(_ id: String) -> String { containerDir(id) + "/exit" }
    func pidFile(_ id: String) -> String { containerDir(id) + "/init.pid" }
    /// The container's init and shim processes (`ContainerProcesses`).
    func processesFile(_ id: String) -> String { containerDir(id) + "/processes.json" }
    /// The shim's attach socket: the container's output as it comes (kubectl attach).
    func attachSocket(_ id: String) -> String { containerDir(id) + "/attach" }
    /// Where runc sends a tty container's terminal to its shim (while it is created).
    func consoleSocket(_ id: String) -> String { containerDir(id) + "/console" }
    /// runc's exec fifo: present while the container is created but not started.
    func execFifo(_ id: String) -> String { "\(runcRoot)/\(id)/exec.fifo" }
}

/// A sandbox as recorded on disk (`sandbox.json`).
struct SandboxRecord: Codable, Sendable {
    var id: String, config: PodSandboxConfig
    var createdAt: Date
    /// False once stopped (or while being made).
    var ready: Bool
}

/// A container as recorded on disk (`container.json`).
struct ContainerRecord: Codable, Sendable {
    var id, sandboxID: String
    var config: ContainerConfig
    /// When it was created, and when `runc start` returned.
    var createdAt: Date, startedAt: Date?
    /// The cgroup path given to runc (relative to each hierarchy's root).
    var cgroupsPath: String
}

/// A container's init and shim processes, with their start times so that a pid reused (after a
/// reboot, or a long time) is not taken for them.
struct ContainerProcesses: Codable, Sendable {
    var initPID, shimPID: Int32
    var initStart, shimStart: UInt64

    /// Records `initPID` and `shimPID` as they are now.
    init(initPID: Int32, shimPID: Int32) {
        self.initPID = initPID
        self.shimPID = shimPID
        initStart = RuncHost.startTime(initPID) ?? 0
        shimStart = RuncHost.startTime(shimPID) ?? 0
    }

    var initAlive: Bool { initStart != 0 && RuncHost.startTime(initPID) == initStart }
    var shimAlive: Bool { shimStart != 0 && RuncHost.startTime(shimPID) == shimStart }
}

/// What the shim writes when the container's init has been reaped (`exit`).
struct ExitRecord: Codable, Sendable {
    var exitCode, signal: Int32
    var oomKilled: Bool
    var finishedAtNanos: Int64

    var finishedAt: Date { Date(timeIntervalSince1970: Double(finishedAtNanos) / 1e9) }
    /// Kubernetes' reason for a terminated container.
    var reason: String { oomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error" }
}

/// Reading and writing the JSON records, atomically.
enum RuncRecords {
    /// A random 64-hex-digit id, as containerd's.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Writes `value` as JSON to `path` (temp file + rename).
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        let data = try JSONEncoder().encode(value)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads the JSON record at `path`; nil when there is none (or it is unreadable).
    static func read<T: Decodable>(_ type: T.Type, from path: String) -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    /// The entry names of a directory (empty when it does not exist).
    static func ids(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }
    }

    /// The first integer in a file (pid files), or nil.
    static func readInt(_ path: String) -> Int32? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
