import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `skiff bench controllers`: a server with the scheduler (no controllers), `skiff simulate`
/// with hollow nodes and `skiff controller-manager`, each its own process; measures the issue's
/// figures: a ReplicaSet scaled 0 -> N until every pod runs, a rolling update of an N-replica
/// Deployment, deleting a namespace of N objects, and the controller manager's memory.
struct ControllersBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controllers", abstract: "Benchmark the controller manager with hollow nodes.")

    @Option(help: "replicaset, rollout or namespace.") var workload = "replicaset"
    @Option(help: "Hollow nodes; 0 for enough to hold --count pods at --pods-per-node.") var nodes = 0
    @Option(help: "Pods per hollow node (at most 250: each hollow node has a /24).") var podsPerNode = 110
    @Option(help: "Replicas (replicaset, rollout) or objects (namespace).") var count = 10_000
    @Option(help: "Concurrent creators of the namespace's objects.") var concurrency = 64

    func validate() throws {
        guard ["replicaset", "rollout", "namespace"].contains(workload) else {
            throw ValidationError("--workload must be replicaset, rollout or namespace")
        }
        guard count > 0, nodes >= 0 else { throw ValidationError("--count must be positive and --nodes not negative") }
        guard (1...250).contains(podsPerNode) else { throw ValidationError("--pods-per-node must be 1-250") }
    }

    func run() async throws {
        // Room for a rolling update's surge (25%) as well as the replicas themselves.
        let nodes = self.nodes > 0 ? self.nodes : (count * 5 / 4 + podsPerNode - 1) / podsPerNode + 1
        let server = try await BenchServer.start(extraArguments: ["--disable-controller-manager"])
        defer { server.stop() }
        let kubeconfig = "\(server.dataDir)/kubeconfig.yaml"
        report(BenchMachine.summary())
        report("workload: \(workload), count \(count), \(nodes) hollow nodes of \(podsPerNode) pods")
        let client = KubeClient(config: server.client, maxConnections: concurrency + 8)
        let simulator = try BenchChild(
            ["simulate", "--kubeconfig", kubeconfig, "--nodes", String(nodes), "--pods", String(podsPerNode), "--log-level", "warning"],
            logPath: "\(server.dataDir)/simulate.log")
        defer { simulator.stop() }
        let manager = try BenchChild(
            ["controller-manager", "--kubeconfig", kubeconfig, "--no-leader-elect", "--log-level", "warning"],
            logPath: "\(server.dataDir)/controller-manager.log")
        defer { manager.stop() }
        try await waitFor("\(nodes) nodes", timeout: .seconds(120)) { try await client.listAll(.nodes).items.count >= nodes }
        try await LoadGenerator(client: client).createNamespace("bench")
        try await waitFor("the default ServiceAccount (controllers running)", timeout: .seconds(60)) {
            (try? await client.get(.serviceAccounts, namespace: "bench", name: "default")) != nil
        }
        report(String(format: "controller manager ready, RSS %.1f MiB", manager.residentMiB()))
        let cpu0 = (manager.cpuSeconds(), server.cpuSeconds(), simulator.cpuSeconds())
        switch workload {
        case "replicaset": try await scaleReplicaSet(client)
        case "rollout": try await rollDeployment(client)
        default: try await deleteNamespace(client)
        }
        report(String(format: "CPU: controller manager %.1f s, API server + scheduler %.1f s, simulator %.1f s",
                     manager.cpuSeconds() - cpu0.0, server.cpuSeconds() - cpu0.1, simulator.cpuSeconds() - cpu0.2))
        report(String(format: "memory: controller manager RSS %.1f MiB (peak %.1f MiB), server RSS %.1f MiB",
                     manager.residentMiB(), manager.peakMiB(), server.residentMiB()))
        // Steady state: the processes trim their heaps every 10 s.
        try await Task.sleep(for: .seconds(12))
        report(String(format: "memory 12 s later (steady state): controller manager RSS %.1f MiB, server RSS %.1f MiB",
                     manager.residentMiB(), server.residentMiB()))
        report(try await RequestCounts.read(client).summary())
        await client.shutdown()
    }

    /// A pod template labelled `app: NAME` with a small container.
    static func template(_ app: String, version: String = "1") -> JSONValue {
        [
            "metadata": ["labels": ["app": .string(app)]],
            "spec": ["containers": [[
                "name": "app", "image": .string("registry.example/bench/app:\(version)"),
                "resources": ["requests": ["cpu": "1m", "memory": "1Mi"]],
            ]]],
        ]
    }

    func scaleReplicaSet(_ client: KubeClient) async throws {
        let rs: JSONValue = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "scale"],
            "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "scale"]], "template": Self.template("scale")],
        ]
        _ = try await client.create(.replicaSets, namespace: "bench", rs)
        let start = ContinuousClock.now
        _ = try await client.patch(.replicaSets, namespace: "bench", name: "scale", type: .merge, ["spec": ["replicas": .int(Int64(count))]])
        var created: Duration?
        try await waitFor("\(count) ready replicas", timeout: .seconds(600)) {
            let status = try await client.get(.replicaSets, namespace: "bench", name: "scale")["status"]
            if created == nil, status?["replicas"]?.intValue == Int64(count) { created = ContinuousClock.now - start }
            return status?["readyReplicas"]?.intValue == Int64(count)
        }
        let running = ContinuousClock.now - start
        report(String(format: "replicaset 0 -> %d: all created after %.2f s, all Running and ready after %.2f s",
                     count, (created ?? running).milliseconds / 1000, running.milliseconds / 1000))
    }

    func rollDeployment(_ client: KubeClient) async throws {
        let deployment: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "roll"],
            "spec": ["replicas": .int(Int64(count)), "selector": ["matchLabels": ["app": "roll"]], "template": Self.template("roll")],
        ]
        _ = try await client.create(.deployments, namespace: "bench", deployment)
        let first = ContinuousClock.now
        try await waitFor("the first rollout", timeout: .seconds(600)) { try await Self.rolledOut(client, "roll", self.count) }
        report(String(format: "deployment of %d: first rollout complete after %.2f s", count, (ContinuousClock.now - first).milliseconds / 1000))
        let start = ContinuousClock.now
        _ = try await client.patch(
            .deployments, namespace: "bench", name: "roll", type: .strategic,
            ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "registry.example/bench/app:2"]]]]]])
        try await waitFor("the rolling update", timeout: .seconds(600)) { try await Self.rolledOut(client, "roll", self.count) }
        report(String(format: "rolling update of %d replicas (25%% surge, 25%% unavailable): complete after %.2f s",
                     count, (ContinuousClock.now - start).milliseconds / 1000))
    }

    /// What `kubectl rollout status` checks: observed, all updated, no old replicas, all available.
    static func rolledOut(_ client: KubeClient, _ name: String, _ replicas: Int) async throws -> Bool {
        let d = try await client.get(.deployments, namespace: "bench", name: name)
        let s = d["status"]
        let want = Int64(replicas)
        return (s?["observedGeneration"]?.intValue ?? 0) >= d.generation && s?["updatedReplicas"]?.intValue == want
            && s?["replicas"]?.intValue == want && s?["availableReplicas"]?.intValue == want
    }

    func deleteNamespace(_ client: KubeClient) async throws {
        try await LoadGenerator(client: client).createNamespace("doomed")
        let path = ResourceInfo.configMaps.collectionPath(namespace: "doomed")
        let made = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var i = worker
                    while i < count {
                        let cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("cm-\(i)")], "data": ["k": "v"]]
                        _ = try await client.request(.POST, path, body: cm.serialized())
                        i += concurrency
                    }
                }
            }
            try await group.waitForAll()
        }
        report(String(format: "%d objects created in %.2f s", count, (ContinuousClock.now - made).milliseconds / 1000))
        let start = ContinuousClock.now
        try await client.delete(.namespaces, name: "doomed")
        try await waitFor("the namespace to go", timeout: .seconds(600)) {
            do {
                _ = try await client.get(.namespaces, name: "doomed")
                return false
            } catch let e as ClientError where e.code == 404 {
                return true
            }
        }
        report(String(format: "namespace of %d objects deleted in %.2f s", count, (ContinuousClock.now - start).milliseconds / 1000))
    }
}

/// Prints a line and flushes it, so progress shows as it happens when the output is piped.
func report(_ line: String) {
    print(line)
    fflush(nil)
}
