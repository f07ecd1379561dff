import KubeAPI
import Testing

@testable import KubeScheduler

/// The snapshot's cluster-wide count of pods with affinity terms, which lets inter-pod affinity
/// skip its walk over every node when no pod has a term.
@Suite struct SnapshotTallyTests {
    let anti = affinitySpec(anti: [affinityTerm(["app": "db"], key: "kubernetes.io/hostname")])
    let preferred = affinitySpec(preferred: [affinityWeighted(5, affinityTerm(["app": "web"], key: "zone"))])

    @Test func podsAreCountedInAndOutAsTheyComeAndGo() throws {
        let snapshot = affinitySnapshot(
            [affinityNode("n1"), affinityNode("n2")],
            [affinityPod("a", node: "n1", affinity: anti), affinityPod("b", node: "n2", affinity: preferred), affinityPod("c", node: "n2")])
        #expect(snapshot.podsWithAffinity == 2 && snapshot.podsWithRequiredAntiAffinity == 1)
        let n2 = try #require(snapshot.node(named: "n2"))
        n2.add(affinityInfo("d", node: "n2", affinity: anti))
        #expect(snapshot.podsWithAffinity == 3 && snapshot.podsWithRequiredAntiAffinity == 2)
        n2.remove(key: "default/b")
        #expect(snapshot.podsWithAffinity == 2 && snapshot.podsWithRequiredAntiAffinity == 2)
        // A what-if copy (preemption) leaves the snapshot's counts alone.
        let trial = n2.clone()
        trial.remove(key: "default/d")
        trial.add(affinityInfo("e", node: "n2", affinity: anti))
        #expect(snapshot.podsWithAffinity == 2 && snapshot.podsWithRequiredAntiAffinity == 2)
        // A removed node takes its pods' counts with it and no longer changes them.
        let removed = try #require(snapshot.remove(nodeNamed: "n1"))
        #expect(snapshot.podsWithAffinity == 1 && snapshot.podsWithRequiredAntiAffinity == 1)
        removed.add(affinityInfo("f", node: "n1", affinity: anti))
        #expect(snapshot.podsWithAffinity == 1)
        n2.remove(key: "default/d")
        #expect(snapshot.podsWithAffinity == 0 && snapshot.podsWithRequiredAntiAffinity == 0)
    }

    @Test func affinityIsSkippedWhenNoPodAnywhereHasATerm() {
        let plain = affinitySnapshot([affinityNode("n1"), affinityNode("n2")], [affinityPod("a", labels: ["app": "db"], node: "n1")])
        let incoming = affinityInfo("new", labels: ["app": "db"])
        #expect(InterPodAffinity().preFilter(state: CycleState(), pod: incoming, snapshot: plain).isSkip)
        let plugin = InterPodAffinity()
        #expect(plugin.preScore(state: CycleState(), pod: incoming, nodes: plain.nodes, snapshot: plain).isSkip)
        // One pod with a required anti-affinity term selecting the incoming pod: no longer skipped.
        let guarded = affinitySnapshot([affinityNode("n1"), affinityNode("n2")], [affinityPod("a", node: "n1", affinity: anti)])
        #expect(!InterPodAffinity().preFilter(state: CycleState(), pod: incoming, snapshot: guarded).isSkip)
        let wanted = affinitySnapshot(
            [affinityNode("n1", ["zone": "z1"]), affinityNode("n2", ["zone": "z2"])], [affinityPod("b", node: "n1", affinity: preferred)])
        let web = affinityInfo("web", labels: ["app": "web"])
        #expect(!plugin.preScore(state: CycleState(), pod: web, nodes: wanted.nodes, snapshot: wanted).isSkip)
    }

    @Test func sharedTermsAreKeptOncePerTermWithCountsPerNode() throws {
        let other = affinitySpec(anti: [affinityTerm(["app": "cache"], key: "kubernetes.io/hostname")])
        let snapshot = affinitySnapshot(
            [affinityNode("n1"), affinityNode("n2")],
            [affinityPod("a", node: "n1", affinity: anti), affinityPod("b", node: "n1", affinity: anti),
             affinityPod("c", node: "n2", affinity: anti), affinityPod("d", node: "n2", affinity: other)])
        let dbTerm = try #require(affinityInfo("x", affinity: anti).requiredAntiAffinityTerms.first)
        #expect(snapshot.requiredAntiAffinityTerms.count == 2)
        #expect(snapshot.requiredAntiAffinityTerms[dbTerm] == ["n1": 2, "n2": 1])
        try #require(snapshot.node(named: "n2")).remove(key: "default/c")
        #expect(snapshot.requiredAntiAffinityTerms[dbTerm] == ["n1": 2])
        snapshot.remove(nodeNamed: "n1")
        #expect(snapshot.requiredAntiAffinityTerms[dbTerm] == nil && snapshot.requiredAntiAffinityTerms.count == 1)
        // Scoring terms keep their kind: required affinity (no weight) and signed preferred weights.
        let scoring = affinitySpec(
            required: [affinityTerm(["app": "web"], key: "zone")],
            preferred: [affinityWeighted(5, affinityTerm(["app": "web"], key: "zone"))],
            preferredAnti: [affinityWeighted(3, affinityTerm(["app": "web"], key: "zone"))])
        try #require(snapshot.node(named: "n2")).add(affinityInfo("e", node: "n2", affinity: scoring))
        #expect(Set(snapshot.scoringTerms.keys.map(\.weight)) == [nil, 5, -3])
        #expect(snapshot.scoringTerms.values.allSatisfy { $0 == ["n2": 1] })
    }

    @Test func groupedTermsGiveTheCountsAndScoresOfAWalkOverEveryPod() throws {
        let nodes = [affinityNode("n1", ["zone": "z1"]), affinityNode("n2", ["zone": "z1"]), affinityNode("n3", ["zone": "z2"])]
        let snapshot = affinitySnapshot(nodes, [
            affinityPod("a", node: "n1", affinity: anti), affinityPod("b", node: "n1", affinity: anti),
            affinityPod("c", node: "n3", affinity: anti),
            affinityPod("p1", node: "n1", affinity: preferred), affinityPod("p2", node: "n2", affinity: preferred),
            affinityPod("p3", node: "n3", affinity: preferred),
            affinityPod("q", node: "n3", affinity: affinitySpec(
                required: [affinityTerm(["app": "web"], key: "zone")],
                preferredAnti: [affinityWeighted(3, affinityTerm(["app": "web"], key: "zone"))])),
        ])
        let db = affinityInfo("db", labels: ["app": "db"])
        let state = CycleState()
        #expect(InterPodAffinity().preFilter(state: state, pod: db, snapshot: snapshot) == .success)
        let filter = try #require(state.read(InterPodAffinity.preFilterStateKey, as: InterPodAffinity.FilterState.self))
        #expect(filter.existingAntiAffinityCounts["kubernetes.io/hostname", "n1"] == 2)
        #expect(filter.existingAntiAffinityCounts["kubernetes.io/hostname", "n3"] == 1)
        #expect(filter.existingAntiAffinityCounts["kubernetes.io/hostname", "n2"] == 0)
        // z1: 5 + 5 (two preferred terms); z2: 5 (preferred) - 3 (preferred anti) + 2 (hard weight).
        let web = affinityInfo("web", labels: ["app": "web"])
        let scored = CycleState()
        let plugin = InterPodAffinity(hardPodAffinityWeight: 2)
        #expect(plugin.preScore(state: scored, pod: web, nodes: snapshot.nodes, snapshot: snapshot) == .success)
        let score = try #require(scored.read(InterPodAffinity.preScoreStateKey, as: InterPodAffinity.ScoreState.self))
        #expect(score.topologyScore == ["zone": ["z1": 10, "z2": 4]])
        // A hard weight of 0 leaves existing pods' required affinity terms out.
        let unweighted = CycleState()
        _ = InterPodAffinity(hardPodAffinityWeight: 0).preScore(state: unweighted, pod: web, nodes: snapshot.nodes, snapshot: snapshot)
        #expect(unweighted.read(InterPodAffinity.preScoreStateKey, as: InterPodAffinity.ScoreState.self)?.topologyScore == ["zone": ["z1": 10, "z2": 2]])
    }

    @Test func theIncomingPodsTermsVisitOnlyNodesWhosePodsTheyCouldSelect() throws {
        let snapshot = affinitySnapshot(
            [affinityNode("n1"), affinityNode("n2"), affinityNode("n3"), affinityNode("n4")],
            [affinityPod("a", labels: ["app": "db"], node: "n1"),
             affinityPod("b", labels: ["app": "db"], node: "n2", terminating: true),
             affinityPod("c", namespace: "other", labels: ["app": "db"], node: "n3"),
             affinityPod("d", labels: ["app": "web"], node: "n4")])
        func terms(_ term: PodAffinityTerm) -> [AffinityTerm] {
            affinityInfo("x", affinity: affinitySpec(anti: [term])).requiredAntiAffinityTerms
        }
        func names(_ nodes: [NodeInfo]) -> Set<String> { Set(nodes.map(\.name)) }
        let db = terms(affinityTerm(["app": "db"], key: "zone"))
        // Terminating pods are not counted, as in the per-node label index.
        #expect(names(snapshot.nodesPossiblyMatching(db)) == ["n1"])
        let both = terms(affinityTerm(["app": "db"], key: "zone", namespaces: ["default", "other"]))
        #expect(names(snapshot.nodesPossiblyMatching(both)) == ["n1", "n3"])
        #expect(names(snapshot.nodesPossiblyMatching(db + terms(affinityTerm(["app": "web"], key: "zone")))) == ["n1", "n4"])
        // Without an equality requirement, or with a namespace selector, every node is visited.
        let notWeb = terms(PodAffinityTerm(
            labelSelector: LabelSelectorObject(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "NotIn", values: ["web"])]),
            topologyKey: "zone"))
        #expect(snapshot.nodesPossiblyMatching(notWeb).count == 4)
        let anyNamespace = terms(affinityTerm(["app": "db"], key: "zone", namespaceSelector: LabelSelectorObject()))
        #expect(snapshot.nodesPossiblyMatching(anyNamespace).count == 4)
        // A term without a selector selects nothing.
        #expect(snapshot.nodesPossiblyMatching(terms(affinityTerm(nil, key: "zone"))).isEmpty)
        // The index follows pods as they go.
        try #require(snapshot.node(named: "n1")).remove(key: "default/a")
        #expect(snapshot.nodesPossiblyMatching(db).isEmpty)
    }

    @Test func existingAntiAffinityTermsAreOfferedOnlyToPodsTheyMaySelect() throws {
        func spec(_ term: PodAffinityTerm) -> Affinity? { affinitySpec(anti: [term]) }
        let notWeb = PodAffinityTerm(
            labelSelector: LabelSelectorObject(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "NotIn", values: ["web"])]),
            topologyKey: "zone")
        let snapshot = affinitySnapshot(
            [affinityNode("n1"), affinityNode("n2"), affinityNode("n3")],
            [affinityPod("a", node: "n1", affinity: spec(affinityTerm(["app": "db"], key: "zone"))),
             affinityPod("b", node: "n2", affinity: spec(affinityTerm(["app": "db", "tier": "1"], key: "zone"))),
             affinityPod("c", node: "n3", affinity: spec(affinityTerm(["app": "db"], key: "zone", namespaces: ["default", "other"]))),
             affinityPod("d", node: "n1", affinity: spec(notWeb)),
             affinityPod("e", node: "n2", affinity: spec(affinityTerm(["app": "db"], key: "zone", namespaceSelector: LabelSelectorObject())))])
        func offered(_ labels: [String: String], namespace: String = "default") -> Set<String> {
            let pod = affinityInfo("x", namespace: namespace, labels: labels)
            return Set(snapshot.requiredAntiAffinityTerms(possiblySelecting: pod).map { $0.holders.keys.sorted().joined(separator: ",") + ":" + ($0.term.selector?.description ?? "") })
        }
        // Every term is offered that the pod's labels do not rule out; the rest are left
        // unmatched. Terms without an equality requirement or with a namespace selector are
        // always offered.
        let always: Set = ["n1:app notin (web)", "n2:app=db"]
        #expect(offered(["app": "db", "tier": "1"]) == always.union(["n1:app=db", "n2:app=db,tier=1", "n3:app=db"]))
        // The two-label term is filed under one of its labels, so a pod with that one alone is
        // offered it (and matches it away), or not, depending on which.
        let dbOnly = offered(["app": "db"])
        #expect(dbOnly == always.union(["n1:app=db", "n3:app=db"]) || dbOnly == always.union(["n1:app=db", "n3:app=db", "n2:app=db,tier=1"]))
        #expect(offered(["app": "web"]) == always)
        #expect(offered(["app": "db"], namespace: "other") == always.union(["n3:app=db"]))
        // Each offered term selects the pod or is matched away, as a walk over every term finds.
        for labels in [["app": "db", "tier": "1"], ["app": "db"], ["app": "web"], [:]] {
            let pod = affinityInfo("x", labels: labels)
            let all = snapshot.requiredAntiAffinityTerms.filter { $0.key.matches(pod, namespaceLabels: { _ in [:] }) }
            let found = snapshot.requiredAntiAffinityTerms(possiblySelecting: pod).filter { $0.term.matches(pod, namespaceLabels: { _ in [:] }) }
            #expect(Dictionary(uniqueKeysWithValues: found.map { ($0.term, $0.holders) }) == all)
        }
        // A term no pod carries any more is no longer offered.
        try #require(snapshot.node(named: "n2")).remove(key: "default/b")
        #expect(offered(["app": "db", "tier": "1"]) == always.union(["n1:app=db", "n3:app=db"]))
        snapshot.remove(nodeNamed: "n1")
        #expect(offered(["app": "db", "tier": "1"]) == ["n2:app=db", "n3:app=db"])
    }

    @Test func aTermStaysOfferedWhilePodsCarryItAndComesBackAfterReachingZero() throws {
        let shared = affinitySpec(anti: [affinityTerm(["app": "db"], key: "zone")])
        let snapshot = affinitySnapshot(
            [affinityNode("n1"), affinityNode("n2")],
            [affinityPod("a", node: "n1", affinity: shared), affinityPod("b", node: "n2", affinity: shared)])
        let db = affinityInfo("x", labels: ["app": "db"])
        func holders() -> [AffinityTally.Holders] { snapshot.requiredAntiAffinityTerms(possiblySelecting: db).map(\.holders) }
        #expect(holders() == [["n1": 1, "n2": 1]])
        let n1 = try #require(snapshot.node(named: "n1"))
        n1.remove(key: "default/a")
        #expect(holders() == [["n2": 1]])
        try #require(snapshot.node(named: "n2")).remove(key: "default/b")
        #expect(holders().isEmpty)
        n1.add(affinityInfo("c", node: "n1", affinity: shared))
        #expect(holders() == [["n1": 1]])
    }

    @Test func termsFiledUnderAddedOrSingleValueRequirementsAreOfferedToPodsWithThatLabel() {
        // matchLabelKeys adds `pod-template-hash in (h1)`; a one-value In is an equality too.
        let hashed = PodAffinityTerm(
            labelSelector: LabelSelectorObject(matchLabels: ["app": "db"]), topologyKey: "zone", matchLabelKeys: ["pod-template-hash"])
        let oneValueIn = PodAffinityTerm(
            labelSelector: LabelSelectorObject(matchExpressions: [LabelSelectorRequirement(key: "tier", operator: "In", values: ["front"])]),
            topologyKey: "zone")
        let snapshot = affinitySnapshot(
            [affinityNode("n1"), affinityNode("n2")],
            [affinityPod("a", labels: ["app": "db", "pod-template-hash": "h1"], node: "n1", affinity: affinitySpec(anti: [hashed])),
             affinityPod("b", node: "n2", affinity: affinitySpec(anti: [oneValueIn]))])
        func matched(_ labels: [String: String]) -> [String] {
            let pod = affinityInfo("x", labels: labels)
            return snapshot.requiredAntiAffinityTerms(possiblySelecting: pod)
                .filter { $0.term.matches(pod, namespaceLabels: { _ in [:] }) }.flatMap(\.holders.keys).sorted()
        }
        #expect(matched(["app": "db", "pod-template-hash": "h1"]) == ["n1"])
        #expect(matched(["app": "db", "pod-template-hash": "h2"]).isEmpty)
        #expect(matched(["app": "db"]).isEmpty)
        #expect(matched(["tier": "front"]) == ["n2"])
        #expect(matched(["tier": "back"]).isEmpty)
        #expect(snapshot.requiredAntiAffinityTerms(possiblySelecting: affinityInfo("x", labels: ["tier": "back"])).isEmpty)
    }
}
