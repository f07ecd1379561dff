import KubeAPI
import Testing

@testable import KubeScheduler

// Builders for the InterPodAffinity and PodTopologySpread tests. Names are prefixed `affinity`
// or `spread` so they do not collide with the shared TestBuilders.swift.

/// A node with `labels` (plus `kubernetes.io/hostname` = name unless `hostname` is false) and
/// `taints`.
func affinityNode(_ name: String, _ labels: [String: String] = [:], hostname: Bool = true, taints: [Taint] = []) -> Node {
    var all = labels
    if hostname { all["kubernetes.io/hostname"] = name }
    return Node(metadata: ObjectMeta(name: name, labels: all), spec: NodeSpec(taints: taints.isEmpty ? nil : taints))
}

/// A pod term selecting pods whose labels include `matchLabels`, in the given namespaces.
func affinityTerm(
    _ matchLabels: [String: String]?, key: String, namespaces: [String]? = nil,
    namespaceSelector: LabelSelectorObject? = nil, matchLabelKeys: [String]? = nil
) -> PodAffinityTerm {
    PodAffinityTerm(
        labelSelector: matchLabels.map { LabelSelectorObject(matchLabels: $0) }, namespaces: namespaces, topologyKey: key,
        namespaceSelector: namespaceSelector, matchLabelKeys: matchLabelKeys)
}

/// A weighted term.
func affinityWeighted(_ weight: Int, _ term: PodAffinityTerm) -> WeightedPodAffinityTerm {
    WeightedPodAffinityTerm(weight: weight, podAffinityTerm: term)
}

/// An `Affinity` with the given pod (anti-)affinity terms, or nil when all are empty.
func affinitySpec(
    required: [PodAffinityTerm] = [], anti: [PodAffinityTerm] = [],
    preferred: [WeightedPodAffinityTerm] = [], preferredAnti: [WeightedPodAffinityTerm] = [],
    nodeAffinity: KubeAPI.NodeAffinity? = nil
) -> Affinity? {
    if required.isEmpty && anti.isEmpty && preferred.isEmpty && preferredAnti.isEmpty && nodeAffinity == nil { return nil }
    let podAffinity = required.isEmpty && preferred.isEmpty ? nil : PodAffinity(
        requiredDuringSchedulingIgnoredDuringExecution: required.isEmpty ? nil : required,
        preferredDuringSchedulingIgnoredDuringExecution: preferred.isEmpty ? nil : preferred)
    let podAntiAffinity = anti.isEmpty && preferredAnti.isEmpty ? nil : PodAntiAffinity(
        requiredDuringSchedulingIgnoredDuringExecution: anti.isEmpty ? nil : anti,
        preferredDuringSchedulingIgnoredDuringExecution: preferredAnti.isEmpty ? nil : preferredAnti)
    return Affinity(nodeAffinity: nodeAffinity, podAffinity: podAffinity, podAntiAffinity: podAntiAffinity)
}

/// A pod named `name` in `namespace` with `labels`, bound to `node` when given.
func affinityPod(
    _ name: String, namespace: String = "default", labels: [String: String] = [:], node: String? = nil,
    affinity: Affinity? = nil, spread: [TopologySpreadConstraint]? = nil, nodeSelector: [String: String]? = nil,
    tolerations: [Toleration]? = nil, priority: Int? = nil, terminating: Bool = false
) -> Pod {
    Pod(
        metadata: ObjectMeta(
            name: name, namespace: namespace, uid: "uid-\(namespace)-\(name)",
            deletionTimestamp: terminating ? "2024-01-01T00:00:00Z" : nil, labels: labels.isEmpty ? nil : labels),
        spec: PodSpec(
            containers: [Container(name: "c")], nodeSelector: nodeSelector, nodeName: node, affinity: affinity,
            tolerations: tolerations, priority: priority, topologySpreadConstraints: spread))
}

/// `PodInfo` of `affinityPod(...)`.
func affinityInfo(
    _ name: String, namespace: String = "default", labels: [String: String] = [:], node: String? = nil,
    affinity: Affinity? = nil
) -> PodInfo {
    PodInfo(affinityPod(name, namespace: namespace, labels: labels, node: node, affinity: affinity))
}

/// A snapshot of `nodes` and `pods`, with namespace labels.
func affinitySnapshot(_ nodes: [Node], _ pods: [Pod] = [], namespaces: [String: [String: String]] = [:]) -> Snapshot {
    let snapshot = Snapshot(nodes: nodes, pods: pods)
    snapshot.namespaceLabels = namespaces
    return snapshot
}

/// Runs Filter for `pod` on every node of `snapshot` after PreFilter; returns the PreFilter
/// status and each node's Filter status by name (empty when PreFilter did not succeed).
func affinityRunFilter<P: FilterPlugin & PreFilterPlugin>(
    _ plugin: P, _ pod: PodInfo, _ snapshot: Snapshot
) -> (PluginStatus, [String: PluginStatus]) {
    let state = CycleState()
    let pre = plugin.preFilter(state: state, pod: pod, snapshot: snapshot)
    guard pre.isSuccess else { return (pre, [:]) }
    var result: [String: PluginStatus] = [:]
    for node in snapshot.nodes {
        let status = plugin.filter(state: state, pod: pod, node: node)
        result[node.name] = status
        // A what-if copy (preemption) is read by its labels instead of the snapshot's domain
        // tables: the decision must be the same.
        #expect(plugin.filter(state: state, pod: pod, node: node.clone()) == status, "a copy of \(node.name)")
    }
    return (pre, result)
}

/// Runs PreScore, Score and normalize over `feasible` (all nodes when nil); returns the
/// PreScore status and the normalised scores by node name (empty when PreScore skipped).
func affinityRunScore<P: PreScorePlugin & ScorePlugin>(
    _ plugin: P, _ pod: PodInfo, _ snapshot: Snapshot, feasible: [String]? = nil
) -> (PluginStatus, raw: [String: Int64], normalized: [String: Int64]) {
    let nodes = feasible.map { names in names.compactMap { snapshot.node(named: $0) } } ?? snapshot.nodes
    let state = CycleState()
    let pre = plugin.preScore(state: state, pod: pod, nodes: nodes, snapshot: snapshot)
    guard pre.isSuccess else { return (pre, [:], [:]) }
    var scores = nodes.map { plugin.score(state: state, pod: pod, node: $0) }
    let raw = Dictionary(uniqueKeysWithValues: zip(nodes.map(\.name), scores))
    plugin.normalize(state: state, pod: pod, scores: &scores)
    return (pre, raw, Dictionary(uniqueKeysWithValues: zip(nodes.map(\.name), scores)))
}

/// A topology spread constraint selecting pods whose labels include `matchLabels`.
func spreadConstraint(
    _ maxSkew: Int, _ key: String, _ matchLabels: [String: String]?, hard: Bool = true, minDomains: Int? = nil,
    nodeAffinityPolicy: String? = nil, nodeTaintsPolicy: String? = nil, matchLabelKeys: [String]? = nil
) -> TopologySpreadConstraint {
    TopologySpreadConstraint(
        maxSkew: maxSkew, topologyKey: key, whenUnsatisfiable: hard ? "DoNotSchedule" : "ScheduleAnyway",
        labelSelector: matchLabels.map { LabelSelectorObject(matchLabels: $0) }, minDomains: minDomains,
        nodeAffinityPolicy: nodeAffinityPolicy, nodeTaintsPolicy: nodeTaintsPolicy, matchLabelKeys: matchLabelKeys)
}

/// A pod with topology spread constraints (`affinityPod` with `spread`).
func spreadPod(
    _ name: String, labels: [String: String] = ["app": "web"], node: String? = nil, namespace: String = "default",
    constraints: [TopologySpreadConstraint] = [], nodeSelector: [String: String]? = nil,
    affinity: Affinity? = nil, tolerations: [Toleration]? = nil, terminating: Bool = false
) -> Pod {
    affinityPod(
        name, namespace: namespace, labels: labels, node: node, affinity: affinity,
        spread: constraints.isEmpty ? nil : constraints, nodeSelector: nodeSelector, tolerations: tolerations,
        terminating: terminating)
}

/// Nodes `names` in zone `zone`.
func spreadZoneNodes(_ zone: String, _ names: String...) -> [Node] {
    names.map { affinityNode($0, ["zone": zone]) }
}
