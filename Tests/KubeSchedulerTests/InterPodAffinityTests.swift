import KubeAPI
import Testing
@testable import KubeScheduler

private let zone = "zone"
private let host = "kubernetes.io/hostname"
private let affinityFail = PluginStatus.unresolvable("node(s) didn't match pod affinity rules")
private let antiFail = PluginStatus.unschedulable("node(s) didn't match pod anti-affinity rules")
private let existingFail = PluginStatus.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules")
private let ok = PluginStatus.success

/// n1, n2 in zone z1; n3 in z2; n4 without a zone label.
private let ipaNodes = [
    affinityNode("n1", [zone: "z1"]), affinityNode("n2", [zone: "z1"]), affinityNode("n3", [zone: "z2"]),
    affinityNode("n4"),
]

private func db(_ name: String, on node: String, namespace: String = "default", labels: [String: String] = ["app": "db"]) -> Pod {
    affinityPod(name, namespace: namespace, labels: labels, node: node)
}

/// Expected statuses for n1...n4.
private func expect(_ n1: PluginStatus, _ n2: PluginStatus, _ n3: PluginStatus, _ n4: PluginStatus) -> [String: PluginStatus] {
    ["n1": n1, "n2": n2, "n3": n3, "n4": n4]
}

struct InterPodAffinityFilterCase: Sendable, CustomTestStringConvertible {
    var name: String
    var pods: [Pod] = []
    var namespaces: [String: [String: String]] = [:]
    var incoming: Pod
    var preFilter: PluginStatus.Code = .success
    var expected: [String: PluginStatus] = [:]
    var testDescription: String { name }
}

private let filterCases: [InterPodAffinityFilterCase] = [
    .init(
        name: "no affinity anywhere skips", pods: [db("d1", on: "n1")], incoming: affinityPod("p", labels: ["app": "web"]),
        preFilter: .skip),
    .init(
        name: "required affinity: same zone passes, other zone and missing label are unresolvable",
        pods: [db("d1", on: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone)])),
        expected: expect(ok, ok, affinityFail, affinityFail)),
    .init(
        name: "required affinity with no matching pod and no self-match fails everywhere",
        pods: [affinityPod("x", labels: ["app": "cache"], node: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone)])),
        expected: expect(affinityFail, affinityFail, affinityFail, affinityFail)),
    .init(
        name: "first pod of a self-affine group may go to any node with the topology key",
        incoming: affinityPod("p", labels: ["app": "web"], affinity: affinitySpec(required: [affinityTerm(["app": "web"], key: zone)])),
        expected: expect(ok, ok, ok, affinityFail)),
    .init(
        name: "first-pod exception does not apply once a matching pod exists",
        pods: [affinityPod("w1", labels: ["app": "web"], node: "n3")],
        incoming: affinityPod("p", labels: ["app": "web"], affinity: affinitySpec(required: [affinityTerm(["app": "web"], key: zone)])),
        expected: expect(affinityFail, affinityFail, ok, affinityFail)),
    .init(
        name: "existing pods must match all affinity terms",
        pods: [
            affinityPod("a", labels: ["app": "db"], node: "n1"),
            affinityPod("b", labels: ["app": "db", "tier": "hot"], node: "n3"),
        ],
        incoming: affinityPod(
            "p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone), affinityTerm(["tier": "hot"], key: host)])),
        expected: expect(affinityFail, affinityFail, ok, affinityFail)),
    .init(
        name: "required anti-affinity by hostname rejects only the node with the pod",
        pods: [db("d1", on: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(anti: [affinityTerm(["app": "db"], key: host)])),
        expected: expect(antiFail, ok, ok, ok)),
    .init(
        name: "required anti-affinity by zone rejects the zone; a node without the key passes",
        pods: [db("d1", on: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(anti: [affinityTerm(["app": "db"], key: zone)])),
        expected: expect(antiFail, antiFail, ok, ok)),
    .init(
        name: "existing pod's anti-affinity matching the incoming pod rejects its zone",
        pods: [affinityPod("e", labels: ["app": "db"], node: "n1", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: zone)]))],
        incoming: affinityPod("p", labels: ["app": "web"]),
        expected: expect(existingFail, existingFail, ok, ok)),
    .init(
        name: "existing pod's anti-affinity not matching the incoming pod skips",
        pods: [affinityPod("e", node: "n1", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: zone)]))],
        incoming: affinityPod("p", labels: ["app": "api"]),
        preFilter: .skip),
    .init(
        name: "existing anti-affinity in another namespace only applies to its own namespace by default",
        pods: [
            affinityPod("e", namespace: "other", node: "n1", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: zone)]))
        ],
        incoming: affinityPod("p", labels: ["app": "web"]),
        preFilter: .skip),
    .init(
        name: "affinity term namespaces list",
        pods: [db("d1", on: "n1"), db("d2", on: "n3", namespace: "other")],
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone, namespaces: ["other"])])),
        expected: expect(affinityFail, affinityFail, ok, affinityFail)),
    .init(
        name: "affinity term defaults to the pod's own namespace",
        pods: [db("d1", on: "n1", namespace: "other")],
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone)])),
        expected: expect(affinityFail, affinityFail, affinityFail, affinityFail)),
    .init(
        name: "affinity term namespaceSelector",
        pods: [db("d1", on: "n1", namespace: "b"), db("d2", on: "n3", namespace: "a1")],
        namespaces: ["a1": ["team": "a"], "b": ["team": "b"]],
        incoming: affinityPod(
            "p",
            affinity: affinitySpec(required: [
                affinityTerm(["app": "db"], key: zone, namespaceSelector: LabelSelectorObject(matchLabels: ["team": "a"]))
            ])),
        expected: expect(affinityFail, affinityFail, ok, affinityFail)),
    .init(
        name: "empty namespaceSelector selects every namespace",
        pods: [db("d1", on: "n1", namespace: "x")],
        incoming: affinityPod(
            "p", affinity: affinitySpec(anti: [affinityTerm(["app": "db"], key: zone, namespaceSelector: LabelSelectorObject())])),
        expected: expect(antiFail, antiFail, ok, ok)),
    .init(
        name: "existing pod's anti-affinity namespaceSelector is matched against the incoming pod's namespace labels",
        pods: [
            affinityPod(
                "e", namespace: "sys", node: "n3",
                affinity: affinitySpec(anti: [
                    affinityTerm(["app": "web"], key: zone, namespaceSelector: LabelSelectorObject(matchLabels: ["env": "prod"]))
                ]))
        ],
        namespaces: ["shop": ["env": "prod"]],
        incoming: affinityPod("p", namespace: "shop", labels: ["app": "web"]),
        expected: expect(ok, ok, existingFail, ok)),
    .init(
        name: "affinity is checked before anti-affinity, then existing pods' anti-affinity",
        pods: [
            db("d1", on: "n1"), affinityPod("c", labels: ["app": "cache"], node: "n2"),
            affinityPod("e", node: "n3", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: zone)])),
            db("d3", on: "n3"),
        ],
        incoming: affinityPod(
            "p", labels: ["app": "web"],
            affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone)], anti: [affinityTerm(["app": "cache"], key: host)])),
        expected: expect(ok, antiFail, existingFail, affinityFail)),
    .init(
        name: "a term with no label selector matches no pod",
        pods: [db("d1", on: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(anti: [affinityTerm(nil, key: zone)])),
        expected: expect(ok, ok, ok, ok)),
]

@Suite struct InterPodAffinityTests {
    @Test func reasonStringsMatchKubernetes() {
        #expect(InterPodAffinity.errReasonAffinityRulesNotMatch == "node(s) didn't match pod affinity rules")
        #expect(InterPodAffinity.errReasonAntiAffinityRulesNotMatch == "node(s) didn't match pod anti-affinity rules")
        #expect(InterPodAffinity.errReasonExistingAntiAffinityRulesNotMatch == "node(s) didn't satisfy existing pods anti-affinity rules")
        #expect(InterPodAffinity().name == "InterPodAffinity")
        #expect(InterPodAffinity().hardPodAffinityWeight == 1)
    }

    @Test(arguments: filterCases)
    func filter(_ c: InterPodAffinityFilterCase) {
        let snapshot = affinitySnapshot(ipaNodes, c.pods, namespaces: c.namespaces)
        let (pre, statuses) = affinityRunFilter(InterPodAffinity(), PodInfo(c.incoming), snapshot)
        #expect(pre.code == c.preFilter)
        #expect(statuses == c.expected)
    }

    @Test func filterWithoutPreFilterIsAnError() {
        let status = InterPodAffinity().filter(state: CycleState(), pod: affinityInfo("p"), node: NodeInfo(affinityNode("n1")))
        #expect(status.code == .error)
    }

    @Test func skippedPreFilterMakesExtensionsNoOps() {
        let plugin = InterPodAffinity()
        let state = CycleState()
        let pod = affinityInfo("p")
        let snapshot = affinitySnapshot(ipaNodes)
        #expect(plugin.preFilter(state: state, pod: pod, snapshot: snapshot).isSkip)
        plugin.addPod(state: state, pod: pod, podToAdd: affinityInfo("x", node: "n1"), node: snapshot.nodes[0])
        #expect(state.read(InterPodAffinity.preFilterStateKey, as: InterPodAffinity.FilterState.self) == nil)
    }
}

/// One preemption what-if: the state of `incoming` over `pods` minus `victim` must equal the
/// state over all of `pods` after `removePod(victim)`, and adding it back must restore it.
struct InterPodAffinityUpdateCase: Sendable, CustomTestStringConvertible {
    var name: String
    var pods: [Pod]
    var victim: Pod
    var namespaces: [String: [String: String]] = [:]
    var incoming: Pod
    var testDescription: String { name }
}

private let updateCases: [InterPodAffinityUpdateCase] = [
    .init(
        name: "victim matches the incoming pod's affinity",
        pods: [db("d1", on: "n1")], victim: db("d2", on: "n3"),
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone), affinityTerm(["app": "db"], key: host)]))),
    .init(
        name: "victim matches the incoming pod's anti-affinity",
        pods: [db("d1", on: "n1")], victim: db("d2", on: "n1"),
        incoming: affinityPod("p", affinity: affinitySpec(anti: [affinityTerm(["app": "db"], key: zone)]))),
    .init(
        name: "victim's anti-affinity matches the incoming pod",
        pods: [affinityPod("e", node: "n3", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: host)]))],
        victim: affinityPod("v", node: "n1", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: zone)])),
        incoming: affinityPod("p", labels: ["app": "web"])),
    .init(
        name: "victim selected through a namespaceSelector",
        pods: [db("d1", on: "n2", namespace: "a")], victim: db("d2", on: "n3", namespace: "a"),
        namespaces: ["a": ["team": "a"]],
        incoming: affinityPod(
            "p",
            affinity: affinitySpec(
                required: [affinityTerm(["app": "db"], key: zone, namespaceSelector: LabelSelectorObject(matchLabels: ["team": "a"]))],
                anti: [affinityTerm(["app": "db"], key: host, namespaceSelector: LabelSelectorObject(matchLabels: ["team": "a"]))]))),
    .init(
        name: "victim on a node without the topology label",
        pods: [db("d1", on: "n1")], victim: db("d2", on: "n4"),
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone)]))),
    .init(
        name: "victim irrelevant to the incoming pod",
        pods: [db("d1", on: "n1")], victim: affinityPod("x", labels: ["app": "cache"], node: "n1"),
        incoming: affinityPod("p", affinity: affinitySpec(required: [affinityTerm(["app": "db"], key: zone)]))),
]

@Suite struct InterPodAffinityExtensionTests {
    private func state(_ pods: [Pod], _ c: InterPodAffinityUpdateCase) -> (CycleState, Snapshot) {
        let snapshot = affinitySnapshot(ipaNodes, pods, namespaces: c.namespaces)
        let state = CycleState()
        _ = InterPodAffinity().preFilter(state: state, pod: PodInfo(c.incoming), snapshot: snapshot)
        return (state, snapshot)
    }

    private func read(_ state: CycleState) -> InterPodAffinity.FilterState? {
        state.read(InterPodAffinity.preFilterStateKey, as: InterPodAffinity.FilterState.self)
    }

    @Test(arguments: updateCases)
    func removeThenAddIsConsistent(_ c: InterPodAffinityUpdateCase) throws {
        let plugin = InterPodAffinity()
        let (withState, withSnapshot) = state(c.pods + [c.victim], c)
        let (withoutState, _) = state(c.pods, c)
        let victim = PodInfo(c.victim)
        let node = try #require(withSnapshot.node(named: c.victim.spec?.nodeName ?? ""))
        let before = try #require(read(withState))
        plugin.removePod(state: withState, pod: PodInfo(c.incoming), podToRemove: victim, node: node)
        #expect(read(withState) == read(withoutState))
        plugin.addPod(state: withState, pod: PodInfo(c.incoming), podToAdd: victim, node: node)
        #expect(read(withState) == before)
    }

    @Test func removingTheOnlyAntiAffinityPodFreesTheNode() throws {
        let plugin = InterPodAffinity()
        let incoming = PodInfo(affinityPod("p", affinity: affinitySpec(anti: [affinityTerm(["app": "db"], key: host)])))
        let snapshot = affinitySnapshot(ipaNodes, [db("d1", on: "n1")])
        let state = CycleState()
        #expect(plugin.preFilter(state: state, pod: incoming, snapshot: snapshot).isSuccess)
        let n1 = try #require(snapshot.node(named: "n1"))
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == antiFail)
        let trial = state.clone()
        plugin.removePod(state: trial, pod: incoming, podToRemove: PodInfo(db("d1", on: "n1")), node: n1)
        #expect(plugin.filter(state: trial, pod: incoming, node: n1) == ok)
        // The original state is untouched.
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == antiFail)
    }

    @Test func removingTheOnlyExistingAntiAffinityPodEmptiesTheCounts() throws {
        let plugin = InterPodAffinity()
        let incoming = PodInfo(affinityPod("p", labels: ["app": "web"]))
        let victim = affinityPod("e", node: "n2", affinity: affinitySpec(anti: [affinityTerm(["app": "web"], key: zone)]))
        let snapshot = affinitySnapshot(ipaNodes, [victim])
        let state = CycleState()
        #expect(plugin.preFilter(state: state, pod: incoming, snapshot: snapshot).isSuccess)
        let n1 = try #require(snapshot.node(named: "n1"))
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == existingFail)
        let n2 = try #require(snapshot.node(named: "n2"))
        plugin.removePod(state: state, pod: incoming, podToRemove: PodInfo(victim), node: n2)
        #expect(read(state)?.existingAntiAffinityCounts.isEmpty == true)
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == ok)
    }

    @Test func addingAMatchingPodEndsTheFirstPodException() throws {
        let plugin = InterPodAffinity()
        let incoming = PodInfo(
            affinityPod("p", labels: ["app": "web"], affinity: affinitySpec(required: [affinityTerm(["app": "web"], key: zone)])))
        let snapshot = affinitySnapshot(ipaNodes)
        let state = CycleState()
        #expect(plugin.preFilter(state: state, pod: incoming, snapshot: snapshot).isSuccess)
        let n1 = try #require(snapshot.node(named: "n1"))
        let n3 = try #require(snapshot.node(named: "n3"))
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == ok)
        plugin.addPod(state: state, pod: incoming, podToAdd: affinityInfo("w", labels: ["app": "web"], node: "n3"), node: n3)
        #expect(plugin.filter(state: state, pod: incoming, node: n1) == affinityFail)
        #expect(plugin.filter(state: state, pod: incoming, node: n3) == ok)
    }
}

struct InterPodAffinityScoreCase: Sendable, CustomTestStringConvertible {
    var name: String
    var plugin = InterPodAffinity()
    var pods: [Pod] = []
    var namespaces: [String: [String: String]] = [:]
    var incoming: Pod
    var feasible: [String]? = nil
    var preScore: PluginStatus.Code = .success
    var raw: [String: Int64] = [:]
    var normalized: [String: Int64] = [:]
    var testDescription: String { name }
}

private let scoreNodes = ipaNodes + [affinityNode("bare", hostname: false)]

private let scoreCases: [InterPodAffinityScoreCase] = [
    .init(name: "no affinity anywhere skips", pods: [db("d1", on: "n1")], incoming: affinityPod("p"), preScore: .skip),
    .init(
        name: "preferred affinity adds the weight per matching pod in the domain",
        pods: [db("d1", on: "n1"), db("d2", on: "n2"), db("d3", on: "n3"), db("d4", on: "bare")],
        incoming: affinityPod("p", affinity: affinitySpec(preferred: [affinityWeighted(5, affinityTerm(["app": "db"], key: zone))])),
        raw: ["n1": 10, "n2": 10, "n3": 5, "n4": 0, "bare": 0],
        normalized: ["n1": 100, "n2": 100, "n3": 50, "n4": 0, "bare": 0]),
    .init(
        name: "preferred anti-affinity subtracts the weight",
        pods: [db("d1", on: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(preferredAnti: [affinityWeighted(3, affinityTerm(["app": "db"], key: host))])),
        raw: ["n1": -3, "n2": 0, "n3": 0, "n4": 0, "bare": 0],
        normalized: ["n1": 0, "n2": 100, "n3": 100, "n4": 100, "bare": 100]),
    .init(
        name: "preferred affinity and anti-affinity combine",
        pods: [db("d1", on: "n1"), db("d2", on: "n3"), affinityPod("c", labels: ["app": "cache"], node: "n3")],
        incoming: affinityPod(
            "p",
            affinity: affinitySpec(
                preferred: [affinityWeighted(10, affinityTerm(["app": "db"], key: zone))],
                preferredAnti: [affinityWeighted(4, affinityTerm(["app": "cache"], key: host))])),
        raw: ["n1": 10, "n2": 10, "n3": 6, "n4": 0, "bare": 0],
        normalized: ["n1": 100, "n2": 100, "n3": 60, "n4": 0, "bare": 0]),
    .init(
        name: "existing pod's preferred affinity matching the incoming pod (symmetry)",
        pods: [affinityPod("e", node: "n3", affinity: affinitySpec(preferred: [affinityWeighted(7, affinityTerm(["app": "web"], key: zone))]))],
        incoming: affinityPod("p", labels: ["app": "web"]),
        raw: ["n1": 0, "n2": 0, "n3": 7, "n4": 0, "bare": 0],
        normalized: ["n1": 0, "n2": 0, "n3": 100, "n4": 0, "bare": 0]),
    .init(
        name: "existing pod's preferred anti-affinity matching the incoming pod",
        pods: [affinityPod("e", node: "n1", affinity: affinitySpec(preferredAnti: [affinityWeighted(4, affinityTerm(["app": "web"], key: zone))]))],
        incoming: affinityPod("p", labels: ["app": "web"]),
        raw: ["n1": -4, "n2": -4, "n3": 0, "n4": 0, "bare": 0],
        normalized: ["n1": 0, "n2": 0, "n3": 100, "n4": 100, "bare": 100]),
    .init(
        name: "existing pod's required affinity counts with hardPodAffinityWeight 1",
        pods: [affinityPod("e", node: "n1", affinity: affinitySpec(required: [affinityTerm(["app": "web"], key: host)]))],
        incoming: affinityPod("p", labels: ["app": "web"]),
        raw: ["n1": 1, "n2": 0, "n3": 0, "n4": 0, "bare": 0],
        normalized: ["n1": 100, "n2": 0, "n3": 0, "n4": 0, "bare": 0]),
    .init(
        name: "hardPodAffinityWeight 0 ignores existing pods' required affinity",
        plugin: InterPodAffinity(hardPodAffinityWeight: 0),
        pods: [affinityPod("e", node: "n1", affinity: affinitySpec(required: [affinityTerm(["app": "web"], key: host)]))],
        incoming: affinityPod("p", labels: ["app": "web"]), preScore: .skip),
    .init(
        name: "ignorePreferredTermsOfExistingPods skips a pod without preferred terms",
        plugin: InterPodAffinity(hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: true),
        pods: [affinityPod("e", node: "n3", affinity: affinitySpec(preferred: [affinityWeighted(7, affinityTerm(["app": "web"], key: zone))]))],
        incoming: affinityPod("p", labels: ["app": "web"]), preScore: .skip),
    .init(
        name: "preferred terms without any matching pod skip",
        pods: [affinityPod("c", labels: ["app": "cache"], node: "n1")],
        incoming: affinityPod("p", affinity: affinitySpec(preferred: [affinityWeighted(5, affinityTerm(["app": "db"], key: zone))])),
        preScore: .skip),
    .init(
        name: "pods on a node without labels are ignored",
        pods: [db("d1", on: "bare")],
        incoming: affinityPod("p", affinity: affinitySpec(preferred: [affinityWeighted(5, affinityTerm(["app": "db"], key: zone))])),
        preScore: .skip),
    .init(
        name: "preferred term namespaceSelector",
        pods: [db("d1", on: "n1", namespace: "a"), db("d2", on: "n3", namespace: "b")],
        namespaces: ["a": ["team": "a"], "b": ["team": "b"]],
        incoming: affinityPod(
            "p",
            affinity: affinitySpec(preferred: [
                affinityWeighted(2, affinityTerm(["app": "db"], key: zone, namespaceSelector: LabelSelectorObject(matchLabels: ["team": "b"])))
            ])),
        raw: ["n1": 0, "n2": 0, "n3": 2, "n4": 0, "bare": 0],
        normalized: ["n1": 0, "n2": 0, "n3": 100, "n4": 0, "bare": 0]),
    .init(
        name: "domains count pods on all nodes, normalisation only the feasible ones",
        pods: [db("d1", on: "n1"), db("d2", on: "n3"), db("d3", on: "n3")],
        incoming: affinityPod("p", affinity: affinitySpec(preferred: [affinityWeighted(3, affinityTerm(["app": "db"], key: zone))])),
        feasible: ["n2", "n3"],
        raw: ["n2": 3, "n3": 6],
        normalized: ["n2": 0, "n3": 100]),
    .init(
        name: "equal scores normalise to 0",
        pods: [db("d1", on: "n1"), db("d3", on: "n3")],
        incoming: affinityPod("p", affinity: affinitySpec(preferred: [affinityWeighted(3, affinityTerm(["app": "db"], key: zone))])),
        feasible: ["n1", "n3"],
        raw: ["n1": 3, "n3": 3],
        normalized: ["n1": 0, "n3": 0]),
]

@Suite struct InterPodAffinityScoreTests {
    @Test(arguments: scoreCases)
    func score(_ c: InterPodAffinityScoreCase) {
        let snapshot = affinitySnapshot(scoreNodes, c.pods, namespaces: c.namespaces)
        let (pre, raw, normalized) = affinityRunScore(c.plugin, PodInfo(c.incoming), snapshot, feasible: c.feasible)
        #expect(pre.code == c.preScore)
        #expect(raw == c.raw)
        #expect(normalized == c.normalized)
    }

    @Test func normalizationTruncatesLikeKubernetes() {
        let state = CycleState()
        state.write(InterPodAffinity.preScoreStateKey, InterPodAffinity.ScoreState(topologyScore: ["zone": ["z1": 1]]))
        var scores: [Int64] = [-5, 0, 2, 10]
        InterPodAffinity().normalize(state: state, pod: affinityInfo("p"), scores: &scores)
        // 100 * (s - min) / (max - min): 0, 33.3, 46.6, 100
        #expect(scores == [0, 33, 46, 100])
    }
}
