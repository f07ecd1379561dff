import Foundation
import KubeAPI
import KubeClient
import KubeNetwork
import KubeRuntime
import Logging
import Synchronization

/// The node agent: registers this node and keeps its status and Lease, watches the pods bound
/// to it and runs them through the runtime and the pod network, one worker per pod, writing
/// their status and events. On start it adopts what the runtime already runs (pods are matched
/// by the labels the kubelet put on their sandboxes and containers) and removes what belongs to
/// pods no longer bound here. Dead containers and unused images are garbage-collected, and
/// container logs rotated, as the configuration says.
public final class Kubelet: Sendable {
    /// The client of the API server.
    public let client: KubeClient
    /// This kubelet's configuration.
    public let configuration: KubeletConfiguration
    let runtime: any RuntimeService
    let images: any ImageService
    let network: any PodNetwork
    let readiness: any ContainerReadiness
    let configs: any ConfigSource
    let logger: Logger
    private let started = Mutex<PodWorkers?>(nil)
    /// The pod manager (the informer of pods bound here) and the status manager, once running.
    private let podSources = Mutex<(pods: Lister, statuses: PodStatusManager)?>(nil)

    /// A kubelet for `configuration.nodeName` talking to the API server through `client`,
    /// running pods with `runtime` and `images` on `network`. `readiness` says which running
    /// containers are ready (the probe manager; default: running means ready); `configs` is
    /// where ConfigMaps, Secrets and service account tokens are read (default: the API server;
    /// tokens are kept until they need a refresh, see `ServiceAccountTokenCache`).
    public init(
        client: KubeClient, configuration: KubeletConfiguration, runtime: any RuntimeService, images: any ImageService,
        network: any PodNetwork, logger: Logger = Logger(label: "skiff.kubelet"),
        readiness: any ContainerReadiness = RunningIsReady(), configs: (any ConfigSource)? = nil
    ) {
        self.client = client
        self.configuration = configuration
        self.runtime = runtime
        self.images = images
        self.network = network
        self.logger = logger
        self.readiness = readiness
        self.configs = ServiceAccountTokenCache(source: configs ?? APIConfigSource(client: client))
    }

    /// Runs the agent until the task is cancelled. Pods keep running after it returns (a
    /// restarted kubelet adopts them).
    public func run() async {
        let runtimeVersion = (try? await runtime.version()) ?? "unknown://0.0.0"
        let scheme = runtimeVersion.components(separatedBy: "://").first ?? "unknown"
        try? FileManager.default.createDirectory(atPath: configuration.rootDirectory, withIntermediateDirectories: true)
        let facts = NodeFacts.read(rootDirectory: configuration.rootDirectory, apiServer: client.config.server)
        let node = NodeAgent(
            client: client, configuration: configuration, network: network, runtime: runtime, images: images, facts: facts,
            runtimeVersion: runtimeVersion, logger: logger)
        await node.register()
        if Task.isCancelled { return }

        let recorder = EventRecorder(client: client, component: "kubelet")
        let volumes = VolumeManager(rootDirectory: configuration.rootDirectory, configs: configs)
        // Every container's service link variables; containers start once the first list is in.
        let services = Informer(
            client: client, resource: .services, keeping: .withoutManagedFields)
        let statuses = PodStatusManager(client: client, logger: logger)
        let syncer = PodSyncer(
            configuration: configuration, runtime: runtime,
            puller: ImagePuller(images: images, initialBackoff: configuration.crashLoopInitialBackoff, maxBackoff: configuration.crashLoopMaxBackoff),
            network: network, volumes: volumes, configs: configs, statuses: statuses,
            recorder: recorder, readiness: readiness, hostIPs: [facts.internalIP], nodeMilliCPU: Int64(facts.cpus) * 1000,
            nodeMemoryBytes: facts.memoryKi * 1024, runtimeScheme: scheme, services: services.lister, logger: logger)
        let workers = PodWorkers(syncer: syncer, client: client, logger: logger)
        started.withLock { $0 = workers }
        let pods = Informer(
            client: client, resource: .pods, options: ListOptions(fieldSelector: "spec.nodeName=\(configuration.nodeName)"),
            keeping: .withoutManagedFields)
        podSources.withLock { $0 = (pods.lister, statuses) }
        let (updates, sink) = AsyncStream.makeStream(of: InformerEvent.self)
        pods.addHandler { sink.yield($0) }
        let relister = RuntimeRelister(runtime: runtime, network: network, volumes: volumes, workers: workers, pods: pods.lister, logger: logger)
        let podLister = pods.lister
        let containerGC = ContainerGC(
            runtime: runtime, network: network, policy: configuration.containerGC, podLogsDirectory: configuration.podLogsDirectory,
            isGone: { uid in
                if await workers.active.contains(uid) { return false }
                return !podLister.list().contains { $0.uid == uid }
            }, logger: logger)
        let nodeName = configuration.nodeName
        let nodeWarning: @Sendable (String, String) -> Void = { reason, message in
            // Kubernetes' node reference has the node name as its uid.
            let node: JSONValue = ["metadata": ["name": .string(nodeName), "uid": .string(nodeName)]]
            recorder.record(node, kind: "Node", type: "Warning", reason: reason, message: message)
        }
        let imageGC = ImageGC(
            images: images, runtime: runtime,
            policy: ImageGC.Policy(
                highThresholdPercent: configuration.imageGCHighThresholdPercent, lowThresholdPercent: configuration.imageGCLowThresholdPercent,
                minimumAge: configuration.imageMinimumGCAge, maximumAge: configuration.imageMaximumGCAge),
            warn: nodeWarning, logger: logger)
        let logRotator = ContainerLogRotator(
            runtime: runtime, maxSize: configuration.containerLogMaxSize, maxFiles: max(configuration.containerLogMaxFiles, 2), logger: logger)

        await withTaskGroup(of: Void.self) { group in
            group.addTask { await recorder.run(logger: self.logger) }
            group.addTask { await node.runStatusLoop() }
            group.addTask { await node.runLeaseLoop() }
            group.addTask { await node.runNodeWatch() }
            group.addTask { await pods.run(logger: self.logger) }
            group.addTask { await services.run(logger: self.logger) }
            group.addTask {
                await services.waitForSync()
                for await event in updates {
                    switch event {
                    case .added(let pod), .updated(_, let pod): await workers.update(pod)
                    case .deleted(let pod): await workers.removed(pod)
                    }
                }
            }
            group.addTask {
                await pods.waitForSync()
                if Task.isCancelled { return }
                await self.releaseStaleAddresses(known: Set(pods.lister.list().map(\.uid)))
                await relister.run(period: self.configuration.podLifecycleRelistPeriod)
            }
            group.addTask {
                await pods.waitForSync()
                if Task.isCancelled { return }
                await containerGC.run(period: self.configuration.containerGCPeriod, warn: nodeWarning)
            }
            if configuration.imageGCHighThresholdPercent >= 100 {
                logger.info("ImageGCHighThresholdPercent is set 100, Disable image GC")
            } else {
                group.addTask { await imageGC.run(period: self.configuration.imageGCPeriod) }
            }
            if configuration.containerLogMaxSize >= 0 {
                group.addTask { await logRotator.run(interval: self.configuration.containerLogMonitorInterval) }
            }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                sink.finish()
            }
        }
        await workers.shutdown()
    }

    /// After a restart: releases pod addresses held by sandboxes that no longer exist or belong
    /// to pods not bound here.
    private func releaseStaleAddresses(known: Set<String>) async {
        guard let sandboxes = try? await runtime.listPodSandboxes() else { return }
        let live = Set(sandboxes.filter { known.contains(RuntimeLabels.uid($0.config.labels) ?? "") }.map(\.id))
        do { try await network.releaseAll(except: live) } catch { logger.warning("releasing stale pod addresses: \(error)") }
    }

    /// Restarts container `containerID` of pod `podUID` because its liveness probe failed (the
    /// probe manager calls this); the pod's restartPolicy decides whether it runs again.
    public func livenessFailed(podUID: String, containerID: String) async {
        guard let workers = started.withLock({ $0 }) else { return }
        let id = containerID.components(separatedBy: "://").last ?? containerID
        await workers.livenessFailed(podUID: podUID, containerID: id)
    }

    /// Asks pod `podUID`'s worker to sync now (readiness changed, say).
    public func syncPod(podUID: String) async {
        guard let workers = started.withLock({ $0 }) else { return }
        await workers.poke([podUID])
    }

    /// The pods bound to this node as the kubelet knows them (its pod manager), each with the
    /// status the kubelet last wrote for it when there is one: what the kubelet API's `/pods`
    /// lists. Empty until the kubelet runs.
    public func pods() async -> [JSONValue] {
        guard let sources = podSources.withLock({ $0 }) else { return [] }
        var pods: [JSONValue] = []
        for var pod in sources.pods.list() {
            if let status = await sources.statuses.last(pod.uid) { pod["status"] = status }
            pods.append(pod)
        }
        return pods
    }
}
