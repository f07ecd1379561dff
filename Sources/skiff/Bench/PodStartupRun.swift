import Foundation
import KubeAPI
import KubeClient
import Synchronization

/// The processes of one `skiff bench pods` run and its measurements.
final class PodStartupRun: Sendable {
    let server: BenchServer
    let kubelet: BenchChild
    let registry: String
    let imageScript: String
    let client: KubeClient
    let nodeName = "bench-node"
    /// When the watcher first saw each pod Running.
    let running = Mutex<[String: ContinuousClock.Instant]>([:])
    let watcher = Mutex<Task<Void, Never>?>(nil)

    private init(server: BenchServer, kubelet: BenchChild, registry: String, imageScript: String, client: KubeClient) {
        self.server = server
        self.kubelet = kubelet
        self.registry = registry
        self.imageScript = imageScript
        self.client = client
    }

    /// Starts the registry, the server and the kubelet, and waits for the node to be Ready.
    static func start(imageScript: String) async throws -> PodStartupRun {
        let registry = try PodStartupBench.shell([imageScript, "start"])
        let server = try await BenchServer.start()
        let registries = "\(server.dataDir)/registries.yaml"
        try "mirrors:\n  docker.io:\n    endpoint:\n      - \"http://\(registry)\"\n".write(toFile: registries, atomically: true, encoding: .utf8)
        let kubelet = try BenchChild(
            ["kubelet", "--kubeconfig", "\(server.dataDir)/kubeconfig.yaml", "--node-name", "bench-node",
             "--data-dir", "\(server.dataDir)/node", "--private-registry", registries, "--log-level", "warning"],
            logPath: "\(server.dataDir)/kubelet.log")
        let client = KubeClient(config: server.client, maxConnections: 256)
        let run = PodStartupRun(server: server, kubelet: kubelet, registry: registry, imageScript: imageScript, client: client)
        try await waitFor("node bench-node Ready", timeout: .seconds(60)) {
            let node = try await client.get(.nodes, name: "bench-node")
            return (node["status"]?["conditions"]?.arrayValue ?? []).contains {
                $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
            }
        }
        try await LoadGenerator(client: client).createNamespace("bench")
        run.startWatching()
        return run
    }

    func startWatching() {
        let task = Task { [client, self] in
            while !Task.isCancelled {
                do {
                    for try await event in client.watch(.pods, namespace: "bench") {
                        guard event.object["status"]?["phase"]?.stringValue == "Running" else { continue }
                        let name = event.object.name
                        running.withLock { if $0[name] == nil { $0[name] = .now } }
                    }
                } catch {
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
        }
        watcher.withLock { $0 = task }
    }

    /// A busybox pod that sleeps, with a small request so that `--hold` pods fit.
    static func pod(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
            "spec": [
                "terminationGracePeriodSeconds": 0,
                "containers": [["name": "main", "image": "busybox", "command": ["sleep", "3600"],
                                "resources": ["requests": ["cpu": "1m", "memory": "1Mi"]]]],
            ],
        ]
    }

    func runningSince(_ name: String) -> ContinuousClock.Instant? { running.withLock { $0[name] } }

    /// Writes dirty pages back (`sync`) before a burst, Skiff's or Docker's, so that neither
    /// starts while the writeback of the phase before it is pending: on a filesystem without a
    /// journal, inodes freed by that phase stay unusable, and are scanned past at every
    /// allocation, until their inode table blocks are written.
    static func settle() {
        sync()
    }

    func measure(sequential: Int, burst: Int, hold: Int) async throws {
        report(BenchMachine.summary())
        let warm = ContinuousClock.now
        _ = try await client.create(.pods, namespace: "bench", Self.pod("warm"))
        try await waitFor("the warm-up pod (image pull)", timeout: .seconds(120)) { self.runningSince("warm") != nil }
        report(String(format: "first pod, pulling busybox from the local registry: %.0f ms", (ContinuousClock.now - warm).milliseconds))
        try await deleteAll(["warm"])
        var latencies: [Double] = []
        for i in 0..<sequential {
            let name = "seq-\(i)"
            let start = ContinuousClock.now
            _ = try await client.create(.pods, namespace: "bench", Self.pod(name))
            try await waitFor("\(name) Running", timeout: .seconds(60), every: .milliseconds(2)) { self.runningSince(name) != nil }
            latencies.append(((runningSince(name) ?? .now) - start).milliseconds)
            try await deleteAll([name])
        }
        latencies.sort()
        let p50 = Self.percentile(latencies, 0.5)
        report(String(format: "one at a time (%d pods): create -> Running p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                      sequential, p50, Self.percentile(latencies, 0.99), latencies.last ?? 0))
        let names = (0..<burst).map { "burst-\($0)" }
        Self.settle()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in names { group.addTask { _ = try await self.client.create(.pods, namespace: "bench", Self.pod(name)) } }
            try await group.waitForAll()
        }
        try await waitFor("\(burst) pods Running", timeout: .seconds(300), every: .milliseconds(10)) {
            names.allSatisfy { self.runningSince($0) != nil }
        }
        let last = names.compactMap { runningSince($0) }.max() ?? .now
        report(String(format: "%d pods created at once: all Running after %.2f s", burst, (last - start).milliseconds / 1000))
        let extra = (burst..<hold).map { "burst-\($0)" }
        for name in extra { _ = try await client.create(.pods, namespace: "bench", Self.pod(name)) }
        try await waitFor("\(hold) pods Running", timeout: .seconds(300)) { extra.allSatisfy { self.runningSince($0) != nil } }
        try await Task.sleep(for: .seconds(12))
        report(String(format: "kubelet with %d running pods: RSS %.1f MiB (peak %.1f MiB), CPU %.1f s in all",
                      hold, kubelet.residentMiB(), kubelet.peakMiB(), kubelet.cpuSeconds()))
        try await deleteAll(names + extra)
        if let docker = try await DockerPeer.start(root: "\(server.dataDir)/docker", imageScript: imageScript) {
            defer { docker.stop() }
            let dockerP50 = try await docker.measure(sequential: sequential, burst: burst)
            report(String(format: "ratio: skiff pod p50 / docker run p50 = %.2f", p50 / max(dockerP50, 0.001)))
        }
    }

    /// Deletes pods and waits until they are gone (the kubelet has stopped their containers).
    func deleteAll(_ names: [String]) async throws {
        for name in names { try? await client.delete(.pods, namespace: "bench", name: name) }
        try await waitFor("\(names.count) pods deleted", timeout: .seconds(120), every: .milliseconds(5)) {
            try await client.listAll(.pods, namespace: "bench").items.allSatisfy { !names.contains($0.name) }
        }
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    /// Deletes what is left, stops the kubelet, the server and the registry, and removes the
    /// containers and mounts of the run.
    func stop() async {
        watcher.withLock { $0?.cancel() }
        if let pods = try? await client.listAll(.pods, namespace: "bench").items.map(\.name) { try? await deleteAll(pods) }
        kubelet.stop()
        _ = try? PodStartupBench.shell([URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path, "killall", "--data-dir", "\(server.dataDir)/node"])
        await client.shutdown()
        server.stop()
        _ = try? PodStartupBench.shell([imageScript, "stop", registry])
    }
}
