import CSkiffShim
import Foundation
import KubeAPI

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the network tools (`ip`, `sysctl`) as child processes, optionally inside a network
/// namespace given by path. Failures become `NetworkError`s carrying
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

    /// Runs `tool arguments` (inside the namespace when one is set) and collects its output.
    func run(_ tool: String, _ arguments: [String], stdin: String? = nil) async throws -> Output {
        let argv = [tool] + arguments
        let netns = netnsPath
        return try await BlockingThread.run { try Self.spawnBlocking(argv, netns: netns, stdin: stdin) }
    }

    /// Where the tools are looked up, in order.
    static let searchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// Starts `argv` with `skiff_spawn` (an empty signal mask, default dispositions, the namespace
    /// joined by the child itself: no `env` or `nsenter` process), feeds it `stdin` and waits for it.
    private static func spawnBlocking(_ argv: [String], netns: String?, stdin: String?) throws -> Output {
        let what = "start \(argv.joined(separator: " "))"
        guard let path = searchPath.map({ "\($0)/\(argv[0])" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw NetworkError(what, cause: Failure(status: 127, stderr: "\(argv[0]) is not in \(searchPath.joined(separator: ":"))")) }
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        defer { for fd in input + output + errors where fd >= 0 { close(fd) } }
        guard skiff_pipe(&input) == 0, skiff_pipe(&output) == 0, skiff_pipe(&errors) == 0 else {
            throw NetworkError(what, cause: Failure(status: 127, stderr: "pipe: \(String(cString: strerror(errno)))"))
        }
        var spawnError: Int32 = 0
        let pid = withCStrings(argv) { cArgv in
            withCStrings(["PATH=\(searchPath.joined(separator: ":"))", "LC_ALL=C"]) { cEnv in
                skiff_spawn(path, cArgv, cEnv, netns, input[0], output[1], errors[1], &spawnError)
            }
        }
        for fd in [input[0], output[1], errors[1]] { close(fd) }  // the child's ends
        (input[0], output[1], errors[1]) = (-1, -1, -1)
        guard pid > 0 else { throw NetworkError(what, cause: Failure(status: 127, stderr: String(cString: strerror(spawnError)))) }
        if let stdin { writeAll(input[1], Array(stdin.utf8)) }
        close(input[1])
        input[1] = -1
        // The tools write little (far below a pipe's buffer) to standard error, so reading
        // standard output to its end first cannot stall the child.
        let out = readAll(output[0])
        let err = readAll(errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return Output(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// `body` with the strings as a NULL-terminated array of C strings.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                collected += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return collected
            }
        }
    }
}
