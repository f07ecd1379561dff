import Foundation

/// `RuntimeService` on real runc. Pod sandboxes are persistent network, IPC and UTS namespaces
/// (bind-mounted nsfs files, no pause process); each container is an OCI bundle with an overlayfs
/// rootfs (mounted only in the container's own mount namespace, never in the host's), created
/// and supervised by the skiff shim (`skiff shim create`), which outlives the
/// kubelet, writes the CRI log and records the exit status. All state is in files (on a tmpfs
/// for the agent, which outlives the process), so a new instance on the same roots adopts what
/// an earlier one started.
///
/// The kubelet tears the pod network down before `stopPodSandbox`, which removes the namespaces.
public final class RuncRuntime: RuntimeService {
    /// Where state lives and which programs run.
    public struct Options: Sendable {
        /// Persistent directory: each container's writable layer (`<root>/writable/<id>`),
        /// e.g. `<data-dir>/agent/runtime`.
        public var root: String
        /// State that need not outlive the machine (sandbox and container records, bundles,
        /// runc's state), as containerd keeps its state under /run: `root` unless given.
        public var stateRoot: String
        /// Whether the runtime mounts a tmpfs on `stateRoot` when none is there: records are
        /// rewritten with every change, and on a disk each rewrite frees an inode that ext4 then
        /// scans past when it allocates the next (see `RuncStateFilesystem`).
        public var stateOnTmpfs: Bool
        /// Directory for the sandboxes' namespace files (`<dir>/<sandbox id>/{net,ipc,uts}`).
        public var namespaceRoot: String
        /// The runc binary (found in /usr/sbin, /usr/bin or /usr/local/bin unless given).
        public var runc: String
        /// The command that runs the shim: `<shim...> create ...`. The skiff binary serves
        /// it as the hidden `skiff shim`.
        public var shim: [String]
        /// Cgroup parent for sandboxes that do not name one.
        public var defaultCgroupParent: String

        /// Options with the usual defaults: state under `root`, namespaces under /run/skiff/ns,
        /// the shim as `/proc/self/exe shim`, cgroups under /skiff.
        public init(
            root: String, stateRoot: String? = nil, stateOnTmpfs: Bool = false, namespaceRoot: String = "/run/skiff/ns",
            runc: String? = nil,
            shim: [String] = ["/proc/self/exe", "shim"], defaultCgroupParent: String = "/skiff"
        ) {
            self.root = root
            self.stateRoot = stateRoot ?? root
            self.stateOnTmpfs = stateOnTmpfs
            self.namespaceRoot = namespaceRoot
            self.runc = runc ?? RuncHost.findExecutable(["/usr/sbin/runc", "/usr/bin/runc", "/usr/local/bin/runc"])
            self.shim = shim
            self.defaultCgroupParent = defaultCgroupParent
        }

        /// The agent's runtime under `directory` (`<data-dir>/agent/runtime`): writable layers
        /// there, state and namespace files on a tmpfs at `<directory>/state`.
        public static func agent(_ directory: String) -> Options {
            Options(root: directory, stateRoot: directory + "/state", stateOnTmpfs: true, namespaceRoot: directory + "/state/ns")
        }
    }

    /// The options this runtime runs with.
    public let options: Options
    let layout: RuncLayout
    let bundles: RuncBundle
    /// Where sandboxes' namespace files are mounted (not in the host's mount table).
    let namespaces: RuncNamespaceHolder
    /// runc as started: its sealed copy, or `options.runc` when no copy could be made.
    let runcPath: String
    private let runcCopy: RuncSealedCopy?
    /// The sandbox, container, process and exit records, decoded once per version of their file.
    let records = RuncRecordCache()

    /// A runtime over `options.root`; creates its directories. Throws when runc is missing.
    public init(options: Options) throws {
        guard FileManager.default.isExecutableFile(atPath: options.runc) else {
            throw RuntimeError(.other, "runc not found at \(options.runc) (Debian package runc)")
        }
        self.options = options
        runcCopy = RuncSealedCopy(of: options.runc)
        runcPath = runcCopy?.path ?? options.runc
        if options.stateOnTmpfs { try RuncStateFilesystem.mount(at: options.stateRoot) }
        try RuncHost.makeDirectory(options.namespaceRoot, mode: 0o711)
        namespaces = try RuncNamespaceHolder(directory: options.namespaceRoot)
        layout = RuncLayout(root: options.stateRoot, namespaceRoot: namespaces.accessPath, writableRoot: options.root + "/writable")
        bundles = RuncBundle(layout: layout)
        for dir in [layout.sandboxesDir, layout.containersDir, layout.runcRoot, layout.writableRoot] {
            try RuncHost.makeDirectory(dir, mode: 0o711)
        }
        removeOrphanedWritableLayers()
    }

    /// Unmounts the namespace holder and the state tmpfs (when the options keep state on one);
    /// for `skiff killall`, once every sandbox and container is removed.
    public func unmountState() {
        namespaces.release()
        if options.stateOnTmpfs { RuncStateFilesystem.unmount(options.stateRoot) }
    }

    /// Removes the writable layers of containers that have no record: their state went with a
    /// reboot (the tmpfs), or their removal stopped half-way. A record is written before its
    /// layer is made, so a container being created is never taken for one.
    private func removeOrphanedWritableLayers() {
        for id in RuncRecords.ids(in: layout.writableRoot)
        where !FileManager.default.fileExists(atPath: layout.containerRecord(id)) {
            RuncHost.removeTree(layout.writableDir(id))
        }
    }

    /// `runc --root <ours> <arguments>`.
    func runc(_ arguments: [String]) async throws -> RuncProcessOutput {
        try await RuncProcess.run(runcPath, ["--root", layout.runcRoot] + arguments)
    }

    /// Runs the shim with `arguments`.
    func shim(_ arguments: [String]) async throws -> RuncProcessOutput {
        guard let program = options.shim.first else { throw RuntimeError(.other, "no shim command configured") }
        return try await RuncProcess.run(program, Array(options.shim.dropFirst()) + arguments)
    }

    // MARK: Sandboxes

    public func runPodSandbox(_ config: PodSandboxConfig) async throws -> String {
        let id = RuncRecords.newID()
        let dir = layout.sandboxDir(id)
        do {
            try RuncHost.makeDirectory(layout.sandboxShm(id))
            try RuncRecords.write(SandboxRecord(id: id, config: config, createdAt: Date(), ready: false), to: layout.sandboxRecord(id))
            try RuncHost.mountTmpfs(target: layout.sandboxShm(id), options: "mode=1777,size=65536k")
            try RuncSandboxFiles.write(into: dir, hostname: config.hostname, podIPs: [])
            try RuncHost.makeDirectory(layout.namespaceDir(id))
            try await namespaces.makeSandbox(id: id, hostname: config.hostname)
            if !config.logDirectory.isEmpty { try RuncHost.makeDirectory(config.logDirectory) }
            try RuncRecords.write(SandboxRecord(id: id, config: config, createdAt: Date(), ready: true), to: layout.sandboxRecord(id))
        } catch {
            removeNamespaces(id)
            RuncHost.unmount(layout.sandboxShm(id))
            RuncHost.removeTree(dir)
            throw error
        }
        return id
    }

    public func stopPodSandbox(_ id: String) async throws {
        for container in containerRecords() where container.sandboxID == id {
            try await kill(container, signal: "KILL", wait: .seconds(30))
        }
        removeNamespaces(id)
        guard var record = records.read(SandboxRecord.self, from: layout.sandboxRecord(id)) else { return }
        record.ready = false
        try RuncRecords.write(record, to: layout.sandboxRecord(id))
    }

    public func removePodSandbox(_ id: String) async throws {
        let record = records.read(SandboxRecord.self, from: layout.sandboxRecord(id))
        try await stopPodSandbox(id)
        for container in containerRecords() where container.sandboxID == id {
            try await removeContainer(container.id)
        }
        RuncHost.unmount(layout.sandboxShm(id))
        RuncHost.removeTree(layout.sandboxDir(id))
        records.forget(under: layout.sandboxDir(id))
        if let parent = record?.config.cgroupParent, !parent.isEmpty { RuncHost.removeCgroup(parent) }
    }

    public func listPodSandboxes() async throws -> [PodSandboxStatus] {
        try await listPodSandboxes(labels: [:])
    }

    public func listPodSandboxes(labels: [String: String]) async throws -> [PodSandboxStatus] {
        RuncRecords.ids(in: layout.sandboxesDir).compactMap { id in
            guard let r = records.read(SandboxRecord.self, from: layout.sandboxRecord(id), matching: labels, labels: { $0.config.labels })
            else { return nil }
            // Namespaces under /run are gone after a reboot: such a sandbox is not ready.
            let ready = r.ready && FileManager.default.fileExists(atPath: layout.networkNamespace(id))
            return PodSandboxStatus(
                id: r.id, config: r.config, state: ready ? .ready : .notReady, createdAt: r.createdAt,
                networkNamespacePath: layout.networkNamespace(id))
        }
    }

    /// Rewrites the sandbox's /etc/hosts with the pod's IPs once the network is up (in place, so
    /// running containers see it).
    public func setPodIPs(sandboxID: String, _ ips: [String]) throws {
        guard let r = records.read(SandboxRecord.self, from: layout.sandboxRecord(sandboxID)) else {
            throw RuntimeError(.notFound, "pod sandbox \(sandboxID) not found")
        }
        try RuncSandboxFiles.write(into: layout.sandboxDir(sandboxID), hostname: r.config.hostname, podIPs: ips, only: ["hosts"])
    }

    /// Unmounts and deletes the sandbox's namespace files (in the holder, and on the host where
    /// versions before the holder mounted them).
    func removeNamespaces(_ id: String) {
        namespaces.unmountSandbox(id: id)
        let dir = layout.namespaceDir(id)
        for kind in ["net", "ipc", "uts"] {
            RuncHost.unmount("\(options.namespaceRoot)/\(id)/\(kind)")
            try? FileManager.default.removeItem(atPath: "\(dir)/\(kind)")
        }
        RuncHost.removeTree(dir)
    }
}
