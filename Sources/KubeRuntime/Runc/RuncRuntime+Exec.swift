import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension RuncRuntime {
    public func execSync(_ id: String, command: [String], timeout: Duration) async throws -> ExecResult {
        let pidFile = try execPidFile(forRunning: id)
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let watch = RuncExecWatch(pidFile: pidFile)
        let timer = Task {
            guard timeout > .zero else { return }
            try await Task.sleep(for: timeout)
            watch.expire()
        }
        let out = try await RuncProcess.run(
            runcPath, ["--root", layout.runcRoot, "exec", "--pid-file", pidFile, id] + command,
            started: { watch.setRunc($0) })
        timer.cancel()
        if watch.expired {
            throw RuntimeError(.command, "command \(command) timed out after \(timeout)")
        }
        return ExecResult(exitCode: out.status, stdout: out.stdout, stderr: out.stderr)
    }

    public func exec(_ id: String, command: [String], tty: Bool, stdin: Bool) async throws -> any ExecSession {
        let pidFile = try execPidFile(forRunning: id)
        var arguments = ["--root", layout.runcRoot, "exec", "--pid-file", pidFile]
        if tty { arguments += ["--tty", "--env", "TERM=xterm"] }
        return try RuncExecSession(
            runc: runcPath, arguments: arguments + [id] + command, tty: tty, stdin: stdin, pidFile: pidFile)
    }

    /// A fresh pid file path for an exec in `id`, which must be running.
    private func execPidFile(forRunning id: String) throws -> String {
        guard let record = containerRecord(id) else { throw RuntimeError(.notFound, "container \(id) not found") }
        guard status(of: record).state == .running else {
            throw RuntimeError(.command, "container \(id) is not running")
        }
        return layout.containerDir(id) + "/exec-\(RuncRecords.newID().prefix(16)).pid"
    }
}

/// Kills an exec'd process (and its children) and the runc that runs it, on timeout or cancel.
final class RuncExecWatch: Sendable {
    private struct State {
        var runcPID: Int32 = 0
        var expired = false
    }

    private let state = Mutex(State())
    let pidFile: String

    init(pidFile: String) { self.pidFile = pidFile }

    /// Remembers runc's pid.
    func setRunc(_ pid: Int32) { state.withLock { $0.runcPID = pid } }

    /// Whether `expire` has run.
    var expired: Bool { state.withLock { $0.expired } }

    /// Kills the exec'd process tree and runc.
    func expire() {
        let runc = state.withLock { s in
            s.expired = true
            return s.runcPID
        }
        if let pid = RuncRecords.readInt(pidFile) { Self.killTree(pid) }
        RuncHost.signal(runc, SIGKILL)
    }

    /// SIGKILLs `pid` and every descendant (from /proc's parent pids).
    static func killTree(_ pid: Int32) {
        var children: [Int32: [Int32]] = [:]
        for entry in RuncRecords.ids(in: "/proc") {
            guard let child = Int32(entry), let fields = RuncHost.statFields(child) else { continue }
            if fields.count > 1, let parent = Int32(fields[1]) { children[parent, default: []].append(child) }
        }
        var pending = [pid]
        while let next = pending.popLast() {
            RuncHost.signal(next, SIGKILL)
            pending += children[next] ?? []
        }
    }
}
