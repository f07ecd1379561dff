import Foundation
import Hummingbird
import HummingbirdTesting
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeRuntime
import KubeStorage
import Logging
import Synchronization
import Testing

@testable import Kubelet

/// A live API server on a loopback port over an in-memory store, and a kubelet for node
/// `node-a` running against it on an `InMemoryRuntime`, an `InMemoryImageService` and a
/// `TestPodNetwork`, with tiny backoffs and relist periods, its state in a temporary directory.
struct KubeletHarness {
    let client: KubeClient
    let runtime: InMemoryRuntime
    let images: InMemoryImageService
    let network: TestPodNetwork
    let root: String
    let nodeName = "node-a"

    /// The configuration the harness's kubelets run with.
    func configuration() -> KubeletConfiguration {
        var config = KubeletConfiguration(nodeName: nodeName, rootDirectory: root)
        config.podLogsDirectory = root + "/logs"
        config.leaseRenewInterval = .milliseconds(200)
        config.nodeStatusUpdateFrequency = .milliseconds(200)
        config.crashLoopInitialBackoff = .milliseconds(200)
        config.crashLoopMaxBackoff = .milliseconds(800)
        config.podLifecycleRelistPeriod = .milliseconds(50)
        return config
    }

    /// A kubelet with the harness's parts (not started).
    func makeKubelet(
        readiness: any ContainerReadiness = RunningIsReady(), _ configure: (inout KubeletConfiguration) -> Void = { _ in }
    ) -> Kubelet {
        var config = configuration()
        configure(&config)
        var logger = Logger(label: "test.kubelet")
        logger.logLevel = .warning
        return Kubelet(
            client: client, configuration: config, runtime: runtime, images: images, network: network, logger: logger, readiness: readiness)
    }

    /// Starts a kubelet with the harness's parts; cancel the task to stop it.
    func startKubelet(_ configure: (inout KubeletConfiguration) -> Void = { _ in }) -> Task<Void, Never> {
        let kubelet = makeKubelet(configure)
        return Task { await kubelet.run() }
    }

    /// Starts the server, runs `body` with a harness (no kubelet started yet), stops the server.
    static func run(
        runtime: InMemoryRuntime = InMemoryRuntime(), images: InMemoryImageService = InMemoryImageService(),
        _ body: @Sendable (KubeletHarness) async throws -> Void
    ) async throws {
        let server = try await APIServer.start(store: MemoryStore())
        let follower = Task { try await server.run() }
        defer { follower.cancel() }
        let root = NSTemporaryDirectory() + "skiff-kubelet-test-\(UUID().uuidString.prefix(8))"
        defer {
            TmpfsMounts.unmountAll(under: root)
            try? FileManager.default.removeItem(atPath: root)
        }
        let app = Application(responder: server.responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { testClient in
            let port = try #require(testClient.port)
            let kube = KubeClient(config: ClientConfig(server: "http://127.0.0.1:\(port)"), maxConnections: 32)
            let harness = KubeletHarness(client: kube, runtime: runtime, images: images, network: TestPodNetwork(), root: root)
            do {
                try await body(harness)
            } catch {
                await kube.shutdown()
                throw error
            }
            await kube.shutdown()
        }
    }

    /// Polls `condition` every 20 ms until it holds; fails with `what` after `timeout`.
    func eventually(_ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessTimeout(what: what)
    }

    /// Creates a pod bound to the harness's node from `spec` (JSON), returns it as stored.
    @discardableResult
    func createPod(_ name: String, spec: JSONValue, namespace: String = "default") async throws -> JSONValue {
        var spec = spec
        spec["nodeName"] = .string(nodeName)
        let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec]
        return try await client.create(.pods, namespace: namespace, pod)
    }

    /// The pod `name` as stored, or nil when it is gone.
    func pod(_ name: String, namespace: String = "default") async throws -> JSONValue? {
        do { return try await client.get(.pods, namespace: namespace, name: name) } catch let e as ClientError where e.code == 404 { return nil }
    }

    /// Waits for pod `name` to satisfy `condition` and returns it.
    @discardableResult
    func waitForPod(_ name: String, _ what: String, timeout: Duration = .seconds(10), _ condition: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        let box = PodBox()
        try await eventually("pod \(name) \(what)", timeout: timeout) {
            guard let pod = try await self.pod(name), condition(pod) else { return false }
            box.set(pod)
            return true
        }
        return box.get() ?? [:]
    }

    /// The events about object `name`, as (reason, message).
    func events(about name: String, namespace: String = "default") async throws -> [(reason: String, message: String)] {
        try await client.listAll(.events, namespace: namespace).items
            .filter { $0["involvedObject"]?["name"]?.stringValue == name }
            .map { ($0["reason"]?.stringValue ?? "", $0["message"]?.stringValue ?? "") }
    }

    /// The status of container `name` in `pod`.
    static func containerStatus(_ pod: JSONValue, _ name: String, init isInit: Bool = false) -> JSONValue? {
        pod["status"]?[isInit ? "initContainerStatuses" : "containerStatuses"]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }
}

/// Holds a pod across a `@Sendable` closure.
final class PodBox: Sendable {
    private let value = Mutex<JSONValue?>(nil)
    func set(_ v: JSONValue) { value.withLock { $0 = v } }
    func get() -> JSONValue? { value.withLock { $0 } }
}

/// `eventually` gave up.
struct HarnessTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}
