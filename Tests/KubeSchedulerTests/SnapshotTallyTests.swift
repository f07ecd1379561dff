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
}
