import Foundation
import KubeAPI

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

    /// Starts `argv` (looked up in PATH) on a thread of its own and waits for it.
    static func spawn(_ argv: [String], stdin: String?) async throws -> Output {
        try await BlockingThread.run { try spawnBlocking(argv, stdin: stdin) }
    }

    private static func spawnBlocking(_ argv: [String], stdin: String?) throws -> Output {
        let process = Process()
        // Threads of Swift concurrency (Dispatch workers) block most signals and a child inherits
        // that mask; `env --default-signal` gives the tool ordinary signal handling again.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal"] + argv
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
        // The tools write little (far below a pipe's buffer) to standard error, so reading
        // standard output to its end first cannot stall the child.
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
