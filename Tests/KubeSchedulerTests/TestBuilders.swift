import KubeAPI
@testable import KubeScheduler

// Shared builders for the scheduler plugin tests. CPU is given in millicores, memory and
// storage in bytes, everything else in whole units.

/// Bytes in `n` mebibytes.
func mib(_ n: Int64) -> Int64 { n * 1024 * 1024 }

/// Bytes in `n` gibibytes.
func gib(_ n: Int64) -> Int64 { n * 1024 * 1024 * 1024 }

/// A resource list: `cpu` as millicores, `memory`/`ephemeral-storage` in bytes, `extended` in units.
func makeResourceList(
    cpu: Int64? = nil, memory: Int64? = nil, ephemeralStorage: Int64? = nil, pods: Int64? = nil,
    extended: [String: Int64] = [:]
) -> [String: Quantity] {
    var list: [String: Quantity] = [:]
    if let cpu { list["cpu"] = Quantity(milli: cpu) }
    if let memory { list["memory"] = Quantity(memory, format: .binarySI) }
    if let ephemeralStorage { list["ephemeral-storage"] = Quantity(ephemeralStorage, format: .binarySI) }
    if let pods { list["pods"] = Quantity(pods) }
    for (name, amount) in extended { list[name] = Quantity(amount) }
    return list
}

/// A node with the given allocatable resources, labels, taints and cordon flag.
func makeNode(
    name: String, cpu: Int64? = 4000, memory: Int64? = gib(8), pods: Int64? = 110, ephemeralStorage: Int64? = nil,
    extended: [String: Int64] = [:], labels: [String: String] = [:], taints: [Taint] = [], unschedulable: Bool? = nil
) -> Node {
    Node(
        metadata: ObjectMeta(name: name, labels: labels.isEmpty ? nil : labels),
        spec: NodeSpec(unschedulable: unschedulable, taints: taints.isEmpty ? nil : taints),
        status: NodeStatus(allocatable: makeResourceList(
            cpu: cpu, memory: memory, ephemeralStorage: ephemeralStorage, pods: pods, extended: extended)))
}

/// A pod with one container `app` requesting the given resources (nothing when all are nil).
func makePod(
    name: String, namespace: String = "default", cpu: Int64? = nil, memory: Int64? = nil,
    ephemeralStorage: Int64? = nil, extended: [String: Int64] = [:], nodeName: String? = nil,
    labels: [String: String] = [:], nodeSelector: [String: String]? = nil, affinity: Affinity? = nil,
    tolerations: [Toleration]? = nil, ports: [ContainerPort]? = nil, initContainers: [Container]? = nil
) -> Pod {
    let requests = makeResourceList(cpu: cpu, memory: memory, ephemeralStorage: ephemeralStorage, extended: extended)
    let container = Container(
        name: "app", image: "registry.k8s.io/pause:3.10", ports: ports,
        resources: requests.isEmpty ? nil : ResourceRequirements(requests: requests))
    return Pod(
        metadata: ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)", labels: labels.isEmpty ? nil : labels),
        spec: PodSpec(
            initContainers: initContainers, containers: [container], nodeSelector: nodeSelector, nodeName: nodeName,
            affinity: affinity, tolerations: tolerations))
}

/// The scheduler's view of `makePod(...)`.
func makePodInfo(
    name: String = "pod", cpu: Int64? = nil, memory: Int64? = nil, ephemeralStorage: Int64? = nil,
    extended: [String: Int64] = [:], nodeName: String? = nil, nodeSelector: [String: String]? = nil,
    affinity: Affinity? = nil, tolerations: [Toleration]? = nil, ports: [ContainerPort]? = nil
) -> PodInfo {
    PodInfo(makePod(
        name: name, cpu: cpu, memory: memory, ephemeralStorage: ephemeralStorage, extended: extended,
        nodeName: nodeName, nodeSelector: nodeSelector, affinity: affinity, tolerations: tolerations, ports: ports))
}

/// A `NodeInfo` for `node` holding `pods`.
func makeNodeInfo(_ node: Node, pods: [Pod] = []) -> NodeInfo {
    let info = NodeInfo(node)
    for pod in pods { info.add(PodInfo(pod)) }
    return info
}

/// A host port request on container port 8080.
func hostPort(_ port: Int, _ proto: String? = nil, ip: String? = nil) -> ContainerPort {
    ContainerPort(hostPort: port, containerPort: 8080, protocol: proto, hostIP: ip)
}

/// Node affinity with the given required terms (nil: none) and preferred terms.
func nodeAffinity(required: [NodeSelectorTerm]? = nil, preferred: [PreferredSchedulingTerm]? = nil) -> Affinity {
    Affinity(nodeAffinity: KubeAPI.NodeAffinity(
        requiredDuringSchedulingIgnoredDuringExecution: required.map { NodeSelector(nodeSelectorTerms: $0) },
        preferredDuringSchedulingIgnoredDuringExecution: preferred))
}

/// A node selector requirement.
func requirement(_ key: String, _ op: String, _ values: [String]? = nil) -> NodeSelectorRequirement {
    NodeSelectorRequirement(key: key, operator: op, values: values)
}

/// Runs PreFilter (unless it skips) and then Filter, as the framework does.
func runFilter(_ plugin: some PreFilterPlugin & FilterPlugin, pod: PodInfo, node: NodeInfo) -> PluginStatus {
    let state = CycleState()
    let pre = plugin.preFilter(state: state, pod: pod, snapshot: Snapshot())
    if pre.isSkip { return .success }
    if !pre.isSuccess { return pre }
    return plugin.filter(state: state, pod: pod, node: node)
}

/// Runs PreScore, Score for every node and normalisation, as the framework does; returns the
/// raw and normalised scores, or nil when PreScore skipped.
func runScore(
    _ plugin: some PreScorePlugin & ScorePlugin, pod: PodInfo, nodes: [NodeInfo]
) -> (raw: [Int64], normalized: [Int64])? {
    let state = CycleState()
    let snapshot = Snapshot()
    if plugin.preScore(state: state, pod: pod, nodes: nodes, snapshot: snapshot).isSkip { return nil }
    let raw = nodes.map { plugin.score(state: state, pod: pod, node: $0) }
    var normalized = raw
    plugin.normalize(state: state, pod: pod, scores: &normalized)
    return (raw, normalized)
}

/// Runs Score and normalisation for a plugin without PreScore.
func runScoreOnly(_ plugin: some ScorePlugin, pod: PodInfo, nodes: [NodeInfo]) -> (raw: [Int64], normalized: [Int64]) {
    let state = CycleState()
    let raw = nodes.map { plugin.score(state: state, pod: pod, node: $0) }
    var normalized = raw
    plugin.normalize(state: state, pod: pod, scores: &normalized)
    return (raw, normalized)
}
