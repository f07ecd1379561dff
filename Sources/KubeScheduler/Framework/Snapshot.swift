import KubeAPI

/// The cluster as a scheduling cycle sees it: every node with its pods, in a stable order, and
/// the namespaces' labels. Owned by the scheduler cache; plugins only read it.
public final class Snapshot {
    /// Every node, in the order nodes were added (filtering walks this round-robin).
    public private(set) var nodes: [NodeInfo] = []
    private var indexByName: [String: Int] = [:]
    /// Labels of each namespace by name, for affinity terms with a namespace selector.
    public var namespaceLabels: [String: [String: String]] = [:]
    /// Pods on the snapshot's nodes with affinity terms, kept by the nodes as pods come and go.
    private let tally = AffinityTally()
    /// The domains of each topology key asked for, until a node is added, relabelled or removed.
    private var domainsByKey: [String: TopologyDomains] = [:]

    /// Pods on any node with a pod affinity or anti-affinity term.
    public var podsWithAffinity: Int { tally.podsWithAffinity }
    /// Pods on any node with a required anti-affinity term.
    public var podsWithRequiredAntiAffinity: Int { tally.podsWithRequiredAntiAffinity }
    /// The distinct required anti-affinity terms of pods on any node, each with how many times
    /// pods on each node (by name) carry it.
    var requiredAntiAffinityTerms: [AffinityTerm: AffinityTally.Holders] { tally.requiredAntiAffinityTerms }
    /// The entries of `requiredAntiAffinityTerms` that may select `pod`: those whose terms need
    /// a label `pod` lacks are left out, without matching them.
    func requiredAntiAffinityTerms(possiblySelecting pod: PodInfo) -> [(term: AffinityTerm, holders: AffinityTally.Holders)] {
        tally.requiredAntiAffinityTerms(possiblySelecting: pod.labels, namespace: pod.namespace)
    }
    /// The distinct terms of pods on any node that score an incoming pod they select, likewise.
    var scoringTerms: [AffinityTally.ScoringTerm: AffinityTally.Holders] { tally.scoringTerms }

    /// The nodes that may hold a pod one of `terms` selects (see
    /// `AffinityTally.nodesPossiblyMatching`): every node when a term has a namespace selector or
    /// no equality requirement to look up. Terms without a selector select nothing.
    func nodesPossiblyMatching(_ terms: [AffinityTerm]) -> [NodeInfo] {
        var names = Set<String>()
        for term in terms {
            guard let selector = term.selector else { continue }
            guard term.namespaceSelector == nil, let found = tally.nodesPossiblyMatching(selector, namespaces: term.namespaces)
            else { return nodes }
            names.formUnion(found)
        }
        return names.compactMap { node(named: $0) }
    }

    /// The indices in `nodes` of the nodes that may hold a non-terminating pod in `namespace`
    /// that `selector` matches (see `AffinityTally.nodesPossiblyMatching`), in no set order; nil
    /// when the selector has no single-value equality requirement to look up (then any node may).
    func nodeIndicesPossiblyMatching(_ selector: LabelSelector, namespace: String) -> [Int]? {
        tally.nodesPossiblyMatching(selector, namespaces: [namespace]).map { names in names.compactMap { indexByName[$0] } }
    }

    /// The domains of topology key `key` over the nodes, read once and kept until a node is
    /// added, relabelled or removed.
    public func domains(of key: String) -> TopologyDomains {
        if let known = domainsByKey[key] { return known }
        let read = TopologyDomains(key: key, nodes: nodes)
        domainsByKey[key] = read
        return read
    }

    /// An empty snapshot.
    public init() {}

    /// A snapshot of `nodes` with `pods` placed on the node each names in `spec.nodeName`.
    public convenience init(nodes: [Node], pods: [Pod] = []) {
        self.init()
        for n in nodes { upsert(n) }
        for p in pods {
            if let nodeName = p.spec?.nodeName, let info = node(named: nodeName) { info.add(PodInfo(p)) }
        }
    }

    /// The node named `name`.
    public func node(named name: String) -> NodeInfo? {
        indexByName[name].map { nodes[$0] }
    }

    /// Adds `node` or updates the one with its name; returns its `NodeInfo`.
    @discardableResult
    public func upsert(_ node: Node) -> NodeInfo {
        let name = node.metadata.name ?? ""
        if let existing = self.node(named: name) {
            let labels = existing.labels
            existing.update(node)
            if existing.labels != labels { domainsByKey.removeAll() }
            return existing
        }
        let info = NodeInfo(node)
        info.tally = tally
        info.snapshotIndex = nodes.count
        indexByName[name] = nodes.count
        nodes.append(info)
        domainsByKey.removeAll()
        return info
    }

    /// Removes the node named `name`; returns it (with the pods it held) or nil.
    @discardableResult
    public func remove(nodeNamed name: String) -> NodeInfo? {
        guard let i = indexByName.removeValue(forKey: name) else { return nil }
        let removed = nodes[i]
        removed.tally = nil
        removed.snapshotIndex = -1
        tally.remove(removed)
        let last = nodes.count - 1
        if i != last {
            nodes[i] = nodes[last]
            nodes[i].snapshotIndex = i
            indexByName[nodes[i].name] = i
        }
        nodes.removeLast()
        domainsByKey.removeAll()
        return removed
    }

    /// The labels of namespace `name` (empty when unknown).
    public func labels(ofNamespace name: String) -> [String: String] { namespaceLabels[name] ?? [:] }
}
