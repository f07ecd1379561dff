import KubeAPI
import Testing

@testable import KubeScheduler

/// The snapshot's per-key domain tables, which topology spread reads by node index.
@Suite struct TopologyDomainsTests {
    @Test func eachNodeReadsItsDomainByIndexUntilNodesChange() throws {
        let snapshot = Snapshot(nodes: [
            affinityNode("n1", ["zone": "a"]), affinityNode("n2", ["zone": "b"]), affinityNode("n3"), affinityNode("n4", ["zone": "a"]),
        ])
        let zones = snapshot.domains(of: "zone")
        #expect(zones.values == ["a", "b"])
        #expect(snapshot.nodes.map { zones.domain(of: $0) } == [0, 1, -1, 0])
        #expect(zones.index(of: "b") == 1 && zones.index(of: "c") == nil)
        // A what-if copy of a node is not the snapshot's node: it is read by its label instead.
        let n1 = try #require(snapshot.node(named: "n1"))
        #expect(zones.domain(of: n1.clone()) == nil)

        // Removing a node moves the last one into its place; the table is read again.
        snapshot.remove(nodeNamed: "n2")
        #expect(snapshot.nodes.map(\.name) == ["n1", "n4", "n3"])
        #expect(snapshot.nodes.map(\.snapshotIndex) == [0, 1, 2])
        let afterRemove = snapshot.domains(of: "zone")
        #expect(afterRemove.values == ["a"] && snapshot.nodes.map { afterRemove.domain(of: $0) } == [0, 0, -1])
        // The old table does not vouch for the moved node.
        #expect(zones.domain(of: try #require(snapshot.node(named: "n4"))) == nil)

        // A relabelled node gives a new table; an update that keeps the labels keeps the table.
        snapshot.upsert(affinityNode("n3", ["zone": "c"]))
        let relabelled = snapshot.domains(of: "zone")
        #expect(relabelled.values == ["a", "c"] && snapshot.nodes.map { relabelled.domain(of: $0) } == [0, 0, 1])
        snapshot.upsert(affinityNode("n3", ["zone": "c"]))
        #expect(snapshot.domains(of: "zone") == relabelled)
        // A new node is in the next table.
        snapshot.upsert(affinityNode("n5", ["zone": "d"]))
        #expect(snapshot.domains(of: "zone").values == ["a", "c", "d"])
    }
}
