import KubeAPI

/// Which node holds which subnets of the cluster range (Kubernetes' range allocator
/// bookkeeping): nodes that bring a pod CIDR inside the range occupy it, nodes without one get
/// the next free subnet, deleted nodes give theirs back. Pod CIDRs outside the range are ignored.
struct NodeCIDRAllocator: Sendable {
    private(set) var set: CIDRSet
    private var byNode: [String: ClosedRange<Int>] = [:]
    /// Nodes waiting for a subnet because the range was full.
    private(set) var waiting = Set<String>()

    /// An allocator over `clusterCIDR` (the first IPv4 block of a comma-separated list) cut into
    /// `/maskSize` subnets; nil when there is no usable IPv4 range.
    init?(clusterCIDR: String, maskSize: Int) {
        let blocks = clusterCIDR.split(separator: ",").compactMap { IPv4CIDR(String($0).trimmingSpaces) }
        guard let cluster = blocks.first, let set = CIDRSet(cluster: cluster, maskSize: maskSize) else { return nil }
        self.set = set
    }

    /// The node's IPv4 pod CIDR (from `spec.podCIDRs`, else `spec.podCIDR`); nil when it has none.
    static func podCIDR(of node: JSONValue) -> IPv4CIDR? {
        let listed = (node["spec"]?["podCIDRs"]?.arrayValue ?? []).compactMap(\.stringValue)
        let all = listed.isEmpty ? [node["spec"]?["podCIDR"]?.stringValue].compactMap { $0 } : listed
        return all.lazy.compactMap { IPv4CIDR($0) }.first
    }

    /// Whether the node has any pod CIDR set (IPv4 or not).
    static func hasPodCIDR(_ node: JSONValue) -> Bool {
        !(node["spec"]?["podCIDR"]?.stringValue ?? "").isEmpty || !(node["spec"]?["podCIDRs"]?.arrayValue ?? []).isEmpty
    }

    /// Records the pod CIDR `node` carries as used by it, when it lies inside the range.
    mutating func observe(_ node: JSONValue) {
        guard let cidr = Self.podCIDR(of: node), let range = set.indices(covering: cidr) else { return }
        waiting.remove(node.name)
        guard byNode[node.name] != range else { return }
        if let old = byNode[node.name] { set.release(old) }
        set.occupy(range)
        byNode[node.name] = range
    }

    /// Frees what node `name` held; returns the nodes waiting for a subnet when something was freed.
    mutating func forget(_ name: String) -> Set<String> {
        waiting.remove(name)
        guard let range = byNode.removeValue(forKey: name) else { return [] }
        set.release(range)
        return waiting
    }

    /// The subnet for node `name`: the one it was given before, or the next free one; nil (and
    /// the node noted as waiting) when the range is full.
    mutating func assign(_ name: String) -> IPv4CIDR? {
        if let held = byNode[name] { return IPv4CIDR(base: set.subnet(held.lowerBound).base, prefix: set.maskSize) }
        guard let index = set.allocateNext() else {
            waiting.insert(name)
            return nil
        }
        waiting.remove(name)
        byNode[name] = index...index
        return set.subnet(index)
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
