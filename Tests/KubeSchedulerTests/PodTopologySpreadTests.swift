import Foundation
import KubeAPI
import Testing
@testable import KubeScheduler

private let zone = "zone"
private let host = "kubernetes.io/hostname"
private let web = ["app": "web"]
private let skewFail = PluginStatus.unschedulable("node(s) didn't match pod topology spread constraints")
private let labelFail = PluginStatus.unresolvable("node(s) didn't match pod topology spread constraints (missing required label)")
private let ok = PluginStatus.success
private let noSchedule = Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")

/// n1, n2 in zone z1; n3, n4 in z2; n5 without a zone label.
private let spreadNodes = spreadZoneNodes("z1", "n1", "n2") + spreadZoneNodes("z2", "n3", "n4") + [affinityNode("n5")]

/// z2's nodes carry an untolerated NoSchedule taint.
private let taintedNodes = spreadZoneNodes("z1", "n1", "n2") + [
    affinityNode("n3", [zone: "z2"], taints: [noSchedule]), affinityNode("n4", [zone: "z2"], taints: [noSchedule]),
    affinityNode("n5"),
]

private func webPod(_ name: String, on node: String, labels: [String: String] = web, namespace: String = "default", terminating: Bool = false) -> Pod {
    affinityPod(name, namespace: namespace, labels: labels, node: node, terminating: terminating)
}

private func expect(_ n1: PluginStatus, _ n2: PluginStatus, _ n3: PluginStatus, _ n4: PluginStatus, _ n5: PluginStatus) -> [String: PluginStatus] {
    ["n1": n1, "n2": n2, "n3": n3, "n4": n4, "n5": n5]
}

private let zoneSkew1 = spreadConstraint(1, zone, web)

struct SpreadFilterCase: Sendable, CustomTestStringConvertible {
    var name: String
    var nodes = spreadNodes
    var pods: [Pod] = []
    var incoming: Pod
    var preFilter: PluginStatus.Code = .success
    var expected: [String: PluginStatus] = [:]
    var testDescription: String { name }
}

private let twoInZ1OneInZ2 = [webPod("a", on: "n1"), webPod("b", on: "n1"), webPod("c", on: "n3")]

private let filterCases: [SpreadFilterCase] = [
    .init(name: "no constraints skips", incoming: spreadPod("p"), preFilter: .skip),
    .init(name: "only ScheduleAnyway constraints skip", incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, hard: false)]), preFilter: .skip),
    .init(
        name: "skew above maxSkew is unschedulable, a missing key unresolvable",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [zoneSkew1]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "a pod that does not match its own selector adds no self-match",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", labels: ["app": "api"], constraints: [zoneSkew1]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "larger maxSkew tolerates the skew",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [spreadConstraint(2, zone, web)]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "pods of other namespaces are not counted",
        pods: [webPod("a", on: "n1", namespace: "other"), webPod("b", on: "n2", namespace: "other")],
        incoming: spreadPod("p", constraints: [zoneSkew1]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "a selector without an equality requirement counts by scanning every node's pods",
        pods: twoInZ1OneInZ2 + [webPod("x", on: "n3", labels: ["tier": "cache"])],
        incoming: spreadPod("p", constraints: [
            TopologySpreadConstraint(
                maxSkew: 1, topologyKey: zone, whenUnsatisfiable: "DoNotSchedule",
                labelSelector: LabelSelectorObject(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "Exists")]))
        ]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "terminating pods are not counted",
        pods: [webPod("a", on: "n1", terminating: true), webPod("b", on: "n2")],
        incoming: spreadPod("p", constraints: [zoneSkew1]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "pods on nodes without the key are not counted",
        pods: [webPod("a", on: "n5"), webPod("b", on: "n5")],
        incoming: spreadPod("p", constraints: [zoneSkew1]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "minDomains above the number of domains makes the global minimum 0",
        pods: [webPod("a", on: "n1"), webPod("c", on: "n3")],
        incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, minDomains: 3)]),
        expected: expect(skewFail, skewFail, skewFail, skewFail, labelFail)),
    .init(
        name: "minDomains met keeps the real global minimum",
        pods: [webPod("a", on: "n1"), webPod("c", on: "n3")],
        incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, minDomains: 2)]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "nodeAffinityPolicy Honor (default) counts only domains of nodes matching nodeSelector",
        pods: [webPod("a", on: "n1"), webPod("b", on: "n2")],
        incoming: spreadPod("p", constraints: [zoneSkew1], nodeSelector: [zone: "z1"]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "nodeAffinityPolicy Honor with required node affinity",
        pods: [webPod("a", on: "n1"), webPod("b", on: "n2")],
        incoming: spreadPod(
            "p", constraints: [zoneSkew1],
            affinity: affinitySpec(
                nodeAffinity: KubeAPI.NodeAffinity(
                    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
                        NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: zone, operator: "NotIn", values: ["z2"])])
                    ])))),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "nodeAffinityPolicy Ignore counts every domain",
        pods: [webPod("a", on: "n1"), webPod("b", on: "n2")],
        incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, nodeAffinityPolicy: "Ignore")], nodeSelector: [zone: "z1"]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "nodeTaintsPolicy Ignore (default) counts tainted domains",
        nodes: taintedNodes, pods: [webPod("a", on: "n1")],
        incoming: spreadPod("p", constraints: [zoneSkew1]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "nodeTaintsPolicy Honor leaves out domains whose taints the pod does not tolerate",
        nodes: taintedNodes, pods: [webPod("a", on: "n1")],
        incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, nodeTaintsPolicy: "Honor")]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "nodeTaintsPolicy Honor keeps tolerated domains",
        nodes: taintedNodes, pods: [webPod("a", on: "n1")],
        incoming: spreadPod(
            "p", constraints: [spreadConstraint(1, zone, web, nodeTaintsPolicy: "Honor")],
            tolerations: [Toleration(key: "dedicated", operator: "Exists")]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "matchLabelKeys narrows the selector to the incoming pod's values",
        pods: [webPod("a", on: "n1", labels: ["app": "web", "version": "v1"]), webPod("b", on: "n1", labels: ["app": "web", "version": "v1"])],
        incoming: spreadPod("p", labels: ["app": "web", "version": "v2"], constraints: [spreadConstraint(1, zone, web, matchLabelKeys: ["version"])]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "without matchLabelKeys the same pods count",
        pods: [webPod("a", on: "n1", labels: ["app": "web", "version": "v1"]), webPod("b", on: "n1", labels: ["app": "web", "version": "v1"])],
        incoming: spreadPod("p", labels: ["app": "web", "version": "v2"], constraints: [zoneSkew1]),
        expected: expect(skewFail, skewFail, ok, ok, labelFail)),
    .init(
        name: "every constraint must hold",
        pods: [webPod("a", on: "n1"), webPod("c", on: "n3")],
        incoming: spreadPod("p", constraints: [zoneSkew1, spreadConstraint(1, host, web)]),
        expected: expect(skewFail, ok, skewFail, ok, labelFail)),
    .init(
        name: "a nil label selector counts and self-matches nothing",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, nil)]),
        expected: expect(ok, ok, ok, ok, labelFail)),
    .init(
        name: "a node missing the key of a later constraint is unresolvable",
        nodes: [affinityNode("n1", [zone: "z1", "rack": "r1"]), affinityNode("n2", [zone: "z1"])],
        incoming: spreadPod("p", constraints: [zoneSkew1, spreadConstraint(1, "rack", web)]),
        expected: ["n1": ok, "n2": labelFail]),
]

@Suite struct PodTopologySpreadFilterTests {
    @Test func reasonStringsMatchKubernetes() {
        #expect(PodTopologySpread.errReasonConstraintsNotMatch == "node(s) didn't match pod topology spread constraints")
        #expect(PodTopologySpread.errReasonNodeLabelNotMatch == "node(s) didn't match pod topology spread constraints (missing required label)")
        #expect(PodTopologySpread().name == "PodTopologySpread")
    }

    @Test(arguments: filterCases)
    func filter(_ c: SpreadFilterCase) {
        let (pre, statuses) = affinityRunFilter(PodTopologySpread(), PodInfo(c.incoming), affinitySnapshot(c.nodes, c.pods))
        #expect(pre.code == c.preFilter)
        #expect(statuses == c.expected)
    }

    /// PreFilter visits only the nodes whose pods a selector could match when the pod's
    /// inclusion policies take in every node; its counts must be those of a walk over every pod
    /// of every node, and those of the pod whose node affinity makes each node be checked.
    @Test func preFilterCountsEqualAWalkOverEveryPod() throws {
        var nodes: [Node] = []
        var pods: [Pod] = []
        for n in 0..<24 {
            // Every fifth node has no zone; all carry the pool label the affinity asks for.
            var labels = ["pool": "a"]
            if n % 5 != 0 { labels[zone] = "z\(n % 3)" }
            nodes.append(affinityNode("n\(n)", labels))
            for p in 0..<(n % 4) {
                let app = ["web", "db", "web"][(n + p) % 3]
                pods.append(affinityPod(
                    "p\(n)-\(p)", namespace: p == 2 ? "other" : "default", labels: ["app": app, "tier": "\(p)"], node: "n\(n)",
                    terminating: n == 7))
            }
        }
        let notDB = TopologySpreadConstraint(
            maxSkew: 1, topologyKey: host, whenUnsatisfiable: "DoNotSchedule",
            labelSelector: LabelSelectorObject(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "NotIn", values: ["db"])]))
        let constraints = [zoneSkew1, spreadConstraint(2, host, ["app": "web", "tier": "1"]), notDB]
        let snapshot = affinitySnapshot(nodes, pods)
        func counts(_ pod: Pod) throws -> PodTopologySpread.FilterState {
            let state = CycleState()
            #expect(PodTopologySpread().preFilter(state: state, pod: PodInfo(pod), snapshot: snapshot) == .success)
            return try #require(state.read(PodTopologySpread.preFilterStateKey, as: PodTopologySpread.FilterState.self))
        }
        let everyNode = try counts(spreadPod("new", constraints: constraints))
        let checked = try counts(spreadPod(
            "new", constraints: constraints,
            affinity: affinitySpec(nodeAffinity: KubeAPI.NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(
                nodeSelectorTerms: [NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "pool", operator: "Exists")])])))))
        #expect(everyNode.counts == checked.counts && everyNode.matchByDomain == checked.matchByDomain)
        // A pod whose node affinity leaves out zone z1's nodes (which hold matching pods) counts
        // neither their pods nor, where no other node is in it, their domains.
        let notZ1 = try counts(spreadPod(
            "new", constraints: constraints,
            affinity: affinitySpec(nodeAffinity: KubeAPI.NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(
                nodeSelectorTerms: [NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: zone, operator: "NotIn", values: ["z1"])])])))))
        #expect(notZ1.counts[0].matchNum.keys.sorted() == ["z0", "z2"])
        #expect(notZ1.counts[0].matchNum == everyNode.counts[0].matchNum.filter { $0.key != "z1" })
        for (i, c) in everyNode.constraints.enumerated() {
            var walked: [String: Int] = [:]
            for node in snapshot.nodes where PodTopologySpread.hasAllKeys(node.labels, everyNode.constraints) {
                let value = try #require(node.labels[c.topologyKey])
                walked[value, default: 0] += node.pods.values.filter { c.counts($0, namespace: "default") }.count
            }
            #expect(everyNode.counts[i].matchNum == walked, "\(c.topologyKey)")
            // The data leaves some domains empty and some not (a hostname domain with no match is eligible).
            #expect(walked.values.contains { $0 > 0 } && (c.topologyKey == zone || walked.values.contains(0)))
        }
    }

    @Test func invalidSelectorIsAnError() {
        let bad = TopologySpreadConstraint(
            maxSkew: 1, topologyKey: zone, whenUnsatisfiable: "DoNotSchedule",
            labelSelector: LabelSelectorObject(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "In", values: [])]))
        let status = PodTopologySpread().preFilter(state: CycleState(), pod: PodInfo(spreadPod("p", constraints: [bad])), snapshot: affinitySnapshot(spreadNodes))
        #expect(status.code == .error)
    }

    @Test func filterWithoutPreFilterIsAnError() {
        let status = PodTopologySpread().filter(state: CycleState(), pod: PodInfo(spreadPod("p")), node: NodeInfo(affinityNode("n1")))
        #expect(status.code == .error)
    }

    @Test func domainCountsTrackTheExactMinimum() {
        var counts = PodTopologySpread.DomainCounts(["a": 0, "b": 1, "c": 1])
        let steps: [(String, Int)] = [("a", 1), ("b", 1), ("a", 1), ("c", -1), ("c", -1), ("d", 0), ("c", 1), ("c", 1), ("d", 2), ("a", -2)]
        var reference = ["a": 0, "b": 1, "c": 1]
        for (domain, delta) in steps {
            counts.add(delta, to: domain)
            reference[domain, default: 0] += delta
            #expect(counts.minMatch == reference.values.min())
            #expect(counts == PodTopologySpread.DomainCounts(reference))
        }
        #expect(PodTopologySpread.DomainCounts().minMatch == Int(Int32.max))
    }
}

/// The state of `incoming` over `pods` after `removePod(victim)` must equal the state over
/// `pods` minus the victim; adding it back must restore the original state.
struct SpreadUpdateCase: Sendable, CustomTestStringConvertible {
    var name: String
    var nodes = spreadNodes
    var pods: [Pod] = []
    var victim: Pod
    var incoming: Pod
    var testDescription: String { name }
}

private let updateCases: [SpreadUpdateCase] = [
    .init(
        name: "matching victim", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n3"),
        incoming: spreadPod("p", constraints: [zoneSkew1, spreadConstraint(1, host, web)])),
    .init(
        name: "victim in the minimum domain", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n4"),
        incoming: spreadPod("p", constraints: [spreadConstraint(1, host, web)])),
    .init(name: "victim of another namespace", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n3", namespace: "other"), incoming: spreadPod("p", constraints: [zoneSkew1])),
    .init(name: "non-matching victim", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n3", labels: ["app": "db"]), incoming: spreadPod("p", constraints: [zoneSkew1])),
    .init(name: "terminating victim", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n3", terminating: true), incoming: spreadPod("p", constraints: [zoneSkew1])),
    .init(name: "victim on a node without the key", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n5"), incoming: spreadPod("p", constraints: [zoneSkew1])),
    .init(
        name: "victim on a node excluded by node affinity", pods: twoInZ1OneInZ2, victim: webPod("v", on: "n3"),
        incoming: spreadPod("p", constraints: [zoneSkew1], nodeSelector: [zone: "z1"])),
    .init(
        name: "victim on a node excluded by taints", nodes: taintedNodes, pods: [webPod("a", on: "n1")], victim: webPod("v", on: "n3"),
        incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, nodeTaintsPolicy: "Honor")])),
    .init(
        name: "victim counted through matchLabelKeys", pods: [webPod("a", on: "n1", labels: ["app": "web", "v": "2"])],
        victim: webPod("v", on: "n3", labels: ["app": "web", "v": "2"]),
        incoming: spreadPod("p", labels: ["app": "web", "v": "2"], constraints: [spreadConstraint(1, zone, web, minDomains: 2, matchLabelKeys: ["v"])])),
]

@Suite struct PodTopologySpreadExtensionTests {
    private func read(_ state: CycleState) -> PodTopologySpread.FilterState? {
        state.read(PodTopologySpread.preFilterStateKey, as: PodTopologySpread.FilterState.self)
    }

    @Test(arguments: updateCases)
    func removeThenAddIsConsistent(_ c: SpreadUpdateCase) throws {
        let plugin = PodTopologySpread()
        let incoming = PodInfo(c.incoming)
        let withSnapshot = affinitySnapshot(c.nodes, c.pods + [c.victim])
        let withState = CycleState()
        #expect(plugin.preFilter(state: withState, pod: incoming, snapshot: withSnapshot).isSuccess)
        let withoutState = CycleState()
        #expect(plugin.preFilter(state: withoutState, pod: incoming, snapshot: affinitySnapshot(c.nodes, c.pods)).isSuccess)
        let before = try #require(read(withState))
        let node = try #require(withSnapshot.node(named: c.victim.spec?.nodeName ?? ""))
        plugin.removePod(state: withState, pod: incoming, podToRemove: PodInfo(c.victim), node: node)
        #expect(read(withState) == read(withoutState))
        plugin.addPod(state: withState, pod: incoming, podToAdd: PodInfo(c.victim), node: node)
        #expect(read(withState) == before)
    }

    @Test func removingVictimsLetsThePodFit() throws {
        let plugin = PodTopologySpread()
        let incoming = PodInfo(spreadPod("p", constraints: [zoneSkew1]))
        let snapshot = affinitySnapshot(spreadNodes, twoInZ1OneInZ2)
        let state = CycleState()
        #expect(plugin.preFilter(state: state, pod: incoming, snapshot: snapshot).isSuccess)
        let n1 = try #require(snapshot.node(named: "n1"))
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == skewFail)
        let trial = state.clone()
        plugin.removePod(state: trial, pod: incoming, podToRemove: PodInfo(webPod("a", on: "n1")), node: n1)
        #expect(plugin.filter(state: trial, pod: incoming, node: n1) == ok)
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == skewFail)
    }

    @Test func extensionsAreNoOpsWhenPreFilterSkipped() {
        let plugin = PodTopologySpread()
        let state = CycleState()
        let pod = PodInfo(spreadPod("p"))
        let snapshot = affinitySnapshot(spreadNodes)
        #expect(plugin.preFilter(state: state, pod: pod, snapshot: snapshot).isSkip)
        plugin.addPod(state: state, pod: pod, podToAdd: PodInfo(webPod("a", on: "n1")), node: snapshot.nodes[0])
        #expect(read(state) == nil)
    }
}

struct SpreadScoreCase: Sendable, CustomTestStringConvertible {
    var name: String
    var nodes = spreadNodes
    var pods: [Pod] = []
    var incoming: Pod
    var feasible: [String]? = nil
    var preScore: PluginStatus.Code = .success
    var raw: [String: Int64] = [:]
    var normalized: [String: Int64] = [:]
    var testDescription: String { name }
}

private let softZone = spreadConstraint(1, zone, web, hard: false)

private let scoreCases: [SpreadScoreCase] = [
    .init(name: "no constraints skips", incoming: spreadPod("p"), preScore: .skip),
    .init(name: "only DoNotSchedule constraints skip", incoming: spreadPod("p", constraints: [zoneSkew1]), preScore: .skip),
    .init(name: "an empty snapshot skips", nodes: [], incoming: spreadPod("p", constraints: [softZone]), feasible: [], preScore: .skip),
    .init(
        // weight log(2 zones + 2); z1 = 2 pods, z2 = 1; n5 lacks the key.
        name: "zone: fewer matching pods score higher, nodes without the key get 0",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [softZone]),
        raw: ["n1": 3, "n2": 3, "n3": 1, "n4": 1, "n5": -1],
        normalized: ["n1": 33, "n2": 33, "n3": 100, "n4": 100, "n5": 0]),
    .init(
        // weight log(5 nodes + 2) = 1.95; maxSkew 2 adds 1.
        name: "hostname: per-node counts",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [spreadConstraint(2, host, web, hard: false)]),
        raw: ["n1": 5, "n2": 1, "n3": 3, "n4": 1, "n5": 1],
        normalized: ["n1": 20, "n2": 100, "n3": 60, "n4": 100, "n5": 100]),
    .init(
        name: "no matching pods: every scored node gets 100",
        incoming: spreadPod("p", constraints: [softZone]),
        raw: ["n1": 0, "n2": 0, "n3": 0, "n4": 0, "n5": -1],
        normalized: ["n1": 100, "n2": 100, "n3": 100, "n4": 100, "n5": 0]),
    .init(
        name: "pods on infeasible nodes count for their domain",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [softZone]), feasible: ["n2", "n4"],
        raw: ["n2": 3, "n4": 1], normalized: ["n2": 33, "n4": 100]),
    .init(
        // Only z1 is a feasible domain: weight log(1 + 2).
        name: "domains come from feasible nodes only",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [softZone]), feasible: ["n1", "n2"],
        raw: ["n1": 2, "n2": 2], normalized: ["n1": 100, "n2": 100]),
    .init(
        name: "nodeAffinityPolicy Honor leaves out pods on nodes the pod may not use",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [softZone], nodeSelector: [zone: "z2"]),
        feasible: ["n1", "n3"], raw: ["n1": 0, "n3": 1], normalized: ["n1": 100, "n3": 0]),
    .init(
        name: "nodeTaintsPolicy Honor leaves out pods on untolerated nodes",
        nodes: taintedNodes, pods: [webPod("a", on: "n1"), webPod("b", on: "n3"), webPod("c", on: "n4")],
        incoming: spreadPod("p", constraints: [spreadConstraint(1, zone, web, hard: false, nodeTaintsPolicy: "Honor")]),
        feasible: ["n1", "n3"], raw: ["n1": 1, "n3": 0], normalized: ["n1": 0, "n3": 100]),
    .init(
        // Two constraints: zone weight log(4) and hostname weight log(6), maxSkew 1 each.
        name: "constraint scores add up",
        pods: twoInZ1OneInZ2, incoming: spreadPod("p", constraints: [softZone, spreadConstraint(1, host, web, hard: false)]),
        feasible: ["n1", "n2", "n3", "n4"],
        raw: ["n1": 6, "n2": 3, "n3": 3, "n4": 1], normalized: ["n1": 16, "n2": 66, "n3": 66, "n4": 100]),
]

@Suite struct PodTopologySpreadScoreTests {
    @Test(arguments: scoreCases)
    func score(_ c: SpreadScoreCase) {
        let (pre, raw, normalized) = affinityRunScore(PodTopologySpread(), PodInfo(c.incoming), affinitySnapshot(c.nodes, c.pods), feasible: c.feasible)
        #expect(pre.code == c.preScore)
        #expect(raw == c.raw)
        #expect(normalized == c.normalized)
    }

    @Test func weightsAreLogOfDomainCountPlusTwo() throws {
        let state = CycleState()
        let snapshot = affinitySnapshot(spreadNodes, twoInZ1OneInZ2)
        let pod = PodInfo(spreadPod("p", constraints: [softZone, spreadConstraint(1, host, web, hard: false)]))
        #expect(PodTopologySpread().preScore(state: state, pod: pod, nodes: snapshot.nodes, snapshot: snapshot).isSuccess)
        let s = try #require(state.read(PodTopologySpread.preScoreStateKey, as: PodTopologySpread.ScoreState.self))
        #expect(s.normalizingWeights == [log(4.0), log(6.0)])
        #expect(s.ignoredNodes == ["n5"])
        #expect(s.podCounts[0] == ["z1": 2, "z2": 1])
    }
}

@Suite struct SpreadNodeMatchingTests {
    private let node = NodeInfo(affinityNode("n1", [zone: "z1", "cpu": "8"]))

    private func requiring(_ terms: [NodeSelectorTerm]) -> Pod {
        spreadPod("p", affinity: affinitySpec(nodeAffinity: KubeAPI.NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: terms))))
    }

    private func expr(_ key: String, _ op: String, _ values: [String]? = nil) -> NodeSelectorTerm {
        NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: key, operator: op, values: values)])
    }

    @Test func nodeSelectorAndRequiredAffinity() {
        #expect(spreadNodeMatchesPodAffinity(spreadPod("p"), node: node))
        #expect(spreadNodeMatchesPodAffinity(spreadPod("p", nodeSelector: [zone: "z1"]), node: node))
        #expect(!spreadNodeMatchesPodAffinity(spreadPod("p", nodeSelector: [zone: "z2"]), node: node))
        let cases: [(NodeSelectorTerm, Bool)] = [
            (expr(zone, "In", ["z1", "z2"]), true), (expr(zone, "In", ["z2"]), false), (expr(zone, "NotIn", ["z2"]), true),
            (expr("gpu", "NotIn", ["a"]), true), (expr(zone, "Exists"), true), (expr("gpu", "Exists"), false),
            (expr("gpu", "DoesNotExist"), true), (expr("cpu", "Gt", ["4"]), true), (expr("cpu", "Lt", ["4"]), false),
            (expr("cpu", "Gt", ["x"]), false), (expr(zone, "In", []), false), (expr(zone, "Exists", ["z1"]), false),
            (expr(zone, "Bogus", ["z1"]), false), (NodeSelectorTerm(), false),
            (NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["n1"])]), true),
            (NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "NotIn", values: ["n1"])]), false),
        ]
        for (term, expected) in cases {
            #expect(spreadNodeMatchesPodAffinity(requiring([term]), node: node) == expected, "\(term)")
        }
        // Terms are ORed; a selector with no terms matches nothing.
        #expect(spreadNodeMatchesPodAffinity(requiring([expr(zone, "In", ["z2"]), expr(zone, "Exists")]), node: node))
        #expect(!spreadNodeMatchesPodAffinity(requiring([]), node: node))
    }

    @Test func tolerations() {
        let taint = Taint(key: "k", value: "v", effect: "NoSchedule")
        let cases: [(Toleration, Bool)] = [
            (Toleration(key: "k", operator: "Equal", value: "v", effect: "NoSchedule"), true),
            (Toleration(key: "k", value: "v"), true), (Toleration(key: "k", value: "w"), false),
            (Toleration(key: "k", operator: "Exists"), true), (Toleration(operator: "Exists"), true),
            (Toleration(key: "k", operator: "Exists", effect: "NoExecute"), false), (Toleration(key: "j", operator: "Exists"), false),
        ]
        for (toleration, expected) in cases {
            #expect(spreadTolerationTolerates(toleration, taint) == expected, "\(toleration)")
        }
        let soft = Taint(key: "s", effect: "PreferNoSchedule")
        #expect(spreadToleratesNodeTaints([], [soft]))
        #expect(!spreadToleratesNodeTaints([], [taint, soft]))
        #expect(spreadToleratesNodeTaints([Toleration(operator: "Exists")], [taint, Taint(key: "x", effect: "NoExecute")]))
    }
}
