import KubeAPI
import KubeClient


/// Kubernetes' node IPAM controller with the range allocator: when `--cluster-cidr` is set, every
/// node without `spec.podCIDR` gets the next free `/--node-cidr-mask-size` subnet of it (in
/// `spec.podCIDR` and `spec.podCIDRs`); a deleted node's subnet is freed. When the range is full
/// the node gets a `CIDRNotAvailable` event and waits for a subnet to be freed.
public struct NodeIPAMController: Reconciler {
    /// `node-ipam`.
    public let name = "node-ipam"
    let client: KubeClient
    let recorder: EventRecorder
    let nodes: Informer
    /// Nil when there is no usable cluster CIDR: the controller then does nothing.
    let allocator: Locked<NodeCIDRAllocator>?

    /// Nodes.
    public var informers: [Informer] { [nodes] }

    /// A controller over `context`'s shared informers, allocating from `options.clusterCIDR`.
    public init(context: ControllerContext) {
        client = context.client
        recorder = context.recorder
        nodes = context.informers.informer(.nodes)
        let made = context.options.clusterCIDR.flatMap {
            NodeCIDRAllocator(clusterCIDR: $0, maskSize: context.options.nodeCIDRMaskSize)
        }
        allocator = made.map { Locked($0) }
    }

    /// Records each node's pod CIDR as it is seen (so allocation never hands out one a node
    /// already holds, whatever the order of work), queues nodes without one, and frees the subnet
    /// of a deleted node, queueing the nodes that wait for one.
    public func register(queue: WorkQueue<String>) {
        guard let allocator else { return }
        nodes.addHandler { event in
            switch event {
            case .added(let n), .updated(_, let n):
                allocator.withLock { $0.observe(n) }
                if !NodeCIDRAllocator.hasPodCIDR(n) { Task { await queue.add(n.name) } }
            case .deleted(let n):
                let waiting = allocator.withLock { $0.forget(n.name) }
                for name in waiting { Task { await queue.add(name) } }
            }
        }
    }

    /// Gives node `key` a pod CIDR when it has none.
    public func reconcile(_ key: String) async throws -> Requeue {
        guard let allocator else { return .done }
        guard let node = nodes.lister.get(key) else {
            _ = allocator.withLock { $0.forget(key) }
            return .done
        }
        guard !NodeCIDRAllocator.hasPodCIDR(node) else { return .done }
        let (cidr, wasWaiting) = allocator.withLock { (a: inout NodeCIDRAllocator) -> (IPv4CIDR?, Bool) in
            let before = a.waiting.contains(key)
            return (a.assign(key), before)
        }
        guard let cidr else {
            if !wasWaiting {
                recorder.record(
                    node, kind: "Node", type: "Normal", reason: "CIDRNotAvailable",
                    message: "Node \(key) status is now: CIDRNotAvailable")
            }
            return .done
        }
        let text = JSONValue.string(cidr.description)
        do {
            _ = try await client.patch(.nodes, name: key, type: .merge, ["spec": ["podCIDR": text, "podCIDRs": [text]]])
        } catch let e as ClientError where e.code == 404 {
            _ = allocator.withLock { $0.forget(key) }
        }
        return .done
    }
}
