import Foundation
import KubeAPI
import KubeClient
import KubeNetwork
import KubeRuntime
import Logging
import Synchronization

/// Keeps this node's Node object and Lease: registers the node, writes its status when it
/// changes (or every `nodeStatusReportFrequency`), renews the Lease every `leaseRenewInterval`,
/// and configures the pod network once the node IPAM controller has given the node a podCIDR.
final class NodeAgent: Sendable {
    let client: KubeClient
    let configuration: KubeletConfiguration
    let network: any PodNetwork
    let images: any ImageService
    let runtime: any RuntimeService
    let logger: Logger
    let facts: NodeFacts
    let runtimeVersion: String
    private let state = Mutex(State())

    private struct State {
        var lastStatus: JSONValue?
        var lastReport: ContinuousClock.Instant?
        var lease: JSONValue?
        var configuredCIDR: String?
        var nodeUID: String?
    }

    init(
        client: KubeClient, configuration: KubeletConfiguration, network: any PodNetwork, runtime: any RuntimeService,
        images: any ImageService, facts: NodeFacts, runtimeVersion: String, logger: Logger
    ) {
        self.client = client
        self.runtime = runtime
        self.images = images
        self.configuration = configuration
        self.network = network
        self.facts = facts
        self.runtimeVersion = runtimeVersion
        self.logger = logger
    }

    /// The node's InternalIP (pods' `hostIP`).
    var hostIP: String { facts.internalIP }

    /// Creates the Node, or, when it exists, brings its labels and status up to date. Retries
    /// until it succeeds or the task is cancelled.
    func register() async {
        while !Task.isCancelled {
            do {
                try await registerOnce()
                return
            } catch {
                logger.warning("registering node \(configuration.nodeName): \(error); retrying")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func registerOnce() async throws {
        let now = Timestamp.format(Date())
        let node = NodeStatusBuilder.node(facts, configuration, runtimeVersion: runtimeVersion, now: now)
        let stored: JSONValue
        do {
            stored = try await client.create(.nodes, node)
            logger.info("registered node \(configuration.nodeName)")
        } catch let error as ClientError where error.code == 409 {
            _ = try await client.patch(.nodes, name: configuration.nodeName, type: .merge, ["metadata": ["labels": node["metadata"]?["labels"] ?? [:]]])
            stored = try await client.patch(.nodes, name: configuration.nodeName, type: .merge, ["status": node["status"] ?? [:]], subresource: "status")
        }
        state.withLock {
            $0.lastStatus = node["status"]
            $0.lastReport = .now
            $0.nodeUID = stored.uid.isEmpty ? nil : stored.uid
        }
        await podCIDRChanged(stored)
    }

    /// Recomputes the status every `nodeStatusUpdateFrequency` and writes it when it changed or
    /// the report frequency has passed; until cancelled.
    func runStatusLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.nodeStatusUpdateFrequency)
            if Task.isCancelled { return }
            do { try await updateStatusIfNeeded() } catch { logger.debug("node status: \(error)") }
        }
    }

    /// Writes the node status if it changed or is due; returns whether it wrote.
    @discardableResult
    func updateStatusIfNeeded() async throws -> Bool {
        let (previous, lastReport) = state.withLock { ($0.lastStatus, $0.lastReport) }
        var runtimeError: String?
        do { _ = try await runtime.listPodSandboxes() } catch { runtimeError = "\(error)" }
        var status = NodeStatusBuilder.status(
            facts, configuration, runtimeVersion: runtimeVersion, previous: previous, now: Timestamp.format(Date()),
            runtimeError: runtimeError)
        if let records = try? await images.listImages() { status["images"] = NodeStatusBuilder.images(records) }
        let due = lastReport.map { ContinuousClock.now - $0 >= configuration.nodeStatusReportFrequency } ?? true
        guard due || NodeStatusBuilder.changed(previous, status) else { return false }
        let stored = try await client.patch(.nodes, name: configuration.nodeName, type: .merge, ["status": status], subresource: "status")
        state.withLock {
            $0.lastStatus = status
            $0.lastReport = .now
        }
        await podCIDRChanged(stored)
        return true
    }

    /// Renews the Lease every `leaseRenewInterval` until cancelled (the first at once).
    func runLeaseLoop() async {
        while !Task.isCancelled {
            await renewLease()
            try? await Task.sleep(for: configuration.leaseRenewInterval)
        }
    }

    func renewLease() async {
        let (cached, nodeUID) = state.withLock { ($0.lease, $0.nodeUID) }
        do {
            let stored = try await client.renewNodeLease(
                name: configuration.nodeName, durationSeconds: configuration.leaseDurationSeconds, cached: cached, nodeUID: nodeUID)
            state.withLock { $0.lease = stored }
        } catch {
            state.withLock { $0.lease = nil }
            logger.debug("node lease: \(error)")
        }
    }

    /// Watches this Node for its podCIDR until cancelled.
    func runNodeWatch() async {
        let informer = Informer(
            client: client, resource: .nodes, options: ListOptions(fieldSelector: "metadata.name=\(configuration.nodeName)"))
        let (changes, sink) = AsyncStream.makeStream(of: JSONValue.self, bufferingPolicy: .bufferingNewest(1))
        informer.addHandler { event in
            switch event {
            case .added(let node), .updated(_, let node): sink.yield(node)
            case .deleted: break
            }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await informer.run(logger: self.logger) }
            group.addTask {
                for await node in changes { await self.podCIDRChanged(node) }
            }
            await withTaskCancellationHandler { await group.waitForAll() } onCancel: { sink.finish() }
        }
    }

    /// Configures the pod network for the node's `spec.podCIDR` when it is new.
    func podCIDRChanged(_ node: JSONValue) async {
        guard let cidr = node["spec"]?["podCIDR"]?.stringValue, !cidr.isEmpty,
            state.withLock({ $0.configuredCIDR }) != cidr
        else { return }
        do {
            try await network.configure(podCIDR: cidr)
            state.withLock { $0.configuredCIDR = cidr }
            logger.info("pod network configured for \(cidr)")
        } catch {
            logger.error("configuring pod network for \(cidr): \(error)")
        }
    }
}
