import Foundation
import KubeAPI
import KubeClient


/// Kubernetes' node lifecycle controller: every `nodeMonitorPeriod` it checks each node's
/// heartbeats (its Ready condition and its Lease in `kube-node-lease`); a node silent for longer
/// than the grace period gets its conditions set to Unknown. It keeps the condition taints in
/// step (`NoExecute` not-ready/unreachable for taint-based eviction, `NoSchedule` ones for
/// TaintNodesByCondition) and marks the pods of a node that is not Ready as not Ready.
/// Zone disruption modes and eviction rate limits are not modelled.
public struct NodeLifecycleController: Reconciler {
    /// `node-lifecycle`.
    public let name = "node-lifecycle"
    /// The queue key that starts a sweep over every node.
    static let sweepKey = ""
    let client: KubeClient
    let recorder: EventRecorder
    let options: ControllerOptions
    let nodes: Informer
    let leases: Informer
    let pods: Informer
    let health = Locked<[String: NodeHealth]>([:])
    let queue = Locked<WorkQueue<String>?>(nil)
    let now: @Sendable () -> Date

    /// Nodes, Leases and pods.
    public var informers: [Informer] { [nodes, leases, pods] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) { self.init(context: context, now: { Date() }) }

    init(context: ControllerContext, now: @escaping @Sendable () -> Date) {
        client = context.client
        recorder = context.recorder
        options = context.options
        nodes = context.informers.informer(.nodes)
        leases = context.informers.informer(.leases)
        pods = context.informers.informer(.pods)
        pods.lister.indexByNodeName()
        self.now = now
    }

    /// Queues a node when it changes (for its taints), the periodic sweep once, and the node of a
    /// pod that turns Ready on a node that is not.
    public func register(queue: WorkQueue<String>) {
        self.queue.withLock { $0 = queue }
        nodes.addHandler { [health] event in
            switch event {
            case .added(let n), .updated(_, let n): Task { await queue.add(n.name) }
            case .deleted(let n): _ = health.withLock { $0.removeValue(forKey: n.name) }
            }
        }
        pods.addHandler { [nodes] event in
            guard case .updated(_, let pod) = event, let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty,
                NodeTaints.conditionStatus(pod, "Ready") == "True",
                let n = nodes.lister.get(node), let ready = NodeTaints.conditionStatus(n, "Ready"), ready != "True"
            else { return }
            Task { await queue.add(node) }
        }
        Task { await queue.add(Self.sweepKey) }
    }

    /// The sweep key queues every node and comes back after `nodeMonitorPeriod`; a node key
    /// checks that node's health, taints and pods.
    public func reconcile(_ key: String) async throws -> Requeue {
        if key == Self.sweepKey {
            if let queue = queue.withLock({ $0 }) {
                for node in nodes.lister.list() { await queue.add(node.name) }
            }
            return .after(options.nodeMonitorPeriod)
        }
        guard var node = nodes.lister.get(key) else {
            _ = health.withLock { $0.removeValue(forKey: key) }
            return .done
        }
        let now = now()
        let stamp = Timestamp.format(now)
        let lease = leases.lister.get("kube-node-lease/\(key)")
        let renewed = lease?["spec"]?["renewTime"]?.stringValue.flatMap(Timestamp.parse)
        let saved = health.withLock { $0[key] }
        var observed = NodeHealthRules.observe(saved: saved, node: node, leaseRenewTime: renewed, now: now)
        health.withLock { $0[key] = observed }
        if NodeHealthRules.isStale(
            observed, now: now, gracePeriod: options.nodeMonitorGracePeriod, startupGracePeriod: options.nodeStartupGracePeriod),
            let conditions = NodeHealthRules.unknownConditions(node, now: now)
        {
            var updated = node
            updated.set(.array(conditions), at: ["status", "conditions"])
            guard let stored = try await write(updated, subresource: "status") else { return .done }
            node = stored
            let ready = NodeHealthRules.readyCondition(node)
            observed.readyHeartbeat = ready?["lastHeartbeatTime"]?.stringValue
            observed.readyTransition = ready?["lastTransitionTime"]?.stringValue
            observed.readyTransitionTimestamp = now
            observed.hasReady = true
            observed.readyStatus = "Unknown"
            health.withLock { $0[key] = observed }
        }
        if saved?.readyStatus == "True", let status = observed.readyStatus, status != "True" {
            recorder.record(
                node, kind: "Node", type: "Normal", reason: "NodeNotReady", message: "Node \(key) status is now: NodeNotReady")
        }
        if let taints = NodeTaintPlan.plan(node, now: stamp) {
            var updated = node
            updated.set(.array(taints), at: ["spec", "taints"])
            guard try await write(updated, subresource: nil) != nil else { return .done }
        }
        if let ready = observed.readyStatus, ready != "True" { try await markPodsNotReady(on: key, now: stamp) }
        return .done
    }

    /// Writes the node (or its status); nil when the node is gone.
    func write(_ node: JSONValue, subresource: String?) async throws -> JSONValue? {
        do {
            return try await client.update(.nodes, node, subresource: subresource)
        } catch let e as ClientError where e.code == 404 {
            return nil
        }
    }

    /// Sets Ready=False on every pod of `node` that is Ready, with a `NodeNotReady` event each.
    func markPodsNotReady(on node: String, now: String) async throws {
        let changed = pods.lister.byIndex(Lister.nodeNameIndex, node).compactMap { PodReadiness.markedNotReady($0, now: now) }
        try await Concurrently.forEach(changed) { [client, recorder] pod in
            do {
                let stored = try await client.update(.pods, namespace: pod.namespace, pod, subresource: "status")
                recorder.record(stored, kind: "Pod", type: "Warning", reason: "NodeNotReady", message: "Node is not ready")
            } catch let e as ClientError where e.code == 404 {
                return
            }
        }
    }
}
