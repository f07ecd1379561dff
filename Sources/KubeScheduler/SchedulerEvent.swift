import KubeAPI

/// What the scheduling loop learns from informers and binders, applied between cycles.
enum SchedulerEvent: Sendable {
    /// A pod was added or changed; `nodeName` is nil while it is unassigned.
    case podUpserted(PodInfo, nodeName: String?)
    /// A pending pod was bound to `nodeName` (by this scheduler, usually: then the assumed pod is
    /// simply confirmed, without decoding `object`).
    case podAssigned(key: String, nodeName: String, object: JSONValue)
    /// A pod was deleted, or finished (it no longer holds resources).
    case podDeleted(key: String, wasAssigned: Bool)
    /// A node was added or changed.
    case nodeUpserted(Node)
    /// A node was deleted.
    case nodeDeleted(name: String)
    /// A namespace's labels were seen (for affinity namespace selectors).
    case namespaceUpserted(name: String, labels: [String: String])
    /// Binding a pod failed; it is forgotten and retried after backoff.
    case bindFailed(QueuedPod, message: String)
}
