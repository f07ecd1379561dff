import Foundation

/// Builds and tears down a container's OCI bundle: the overlay rootfs's folders and config.json.
/// The overlay itself is mounted by the shim in the mount namespace `runc create` runs in
/// (`overlayOptions`), never in the host's.
struct RuncBundle: Sendable {
    let layout: RuncLayout

    /// Files of the sandbox bind-mounted into each of its containers, by container path.
    static let sandboxFiles = ["/etc/hosts": "hosts", "/etc/hostname": "hostname", "/etc/resolv.conf": "resolv.conf"]

    /// Makes the rootfs's folders and writes config.json for `record` in `sandbox`; returns the
    /// overlay's mount options for the shim (`--overlay`).
    func prepare(_ record: ContainerRecord, sandbox: SandboxRecord) throws -> String {
        let dir = layout.containerDir(record.id)
        guard !record.config.layerPaths.isEmpty else {
            throw RuntimeError(.createContainer, "container \(record.config.name) has no image layers")
        }
        let writable = layout.writableDir(record.id)
        for path in ["\(writable)/upper", "\(writable)/work", "\(dir)/rootfs", "\(dir)/bundle"] {
            try RuncHost.makeDirectory(path)
        }
        for mount in record.config.mounts where !FileManager.default.fileExists(atPath: mount.hostPath) {
            // As containerd's CRI: a missing host path becomes a directory.
            try RuncHost.makeDirectory(mount.hostPath)
        }
        let spec = makeSpec(record, sandbox: sandbox)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(spec).write(to: URL(fileURLWithPath: layout.bundle(record.id) + "/config.json"))
        return RuncHost.overlayOptions(lower: record.config.layerPaths.reversed(), upper: writable + "/upper", work: writable + "/work")
    }

    /// Unmounts the rootfs (mounted on the host by versions before the shim mounted it) and
    /// removes the container's directory.
    func remove(_ id: String) {
        RuncHost.unmount(layout.rootfs(id))
        RuncHost.removeTree(layout.containerDir(id))
        RuncHost.removeTree(layout.writableDir(id))
    }

    /// The OCI spec of a container: Kubernetes' defaults, the sandbox's namespaces and files, the
    /// container's process, mounts and resources.
    func makeSpec(_ record: ContainerRecord, sandbox: SandboxRecord) -> OCISpec {
        let config = record.config
        let caps = OCIDefaults.capabilities
        let process = OCISpec.Process(
            terminal: config.tty,  // runc sends the terminal to the shim's console socket
            user: .init(uid: config.user?.uid ?? 0, gid: config.user?.gid ?? 0),
            args: config.argv,
            env: environment(config, hostname: sandbox.config.hostname),
            cwd: config.workingDir.isEmpty ? "/" : config.workingDir,
            capabilities: .init(bounding: caps, effective: caps, permitted: caps),
            noNewPrivileges: false)
        let ns = layout.namespaceDir(sandbox.id)
        let namespaces: [OCISpec.Namespace] = [
            .init(type: "pid"), .init(type: "ipc", path: ns + "/ipc"), .init(type: "uts", path: ns + "/uts"),
            .init(type: "mount"), .init(type: "network", path: ns + "/net"),
        ]
        return OCISpec(
            process: process,
            root: .init(path: layout.rootfs(record.id), readonly: false),
            mounts: mounts(config, sandboxID: sandbox.id),
            linux: .init(
                namespaces: namespaces, cgroupsPath: record.cgroupsPath, resources: resources(config.resources),
                maskedPaths: OCIDefaults.maskedPaths, readonlyPaths: OCIDefaults.readonlyPaths))
    }

    /// HOSTNAME and a default PATH first, as containerd's CRI; the container's own values win.
    private func environment(_ config: ContainerConfig, hostname: String) -> [String] {
        var env: [String] = []
        let names = Set(config.env.map(\.name))
        if !names.contains("PATH") { env.append("PATH=\(OCIDefaults.path)") }
        if !names.contains("HOSTNAME") { env.append("HOSTNAME=\(hostname)") }
        return env + config.env.map { "\($0.name)=\($0.value)" }
    }

    private func mounts(_ config: ContainerConfig, sandboxID: String) -> [OCISpec.Mount] {
        let own = Set(config.mounts.map(\.containerPath))
        var mounts = OCIDefaults.systemMounts.filter { !own.contains($0.destination) }
        let dir = layout.sandboxDir(sandboxID)
        if !own.contains("/dev/shm") {
            mounts.append(.init(destination: "/dev/shm", type: "bind", source: layout.sandboxShm(sandboxID), options: ["rbind", "rprivate", "rw"]))
        }
        for (path, file) in Self.sandboxFiles.sorted(by: { $0.key < $1.key }) where !own.contains(path) {
            mounts.append(.init(destination: path, type: "bind", source: "\(dir)/\(file)", options: ["rbind", "rprivate", "rw"]))
        }
        for mount in config.mounts {
            mounts.append(
                .init(
                    destination: mount.containerPath, type: "bind", source: mount.hostPath,
                    options: ["rbind", "rprivate", mount.readOnly ? "ro" : "rw"]))
        }
        return mounts
    }

    /// Cgroup settings; memory+swap equals the memory limit (no swap), as the kubelet sets it.
    private func resources(_ r: LinuxResources) -> OCISpec.Resources {
        var resources = OCISpec.Resources(devices: [.init(allow: false, access: "rwm")])
        if let limit = r.memoryLimitBytes, limit > 0 {
            resources.memory = .init(limit: limit, swap: limit)
        }
        if r.cpuShares != nil || r.cpuQuota != nil || r.cpuPeriod != nil {
            resources.cpu = .init(shares: r.cpuShares, quota: r.cpuQuota, period: r.cpuPeriod)
        }
        return resources
    }
}
