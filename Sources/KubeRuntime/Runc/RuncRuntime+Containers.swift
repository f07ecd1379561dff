import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension RuncRuntime {
    public func createContainer(sandboxID: String, _ config: ContainerConfig) async throws -> String {
        guard let sandbox = records.read(SandboxRecord.self, from: layout.sandboxRecord(sandboxID)) else {
            throw RuntimeError(.notFound, "pod sandbox \(sandboxID) not found")
        }
        guard sandbox.ready else {
            throw RuntimeError(.createContainer, "pod sandbox \(sandboxID) is not ready")
        }
        let id = RuncRecords.newID()
        let parent = sandbox.config.cgroupParent.isEmpty ? options.defaultCgroupParent : sandbox.config.cgroupParent
        let record = ContainerRecord(
            id: id, sandboxID: sandboxID, config: config, createdAt: Date(), startedAt: nil,
            cgroupsPath: (parent.hasSuffix("/") ? parent : parent + "/") + id)
        do {
            try RuncHost.makeDirectory(layout.containerDir(id), mode: 0o700)
            try RuncRecords.write(record, to: layout.containerRecord(id))
            let overlay = try bundles.prepare(record, sandbox: sandbox)
            let logPath = config.logPath.isEmpty ? "/dev/null" : config.logPath
            try RuncHost.makeDirectory((logPath as NSString).deletingLastPathComponent)
            var arguments = [
                "create", "--runc", runcPath, "--root", layout.runcRoot, "--bundle", layout.bundle(id), "--id", id,
                "--pid-file", layout.pidFile(id), "--log", logPath, "--exit", layout.exitFile(id),
                "--oom", RuncHost.oomFile(cgroupsPath: record.cgroupsPath),
                "--rootfs", layout.rootfs(id), "--overlay", overlay, "--attach", layout.attachSocket(id),
            ]
            if config.stdin { arguments += ["--stdin", stdinFifo(id)] }
            if config.tty { arguments += ["--console", layout.consoleSocket(id)] }
            let made = try await shim(arguments)
            let report = String(decoding: made.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let words = report.split(separator: " ")
            guard words.first == "ok", words.count == 3, let initPID = Int32(words[1]), let shimPID = Int32(words[2]) else {
                let why = report.hasPrefix("error ") ? String(report.dropFirst(6)) : "shim: \(report) \(made.errorText)"
                throw RuntimeError(.createContainer, why)
            }
            try RuncRecords.write(ContainerProcesses(initPID: initPID, shimPID: shimPID), to: layout.processesFile(id))
        } catch {
            _ = try? await runc(["delete", "--force", id])
            bundles.remove(id)
            records.forget(under: layout.containerDir(id))
            if let error = error as? RuntimeError, error.code == .createContainer { throw error }
            throw RuntimeError(.createContainer, "create container \(config.name)", cause: error)
        }
        return id
    }

    public func startContainer(_ id: String) async throws {
        guard var record = containerRecord(id) else { throw RuntimeError(.notFound, "container \(id) not found") }
        let initPID = records.read(ContainerProcesses.self, from: layout.processesFile(id))?.initPID ?? 0
        switch try await RuncExecFifo.start(layout.execFifo(id), initPID: initPID) {
        case .started:
            break
        case .initGone:
            throw RuntimeError(.runContainer, "start container: the container's init exited before it was started")
        case .noFifo:
            // Not in the created state as this runtime knows it: let runc say why.
            let out = try await runc(["start", id])
            guard out.status == 0 else { throw RuntimeError(.runContainer, "start container: \(out.errorText)") }
        }
        record.startedAt = Date()
        try RuncRecords.write(record, to: layout.containerRecord(id))
    }

    public func stopContainer(_ id: String, gracePeriod: Duration) async throws {
        guard let record = containerRecord(id) else { throw RuntimeError(.notFound, "container \(id) not found") }
        let state = status(of: record).state
        // Exited, or never made (the shim did not report its processes): nothing to stop.
        if state == .exited || !hasProcesses(id) { return }
        if state == .running && gracePeriod > .zero {
            try await kill(record, signal: "TERM", wait: gracePeriod)
            if status(of: record).state == .exited { return }
        }
        try await kill(record, signal: "KILL", wait: .seconds(30))
        guard status(of: record).state == .exited else {
            throw RuntimeError(.command, "container \(id) did not exit after SIGKILL")
        }
    }

    public func removeContainer(_ id: String) async throws {
        if let record = containerRecord(id), status(of: record).state != .exited, hasProcesses(id) {
            try await kill(record, signal: "KILL", wait: .seconds(30))
        }
        _ = try await runc(["delete", "--force", id])
        bundles.remove(id)
        records.forget(under: layout.containerDir(id))
    }

    /// Sends SIGUSR1 to the container's shim, which reopens the log path, and waits (up to 5 s)
    /// for the new file to appear.
    public func reopenContainerLog(_ id: String) async throws {
        guard let record = containerRecord(id) else { throw RuntimeError(.notFound, "container \(id) not found") }
        guard status(of: record).state == .running,
            let processes = records.read(ContainerProcesses.self, from: layout.processesFile(id)), processes.shimAlive
        else { throw RuntimeError(.other, "container \(id) is not running") }
        let path = record.config.logPath
        guard !path.isEmpty else { return }
        guard Glibc.kill(processes.shimPID, SIGUSR1) == 0 else {
            throw RuntimeError(.command, "signal shim of container \(id): \(String(cString: strerror(errno)))")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while !FileManager.default.fileExists(atPath: path) {
            guard clock.now < deadline else { throw RuntimeError(.command, "container \(id) did not reopen its log \(path)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    public func listContainers() async throws -> [ContainerStatus] {
        containerRecords().map(status(of:))
    }

    /// Selects on the records: one whose labels (which never change) are already known not to
    /// match is skipped without touching its file, and only the selected containers' processes
    /// are looked at.
    public func listContainers(labels: [String: String]) async throws -> [ContainerStatus] {
        RuncRecords.ids(in: layout.containersDir).compactMap { id in
            records.read(ContainerRecord.self, from: layout.containerRecord(id), matching: labels) { $0.config.labels }
        }.map(status(of:))
    }

    public func containerStatus(_ id: String) async throws -> ContainerStatus {
        guard let record = containerRecord(id) else { throw RuntimeError(.notFound, "container \(id) not found") }
        return status(of: record)
    }

    // MARK: State from disk

    func containerRecord(_ id: String) -> ContainerRecord? {
        records.read(ContainerRecord.self, from: layout.containerRecord(id))
    }

    /// Whether the shim reported the container's processes: false while `runc create` runs, and
    /// for a container whose creation never finished (the agent died meanwhile).
    func hasProcesses(_ id: String) -> Bool {
        records.read(ContainerProcesses.self, from: layout.processesFile(id)) != nil
    }

    func containerRecords() -> [ContainerRecord] {
        RuncRecords.ids(in: layout.containersDir).compactMap(containerRecord)
    }

    /// The container's state: exited once the shim wrote the exit file; created while it is being
    /// made (its record is written before the shim reports its processes); created or running
    /// while its init lives (runc's exec fifo tells which); running while the shim still records
    /// the exit.
    func status(of record: ContainerRecord) -> ContainerStatus {
        var status = ContainerStatus(
            id: record.id, sandboxID: record.sandboxID, config: record.config, state: .unknown,
            createdAt: record.createdAt, startedAt: record.startedAt)
        if let exit = records.read(ExitRecord.self, from: layout.exitFile(record.id)) {
            status.state = .exited
            status.exitCode = exit.exitCode
            status.reason = exit.reason
            status.finishedAt = exit.finishedAt
            return status
        }
        guard let processes = records.read(ContainerProcesses.self, from: layout.processesFile(record.id)) else {
            // Not "exited": a listing taken while `runc create` runs would otherwise see an exit,
            // and the real exit moments later would then look like no change at all.
            status.state = .created
            return status
        }
        if processes.initAlive {
            status.state = FileManager.default.fileExists(atPath: layout.execFifo(record.id)) ? .created : .running
            return status
        }
        if processes.shimAlive {
            status.state = .running
            return status
        }
        status.state = .exited
        status.exitCode = 255
        status.reason = "Error"
        status.message = "exit status lost: the container's shim is gone"
        return status
    }

    /// Sends `signal` (runc's name, e.g. TERM) to the container's init and waits up to `wait` for
    /// it to have exited.
    func kill(_ record: ContainerRecord, signal: String, wait: Duration) async throws {
        guard status(of: record).state != .exited else { return }
        _ = try await runc(["kill", record.id, signal])
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while status(of: record).state != .exited && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

extension RuncRuntime {
    /// The overlay's upper directory, where the container's changes to its image are.
    public func writableLayerUsage(_ id: String) async throws -> WritableLayerUsage? {
        guard containerRecord(id) != nil else { throw RuntimeError(.notFound, "container \(id) not found") }
        let upper = layout.writableDir(id) + "/upper"
        return DirectoryUsage.measure(upper).map { WritableLayerUsage(mountpoint: upper, usage: $0) }
    }
}
