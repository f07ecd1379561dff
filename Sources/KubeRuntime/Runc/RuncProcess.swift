import Foundation

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

/// Collects one pipe's bytes on its own thread; read only after `done` has been waited for.
private final class PipeCollector: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []
    let done = DispatchSemaphore(value: 0)

    /// Starts reading `handle` to its end on a global queue.
    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.bytes = [UInt8](handle.readDataToEndOfFile())
            self.done.signal()
        }
    }

    /// Waits until the writer side has closed and returns everything read.
    func wait() -> [UInt8] {
        done.wait()
        return bytes
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
            DispatchQueue.global().async {
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: RuntimeError(.command, "cannot run \(executable)", cause: error))
                    return
                }
                started?(process.processIdentifier)
                let stdout = PipeCollector(out.fileHandleForReading)
                let stderr = PipeCollector(err.fileHandleForReading)
                let outBytes = stdout.wait()
                let errBytes = stderr.wait()
                process.waitUntilExit()
                let status =
                    process.terminationReason == .uncaughtSignal
                    ? 128 + process.terminationStatus : process.terminationStatus
                continuation.resume(returning: RuncProcessOutput(status: status, stdout: outBytes, stderr: errBytes))
            }
        }
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
