import Foundation
import KubeAPI
import KubeClient


/// Kubernetes' taint eviction controller: deletes the pods bound to a node with `NoExecute`
/// taints they do not tolerate at once, and those that tolerate them for `tolerationSeconds`
/// when that time has passed since the taint's `timeAdded`. A taint removed before then
/// cancels the eviction.
public struct TaintEvictionController: Reconciler {
    /// `taint-eviction-controller`.
    public let name = "taint-eviction-controller"
    let client: KubeClient
    let recorder: EventRecorder
    let nodes: Informer
    let pods: Informer
    /// Pods with an eviction scheduled, by node, for the cancellation event.
    let scheduled = Locked<[String: Set<String>]>([:])
    /// When this controller first saw a taint that has no `timeAdded`, by `node|key|value`.
    let firstSeen = Locked<[String: Date]>([:])
    let now: @Sendable () -> Date

    /// Nodes and pods.
    public var informers: [Informer] { [nodes, pods] }

    /// A controller over `context`'s shared informers.
    public init(context: ControllerContext) { self.init(context: context, now: { Date() }) }

    init(context: ControllerContext, now: @escaping @Sendable () -> Date) {
        client = context.client
        recorder = context.recorder
        nodes = context.informers.informer(.nodes)
        pods = context.informers.informer(.pods)
        pods.lister.indexByNodeName()
        self.now = now
    }

    /// The `NoExecute` taints of a node.
    static func noExecute(_ node: JSONValue) -> [Taint] { NodeTaints.taints(of: node).filter { $0.effect == "NoExecute" } }

    /// Queues a node when its `NoExecute` taints change, and the node of a pod bound (or changed)
    /// on a node that has any.
    public func register(queue: WorkQueue<String>) {
        nodes.addHandler { event in
            switch event {
            case .added(let n):
                if !Self.noExecute(n).isEmpty { Task { await queue.add(n.name) } }
            case .updated(let old, let new):
                if Self.noExecute(old) != Self.noExecute(new) { Task { await queue.add(new.name) } }
            case .deleted: break
            }
        }
        pods.addHandler { [nodes] event in
            let pod: JSONValue
            switch event {
            case .added(let p), .updated(_, let p): pod = p
            case .deleted: return
            }
            guard let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty, pod.deletionTimestamp == nil,
                let n = nodes.lister.get(node), !Self.noExecute(n).isEmpty
            else { return }
            Task { await queue.add(node) }
        }
    }

    /// Deletes the pods of node `key` whose time is up; comes back at the next deadline.
    public func reconcile(_ key: String) async throws -> Requeue {
        let now = now()
        let taints = nodes.lister.get(key).map(Self.noExecute) ?? []
        let added = taints.map { (taint: $0, added: addedTime($0, node: key, now: now)) }
        var due: [JSONValue] = []
        var waiting = Set<String>()
        var next: Date?
        for pod in pods.lister.byIndex(Lister.nodeNameIndex, key) where pod.deletionTimestamp == nil && !taints.isEmpty {
            switch EvictionDeadline.decide(taints: added, tolerations: NodeTaints.tolerations(of: pod), now: now) {
            case .stay: break
            case .evictNow: due.append(pod)
            case .evictAt(let at):
                waiting.insert(Lister.key(of: pod))
                next = min(next ?? at, at)
            }
        }
        cancelDropped(node: key, keeping: waiting)
        try await evict(due)
        guard let next else { return .done }
        return .after(.milliseconds(Int64(max(10, next.timeIntervalSince(now) * 1000))))
    }

    /// The taint's `timeAdded`, or when this controller first saw it when it has none.
    func addedTime(_ taint: Taint, node: String, now: Date) -> Date {
        if let text = taint.timeAdded, let at = Timestamp.parse(text) { return at }
        return firstSeen.withLock { (seen: inout [String: Date]) -> Date in
            let id = "\(node)|\(taint.key)|\(taint.value ?? "")"
            if let at = seen[id] { return at }
            seen[id] = now
            return now
        }
    }

    /// Records `Cancelling deletion` for the pods of `node` whose scheduled eviction no longer
    /// applies, and remembers `keeping` as the scheduled ones.
    func cancelDropped(node: String, keeping: Set<String>) {
        let before = scheduled.withLock { (s: inout [String: Set<String>]) -> Set<String> in
            defer { s[node] = keeping.isEmpty ? nil : keeping }
            return s[node] ?? []
        }
        for podKey in before.subtracting(keeping) {
            guard let pod = pods.lister.get(podKey), pod.deletionTimestamp == nil,
                pod["spec"]?["nodeName"]?.stringValue == node
            else { continue }
            recorder.record(
                pod, kind: "Pod", type: "Normal", reason: "TaintManagerEviction", message: "Cancelling deletion of Pod \(podKey)")
        }
        if keeping.isEmpty { firstSeen.withLock { seen in seen = seen.filter { !$0.key.hasPrefix("\(node)|") } } }
    }

    /// Deletes `pods` (16 at a time), each after a `TaintManagerEviction` event and a
    /// `DisruptionTarget` condition, as Kubernetes does.
    func evict(_ pods: [JSONValue]) async throws {
        try await Concurrently.forEach(pods) { [client, recorder] pod in
            recorder.record(
                pod, kind: "Pod", type: "Normal", reason: "TaintManagerEviction",
                message: "Marking for deletion Pod \(pod.namespace)/\(pod.name)")
            let condition: JSONValue = [
                "type": "DisruptionTarget", "status": "True", "lastTransitionTime": .string(Timestamp.format(Date())),
                "reason": "DeletionByTaintManager", "message": "Taint manager: deleting due to NoExecute taint",
            ]
            _ = try? await client.patch(
                .pods, namespace: pod.namespace, name: pod.name, type: .strategic, ["status": ["conditions": [condition]]],
                subresource: "status")
            do {
                try await client.delete(.pods, namespace: pod.namespace, name: pod.name, preconditionUID: pod.uid)
            } catch let e as ClientError where e.code == 404 || e.code == 409 {
                return
            }
        }
    }
}
