import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a finished helper process (runc, the shim) printed and how it ended.
struct RuncProcessOutput: Sendable {
    /// Exit status (128+signal when killed).
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]

    /// Standard error as one trimmed line, for error messages.
    var errorText: String {
        let text = String(decoding: stderr.isEmpty ? stdout : stderr, as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "; ")
    }
}

/// Runs helper processes off the cooperative thread pool (Foundation `Process`).
enum RuncProcess {
    /// Runs `executable arguments` with stdin from /dev/null, and returns its output once it has
    /// exited and every holder of its stdout/stderr has closed them. `started` gets its pid.
    static func run(
        _ executable: String, _ arguments: [String], started: (@Sendable (Int32) -> Void)? = nil
    ) async throws -> RuncProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        return try await withCheckedThrowingContinuation { continuation in
            // A thread of its own, not a dispatch worker: hundreds may block at once (a burst of pod
            // starts, long execs) and a bounded pool would starve.
            Thread.detachNewThread {
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: RuntimeError(.command, "cannot run \(executable)", cause: error))
                    return
                }
                started?(process.processIdentifier)
                let (outBytes, errBytes) = drain(out.fileHandleForReading.fileDescriptor, err.fileHandleForReading.fileDescriptor)
                process.waitUntilExit()
                let status =
                    process.terminationReason == .uncaughtSignal
                    ? 128 + process.terminationStatus : process.terminationStatus
                continuation.resume(returning: RuncProcessOutput(status: status, stdout: outBytes, stderr: errBytes))
            }
        }
    }

    /// Reads two pipes to their ends at once (so neither writer blocks on a full pipe).
    private static func drain(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var fds = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 16384)
        while fds.contains(where: { $0.fd >= 0 }) {
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    collected[i] += buffer[0..<n]
                } else if n == 0 || errno != EINTR {
                    fds[i].fd = -1
                }
            }
        }
        return (collected[0], collected[1])
    }

    /// Runs `executable arguments` and throws `code` with its error output unless it exits 0.
    @discardableResult
    static func check(_ code: RuntimeError.Code, _ what: String, _ executable: String, _ arguments: [String])
        async throws -> RuncProcessOutput
    {
        let output = try await run(executable, arguments)
        guard output.status == 0 else {
            throw RuntimeError(code, "\(what): \(output.errorText.isEmpty ? "exit status \(output.status)" : output.errorText)")
        }
        return output
    }
}
