import Foundation
import KubeClient
import KubeStorageConformance

/// A `skiff server --disable-agent` child process for benchmarks, on a free port and a fresh
/// data folder that is removed on `stop`.
final class BenchServer: Sendable {
    let process: Process
    let url: String
    /// How to reach the server as its admin (from the kubeconfig it wrote).
    let client: ClientConfig
    let dataDir: String
    let readyMilliseconds: Double

    private init(process: Process, client: ClientConfig, dataDir: String, readyMilliseconds: Double) {
        self.process = process
        self.url = client.server
        self.client = client
        self.dataDir = dataDir
        self.readyMilliseconds = readyMilliseconds
    }

    /// Starts the server (with `extraArguments`) and waits for `/readyz`.
    static func start(extraArguments: [String] = []) async throws -> BenchServer {
        let port = Int.random(in: 20000...29999)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments = ["server", "--disable-agent", "--data-dir", dir, "--write-kubeconfig", "\(dir)/kubeconfig.yaml", "--https-listen-port", String(port), "--log-level", "warning"] + extraArguments
        p.standardOutput = FileHandle.nullDevice
        let started = ContinuousClock.now
        do {
            try p.run()
        } catch {
            try? FileManager.default.removeItem(atPath: dir)
            throw error
        }
        var probe: KubeClient?
        defer { if let finished = probe { Task { await finished.shutdown() } } }
        while ContinuousClock.now - started < .seconds(30) {
            if probe == nil, let config = try? ClientConfig.fromKubeconfig(path: "\(dir)/kubeconfig.yaml", userAgent: "skiff-bench") {
                probe = KubeClient(config: config, maxConnections: 1)
            }
            if let probe, (try? await probe.request(.GET, "/readyz", timeout: .milliseconds(200))) != nil {
                return BenchServer(
                    process: p, client: probe.config, dataDir: dir, readyMilliseconds: (ContinuousClock.now - started).milliseconds)
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        p.terminate()
        p.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dir)
        throw CleanExitError("skiff server did not become ready in 30 s")
    }

    /// The server's resident memory in MiB (VmRSS).
    func residentMiB() -> Double { Self.memoryMiB(pid: process.processIdentifier, field: "VmRSS") }

    /// Waits until the server has caught up with earlier work (its CPU use over 250 ms below a
    /// quarter of a core), at most `timeout`; returns the seconds waited.
    func waitUntilQuiet(timeout: Duration = .seconds(15)) async throws -> Double {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            let before = cpuSeconds()
            try await Task.sleep(for: .milliseconds(250))
            if cpuSeconds() - before < 0.25 * 0.25 { break }
        }
        return (ContinuousClock.now - start).milliseconds / 1000
    }

    /// A memory figure of process `pid` in MiB from /proc/PID/status: `VmRSS` (now) or `VmHWM` (peak).
    static func memoryMiB(pid: Int32, field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("\(field):") }),
            let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return -1 }
        return kb / 1024
    }

    /// CPU time (user + system) the server has used, in seconds.
    func cpuSeconds() -> Double { Self.cpuSeconds(pid: String(process.processIdentifier)) }

    /// CPU time (user + system) of process `pid` (or `self`), in seconds, from /proc.
    static func cpuSeconds(pid: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3; utime and stime are fields 14 and 15.
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / 100
    }

    /// Stops the server (if it still runs) and removes its data, unless `keepingData`. A server
    /// still running 30 s after SIGTERM is killed, and said so on stderr: its graceful shutdown
    /// hangs, a bug, which must not hang the bench too.
    func stop(keepingData: Bool = false) {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(30)
            while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
            if process.isRunning {
                FileHandle.standardError.write(Data("skiff server (pid \(process.processIdentifier)) did not exit within 30 s of SIGTERM; killing it\n".utf8))
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
        }
        if !keepingData { try? FileManager.default.removeItem(atPath: dataDir) }
    }
}

/// CPU seconds, so far, of etcd's members, of this process and of the API server (if any).
struct CPUClock {
    var etcd: Double?
    var this: Double
    var server: Double

    init(_ etcd: EtcdTestCluster?, _ server: BenchServer?) {
        self.etcd = etcd.map { $0.processIDs.reduce(0) { $0 + BenchServer.cpuSeconds(pid: String($1)) } }
        this = BenchServer.cpuSeconds(pid: "self")
        self.server = server?.cpuSeconds() ?? 0
    }

    /// Microseconds per operation between `start` and `self`, for `count` operations.
    func perOperation(since start: CPUClock, count: Int) -> (etcd: Double?, this: Double, server: Double) {
        let us = { (d: Double) in d * 1e6 / Double(count) }
        let store: Double? = if let etcd, let before = start.etcd { us(etcd - before) } else { nil }
        return (store, us(this - start.this), us(server - start.server))
    }
}
