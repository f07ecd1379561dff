import Foundation
import KubeRuntime
import Logging

/// The kubelet's container log manager: every monitor interval, the log of each running
/// container that reached `maxSize` bytes is rotated as Kubernetes does it:
/// 1. leftovers of an interrupted rotation (`.tmp`, plain files also present as `.gz`) go;
/// 2. the oldest rotated files go, so that at most `maxFiles - 2` remain;
/// 3. the remaining rotated files are gzipped (`<n>.log.<yyyyMMdd-HHmmss>.gz`);
/// 4. the current file is renamed `<n>.log.<yyyyMMdd-HHmmss>` and the runtime reopens the log,
///    so that the container's writer moves to a new `<n>.log` without losing a line (until the
///    reopen, lines still go to the renamed file). If the reopen fails, the rename is undone.
/// `kubectl logs` reads only the current file, as on Kubernetes.
struct ContainerLogRotator: Sendable {
    let runtime: any RuntimeService
    /// Rotate at this size in bytes (10Mi by default).
    let maxSize: Int64
    /// At most this many files per container, the current one included (5 by default, >= 2).
    let maxFiles: Int
    /// The clock the rotated files' timestamps come from.
    var now: @Sendable () -> Date = { Date() }
    let logger: Logger

    /// Rotates what needs it among running containers. Throws when the runtime cannot be listed.
    func rotateLogs() async throws {
        for container in try await runtime.listContainers() where container.state == .running {
            await rotateIfNeeded(container)
        }
    }

    /// Rotates `container`'s log when it reached `maxSize` (reopening it first if it is missing).
    func rotateIfNeeded(_ container: KubeRuntime.ContainerStatus) async {
        let path = container.config.logPath
        guard !path.isEmpty else { return }
        var size = Self.size(path)
        if size == nil {
            do {
                try await runtime.reopenContainerLog(container.id)
            } catch {
                logger.error("Container log doesn't exist, reopen container log failed", metadata: ["containerID": "\(container.id)", "path": "\(path)"])
                return
            }
            size = Self.size(path)
        }
        guard let size, size >= maxSize else { return }
        do {
            try await rotate(containerID: container.id, log: path)
        } catch {
            logger.error(
                "Failed to rotate log for container",
                metadata: ["containerID": "\(container.id)", "path": "\(path)", "currentSize": "\(size)", "maxSize": "\(maxSize)", "error": "\(error)"])
        }
    }

    /// Steps 1-4 for the log at `log` of container `containerID`.
    func rotate(containerID: String, log: String) async throws {
        let fm = FileManager.default
        for file in ContainerLogFiles.unused(log) { try fm.removeItem(atPath: file) }
        var rotated = ContainerLogFiles.rotated(log)
        let keep = max(maxFiles - 2, 0)
        while rotated.count > keep { try fm.removeItem(atPath: rotated.removeFirst()) }
        for file in rotated where !file.hasSuffix(".gz") { try await Self.compress(file) }

        let target = "\(log).\(Self.timestamp(now()))"
        // Two rotations within one second would share a name: wait for the next round instead.
        guard !fm.fileExists(atPath: target), !fm.fileExists(atPath: target + ".gz") else { return }
        try fm.moveItem(atPath: log, toPath: target)
        do {
            try await runtime.reopenContainerLog(containerID)
        } catch {
            do { try fm.moveItem(atPath: target, toPath: log) } catch {
                logger.error("Failed to rename rotated log", metadata: ["rotatedLog": "\(target)", "newLog": "\(log)", "containerID": "\(containerID)"])
            }
            throw KubeletError(.other, "failed to reopen container log \"\(containerID)\": \(error)")
        }
    }

    /// Rotates every `interval` until cancelled.
    func run(interval: Duration) async {
        while !Task.isCancelled {
            do { try await rotateLogs() } catch { logger.error("Failed to rotate container logs", metadata: ["error": "\(error)"]) }
            try? await Task.sleep(for: interval)
        }
    }

    /// `yyyyMMdd-HHmmss` in local time (Go's `20060102-150405`).
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    static func size(_ path: String) -> Int64? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value
    }

    /// Gzips `file` to `file.gz` through `file.gz.tmp`, then removes `file`.
    static func compress(_ file: String) async throws {
        let temporary = file + ".tmp"
        let fm = FileManager.default
        guard fm.createFile(atPath: temporary, contents: nil), let output = FileHandle(forWritingAtPath: temporary) else {
            throw KubeletError(.other, "failed to create temporary log \"\(temporary)\"")
        }
        defer { try? fm.removeItem(atPath: temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n", "--", file]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: KubeletError(.other, "failed to compress \"\(file)\": \(error)"))
            }
        }
        try? output.close()
        guard status == 0 else { throw KubeletError(.other, "failed to compress \"\(file)\" to \"\(temporary)\": gzip exited \(status)") }
        try fm.moveItem(atPath: temporary, toPath: file + ".gz")
        try fm.removeItem(atPath: file)
    }
}
