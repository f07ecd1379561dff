import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Hollow nodes, as kwok does them: registers nodes with the API server, keeps their Leases
/// fresh, and plays kubelet for the pods bound to them without running anything: a bound pod
/// becomes Running and Ready with an IP from its node's range, and a pod being deleted is
/// removed. One process holds thousands of nodes.
public final class HollowFleet: Sendable {
    /// What the nodes look like.
    public let config: HollowNodeConfig
    let client: KubeClient
    let logger: Logger
    let pods: Informer
    let state: Mutex<FleetState>
    let actions: AsyncStream<PodAction>
    let actionSink: AsyncStream<PodAction>.Continuation
    private let started = Atomic<Int>(0)

    /// A fleet described by `config`, talking to the API server through `client`. Fails when the
    /// pod CIDR is malformed or too small for `config.count` nodes.
    public init(client: KubeClient, config: HollowNodeConfig, logger: Logger = Logger(label: "skiff.simulator")) throws {
        guard let range = PodRange(cidr: config.podCIDR) else {
            throw ClientError(code: 0, message: "invalid pod CIDR \(config.podCIDR)")
        }
        guard range.subnetCount >= config.count else {
            throw ClientError(code: 0, message: "pod CIDR \(config.podCIDR) holds \(range.subnetCount) /24 ranges, fewer than \(config.count) nodes")
        }
        self.client = client
        self.config = config
        self.logger = logger
        state = Mutex(FleetState(config: config, range: range))
        pods = Informer(
            client: client, resource: .pods, options: ListOptions(fieldSelector: "spec.nodeName!="), keeping: Self.podFields)
        (actions, actionSink) = AsyncStream.makeStream(of: PodAction.self)
    }

    /// What the fleet reads of a pod, the only part parsed: pods not yet bound to a node are not
    /// even sent (the informer selects `spec.nodeName!=`), as kwok watches only bound pods.
    public static let podFields = JSONKeyFilter.object([
        "metadata": .keys(["name", "namespace", "uid", "resourceVersion", "deletionTimestamp"]),
        "spec": .object([
            "nodeName": .whole, "hostNetwork": .whole,
            "containers": .keys(["name", "image"]), "initContainers": .keys(["name", "image"]),
        ]),
        "status": .keys(["phase", "startTime"]),
    ])

    /// Pods this fleet has moved to Running so far.
    public var startedPods: Int { started.load(ordering: .relaxed) }

    /// Registers the nodes (concurrently; existing ones are kept) and their Leases; returns once
    /// every node exists.
    public func register(concurrency: Int = 32) async throws {
        let now = Timestamp.format(Date())
        try await forEach(0..<config.count, concurrency: concurrency) { [self] index in
            let podRange = state.withLock { $0.range(ofNode: index) }
            let node = config.node(index, podRange: podRange, now: now)
            do {
                _ = try await client.create(.nodes, node)
            } catch let error as ClientError where error.code == 409 {
                _ = try await client.patch(.nodes, name: config.name(index), type: .strategic, ["status": node["status"] ?? [:]], subresource: "status")
            }
            try await renewLease(index)
        }
        logger.info("registered \(config.count) hollow nodes")
    }

    /// Runs until cancelled: renews Leases and plays kubelet for pods on the fleet's nodes.
    public func run(podWorkers: Int = 16) async {
        pods.addHandler { [self] event in handle(event) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pods.run(logger: self.logger) }
            group.addTask { await self.renewLeases() }
            for _ in 0..<podWorkers {
                group.addTask {
                    for await action in self.actions {
                        if Task.isCancelled { return }
                        await self.perform(action)
                    }
                }
            }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                actionSink.finish()
            }
        }
    }

    /// Renews every node's Lease once per `leaseInterval`, spread evenly over the interval.
    func renewLeases() async {
        let slices = max(1, min(config.count, 100))
        while !Task.isCancelled {
            for slice in 0..<slices {
                try? await Task.sleep(for: config.leaseInterval / slices)
                if Task.isCancelled { return }
                try? await forEach(Array(stride(from: slice, to: config.count, by: slices)), concurrency: 8) { [self] index in
                    do { try await renewLease(index) } catch { logger.debug("lease \(config.name(index)): \(error)") }
                }
            }
        }
    }

    /// Creates or renews node `index`'s Lease, updating the cached copy (for its resourceVersion).
    func renewLease(_ index: Int) async throws {
        let cached = state.withLock { $0.leases[index] }
        do {
            let stored = try await client.renewNodeLease(
                name: config.name(index), durationSeconds: config.leaseDurationSeconds, cached: cached)
            state.withLock { $0.leases[index] = stored }
        } catch {
            state.withLock { $0.leases[index] = nil }
            throw error
        }
    }

    func noteStarted() { started.add(1, ordering: .relaxed) }
}

/// Runs `body` for every element with at most `concurrency` at a time; the first error is thrown
/// after the running calls finish.
func forEach<S: Sequence & Sendable>(
    _ elements: S, concurrency: Int, _ body: @escaping @Sendable (S.Element) async throws -> Void
) async throws where S.Element: Sendable {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var running = 0
        for element in elements {
            if running >= concurrency {
                try await group.next()
                running -= 1
            }
            group.addTask { try await body(element) }
            running += 1
        }
        try await group.waitForAll()
    }
}
