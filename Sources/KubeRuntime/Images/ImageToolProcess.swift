import Foundation
import KubeAPI

/// Runs the host tools the image store needs (GNU tar, gzip, zstd) as child processes, off the
/// Swift concurrency pool, with their stderr kept for error messages.
enum ImageToolProcess {
    /// Runs `executable arguments`; throws `RuntimeError(.command)` with its stderr unless it exits 0.
    static func run(_ executable: String, _ arguments: [String]) async throws {
        try await onBlockingThread { try runBlocking(executable, arguments, stdout: nil) }
    }

    /// Runs `executable arguments` and returns the SHA-256 digest and size of what it writes to
    /// stdout (e.g. `gzip -dc layer` for an uncompressed layer's diff id).
    static func digestOfOutput(_ executable: String, _ arguments: [String]) async throws -> (digest: String, size: Int64) {
        try await onBlockingThread {
            var result: (digest: String, size: Int64) = ("", 0)
            try runBlocking(executable, arguments) { result = try ContentDigest.ofStream($0) }
            return result
        }
    }

    /// Runs blocking `work` on a thread of its own, so file and pipe I/O never stalls the
    /// cooperative pool.
    static func onBlockingThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await BlockingThread.run(work)
    }

    /// Runs the process to completion on this thread; `stdout` (when given) reads its output.
    static func runBlocking(
        _ executable: String, _ arguments: [String], stdout: ((FileHandle) throws -> Void)?
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let errPath = NSTemporaryDirectory() + "skiff-img-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = FileHandle(forWritingAtPath: errPath)
        defer { try? errHandle?.close() }
        process.standardError = errHandle ?? FileHandle.nullDevice
        let outPipe = stdout == nil ? nil : Pipe()
        process.standardOutput = outPipe ?? FileHandle.nullDevice
        let command = ([executable] + arguments).joined(separator: " ")
        do {
            try process.run()
        } catch {
            throw RuntimeError(.command, "\(command): cannot start", cause: error)
        }
        var readError: (any Error)?
        if let outPipe, let stdout {
            try? outPipe.fileHandleForWriting.close()
            do { try stdout(outPipe.fileHandleForReading) } catch { readError = error }
            // Drain what is left so the child never blocks on a full pipe.
            while let rest = try? outPipe.fileHandleForReading.read(upToCount: 1 << 16), !rest.isEmpty {}
            try? outPipe.fileHandleForReading.close()
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 || process.terminationReason != .exit {
            let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            let text = stderr.split(separator: "\n").suffix(5).joined(separator: "; ")
            throw RuntimeError(.command, "\(command): exit status \(process.terminationStatus): \(text)")
        }
        if let readError { throw RuntimeError(.command, "\(command): reading output", cause: readError) }
    }

    /// Where the tool `name` is installed (/usr/bin, /bin, ...).
    static func tool(_ name: String) -> String {
        for dir in ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin"] {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return "/usr/bin/\(name)"
    }
}
