import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `skiff bench pods`: pod startup on real containers. In a network namespace of its own (it
/// re-runs itself under `unshare --net`), starts a local registry with the project's busybox
/// image, `skiff server --disable-agent` and `skiff kubelet` as separate processes, and measures
/// create→Running as a watcher sees it, one pod at a time and `--burst` at once, and the
/// kubelet's memory with `--hold` pods running.
struct PodStartupBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pods", abstract: "Benchmark pod startup with the kubelet and runc.")

    @Option(help: "Pods started one at a time.") var sequential = 50
    @Option(help: "Pods created at once.") var burst = 100
    @Option(help: "Pods kept running for the kubelet memory figure.") var hold = 110
    @Option(help: "The script that builds the busybox image and starts a registry.") var imageScript = "scripts/busybox-image.sh"

    static let insideEnvironment = "SKIFF_BENCH_PRIVATE_NETNS"

    func validate() throws {
        guard sequential > 0, burst > 0, hold >= burst else { throw ValidationError("--sequential and --burst must be positive, --hold at least --burst") }
        guard FileManager.default.isExecutableFile(atPath: imageScript) else {
            throw ValidationError("\(imageScript) not found: run from the repository root or pass --image-script")
        }
    }

    func run() async throws {
        if ProcessInfo.processInfo.environment[Self.insideEnvironment] == nil {
            try Self.rerunInPrivateNetworkNamespace()
            return
        }
        try Self.shell(["ip", "link", "set", "lo", "up"])
        let run = try await PodStartupRun.start(imageScript: imageScript)
        do {
            try await run.measure(sequential: sequential, burst: burst, hold: hold)
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }

    /// Runs this same command again under `unshare --net` and exits with its status.
    static func rerunInPrivateNetworkNamespace() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["--net", "--", URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path] + CommandLine.arguments.dropFirst()
        var environment = ProcessInfo.processInfo.environment
        environment[insideEnvironment] = "1"
        p.environment = environment
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw ExitCode(p.terminationStatus) }
    }

    /// Runs a command to completion and returns its standard output; throws when it fails.
    /// It runs through `system(3)`, which waits for the shell itself, with output in a file: a
    /// daemon the command starts keeps whatever descriptors it inherits, so neither a pipe nor
    /// Foundation's `Process` (which watches a socket) would see it end.
    @discardableResult
    static func shell(_ argv: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-bench-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let quoted = argv.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = system("\(quoted) > '\(path)' < /dev/null")
        guard status == 0 else { throw CleanExitError("\(argv.joined(separator: " ")) failed with status \(status)") }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
