import Foundation

/// Docker beside Skiff in `skiff bench pods`: Debian's `dockerd` started privately (its own
/// socket, data and exec roots, no bridge and no iptables, in the bench's network namespace), the
/// same busybox image loaded from a `docker save` archive, and `docker run -d` timed the same way
/// as pods: one at a time and a burst at once.
final class DockerPeer: Sendable {
    let daemon: Process
    let root: String
    var socket: String { "unix://\(root)/docker.sock" }

    private init(daemon: Process, root: String) {
        self.daemon = daemon
        self.root = root
    }

    /// Starts dockerd under `root` and loads the image; nil (with the reason printed) when Docker
    /// is not installed.
    static func start(root: String, imageScript: String) async throws -> DockerPeer? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/dockerd"), FileManager.default.isExecutableFile(atPath: "/usr/bin/docker") else {
            report("docker: not measured: Debian's docker.io is not installed (apt-get install docker.io)")
            return nil
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/dockerd")
        p.arguments = [
            "--bridge=none", "--iptables=false", "--ip6tables=false", "--data-root", "\(root)/data", "--exec-root", "\(root)/exec",
            "-H", "unix://\(root)/docker.sock", "--pidfile", "\(root)/docker.pid", "--containerd-namespace", "skiff-bench",
        ]
        let log = FileHandle(forWritingAtPath: "\(root)/../dockerd.log") ?? FileHandle.nullDevice
        p.standardOutput = log
        p.standardError = log
        try p.run()
        let peer = DockerPeer(daemon: p, root: root)
        try await waitFor("dockerd", timeout: .seconds(60)) { (try? peer.docker(["info"])) != nil }
        let archive = "\(root)/busybox.tar"
        try PodStartupBench.shell([imageScript, "docker-archive", archive])
        try peer.docker(["load", "-i", archive])
        return peer
    }

    @discardableResult
    func docker(_ arguments: [String]) throws -> String {
        try PodStartupBench.shell(["docker", "-H", socket] + arguments)
    }

    /// `docker run -d` of a sleeping busybox, `sequential` times one after another, then `burst`
    /// at once; prints the figures and returns the sequential p50 in ms.
    func measure(sequential: Int, burst: Int) async throws -> Double {
        let start0 = ContinuousClock.now
        try docker(["run", "-d", "--network", "none", "--name", "warm", "busybox", "sleep", "3600"])
        report(String(format: "docker: first container %.0f ms", (ContinuousClock.now - start0).milliseconds))
        try docker(["rm", "-f", "warm"])
        var latencies: [Double] = []
        for i in 0..<sequential {
            let start = ContinuousClock.now
            try docker(["run", "-d", "--network", "none", "--name", "seq-\(i)", "busybox", "sleep", "3600"])
            latencies.append((ContinuousClock.now - start).milliseconds)
            try docker(["rm", "-f", "seq-\(i)"])
        }
        latencies.sort()
        let p50 = PodStartupRun.percentile(latencies, 0.5)
        report(String(format: "docker run -d one at a time (%d): p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                      sequential, p50, PodStartupRun.percentile(latencies, 0.99), latencies.last ?? 0))
        PodStartupRun.settle()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<burst {
                group.addTask { try self.docker(["run", "-d", "--network", "none", "--name", "burst-\(i)", "busybox", "sleep", "3600"]) }
            }
            try await group.waitForAll()
        }
        report(String(format: "docker: %d containers started at once: all running after %.2f s", burst, (ContinuousClock.now - start).milliseconds / 1000))
        let ids = try docker(["ps", "-aq"]).split(separator: "\n").map(String.init)
        // Bounded: Docker 20.10 once hung removing a hundred containers; `stop` ends whatever is left.
        if !ids.isEmpty { _ = try? PodStartupBench.shell(["timeout", "120", "docker", "-H", socket, "rm", "-f"] + ids) }
        return p50
    }

    /// Stops dockerd (its containers are gone already) and removes its data.
    func stop() {
        daemon.terminate()
        daemon.waitUntilExit()
        _ = try? PodStartupBench.shell(["sh", "-c", "grep -o ' \(root)[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l"])
        try? FileManager.default.removeItem(atPath: root)
    }
}
