/// The domains of one topology key over a snapshot's nodes: the distinct values of the label,
/// and for each node (indexed like `Snapshot.nodes`) the index of its value. Plugins that count
/// pods per domain for every node (topology spread, inter-pod affinity) index arrays with these
/// instead of hashing the label's value for each node.
public struct TopologyDomains: Sendable, Equatable {
    /// The distinct values, in the order of the first node carrying each.
    public let values: [String]
    /// The index in `values` of each node's value; -1 when the node lacks the label.
    private let nodeDomain: [Int32]
    /// Each node's identity, to tell a snapshot's node from another `NodeInfo` (a preemption
    /// what-if copy) at the same index.
    private let owners: [ObjectIdentifier]
    /// The index of each value in `values`.
    private let indexByValue: [String: Int32]

    /// The domains of `key` over `nodes`.
    init(key: String, nodes: [NodeInfo]) {
        var values: [String] = []
        var indexByValue: [String: Int32] = [:]
        var nodeDomain: [Int32] = []
        nodeDomain.reserveCapacity(nodes.count)
        for node in nodes {
            guard let value = node.labels[key] else {
                nodeDomain.append(-1)
                continue
            }
            if let known = indexByValue[value] {
                nodeDomain.append(known)
            } else {
                let index = Int32(values.count)
                indexByValue[value] = index
                values.append(value)
                nodeDomain.append(index)
            }
        }
        self.values = values
        self.indexByValue = indexByValue
        self.nodeDomain = nodeDomain
        owners = nodes.map(ObjectIdentifier.init)
    }

    /// The domain of the node at `index` of the snapshot's nodes; -1 when it lacks the label.
    func domain(atNodeIndex index: Int) -> Int { Int(nodeDomain[index]) }

    /// The index of `node`'s domain (-1 when it lacks the label), or nil when `node` is not the
    /// node these domains were read from.
    func domain(of node: NodeInfo) -> Int? {
        let i = node.snapshotIndex
        guard i >= 0, i < owners.count, owners[i] == ObjectIdentifier(node) else { return nil }
        return Int(nodeDomain[i])
    }

    /// Equal when they give each node index the same value, whichever node objects they were
    /// read from.
    public static func == (lhs: TopologyDomains, rhs: TopologyDomains) -> Bool {
        lhs.values == rhs.values && lhs.nodeDomain == rhs.nodeDomain
    }

    /// The index of `value` in `values`.
    func index(of value: String) -> Int? { indexByValue[value].map(Int.init) }
}
