import Foundation

/// Runs the network tools (`ip`, `sysctl`) as child processes, optionally inside a network
/// namespace given by path (`nsenter --net=PATH ...`). Failures become `NetworkError`s carrying
/// the tool's own message (e.g. `RTNETLINK answers: File exists`).
struct NetworkCommand: Sendable {
    /// What a finished command printed and how it ended.
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The command's own words on failure, as the `cause` of a `NetworkError`.
    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var stderr: String
        var description: String {
            let text = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "exit status \(status)" : text
        }
    }

    /// The namespace to run in; nil runs in the current one.
    var netnsPath: String?

    /// The same runner, inside the network namespace at `path`.
    func inNamespace(_ path: String) -> NetworkCommand { NetworkCommand(netnsPath: path) }

    /// Runs `ip <arguments>` and returns its standard output; throws `NetworkError(what)` when it fails.
    @discardableResult
    func ip(_ arguments: [String], _ what: String) async throws -> String {
        let out = try await run("ip", arguments)
        guard out.status == 0 else { throw NetworkError(what, cause: Failure(status: out.status, stderr: out.stderr)) }
        return out.stdout
    }

    /// Runs several `ip` commands in one process (`ip -batch -`), stopping at the first failure.
    func ipBatch(_ lines: [String], _ what: String) async throws {
        let out = try await run("ip", ["-batch", "-"], stdin: lines.joined(separator: "\n") + "\n")
        guard out.status == 0 else { throw NetworkError(what, cause: Failure(status: out.status, stderr: out.stderr)) }
    }

    /// Sets a sysctl such as `net.ipv4.ip_forward` in the namespace.
    func sysctl(_ key: String, _ value: String) async throws {
        if netnsPath == nil {
            let path = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
            do {
                try Data((value + "\n").utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw NetworkError("set \(key)=\(value)", cause: error)
            }
            return
        }
        let out = try await run("sysctl", ["-w", "\(key)=\(value)"])
        guard out.status == 0 else {
            throw NetworkError("set \(key)=\(value)", cause: Failure(status: out.status, stderr: out.stderr))
        }
    }

    /// Runs `tool arguments` (through nsenter when a namespace is set) and collects its output.
    func run(_ tool: String, _ arguments: [String], stdin: String? = nil) async throws -> Output {
        var argv = [tool] + arguments
        if let netnsPath { argv = ["nsenter", "--net=\(netnsPath)"] + argv }
        return try await Self.spawn(argv, stdin: stdin)
    }

    /// Starts `argv` (looked up in PATH) off the cooperative pool and waits for it.
    static func spawn(_ argv: [String], stdin: String?) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try spawnBlocking(argv, stdin: stdin) })
            }
        }
    }

    private static func spawnBlocking(_ argv: [String], stdin: String?) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"]
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        do {
            try process.run()
        } catch {
            throw NetworkError("start \(argv.joined(separator: " "))", cause: error)
        }
        if let stdin {
            inPipe.fileHandleForWriting.write(Data(stdin.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        // Standard error is read on another thread so that neither pipe can fill up and stall the child.
        let errData = ErrorCollector(errPipe.fileHandleForReading)
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a background thread.
private final class ErrorCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything the pipe delivered, once it closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}
