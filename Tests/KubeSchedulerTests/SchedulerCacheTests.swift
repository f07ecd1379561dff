import KubeAPI
import Testing

@testable import KubeScheduler

@Suite struct SchedulerCacheTests {
    @Test func assumedPodsCountUntilForgottenOrConfirmed() throws {
        let cache = SchedulerCache()
        cache.upsert(node: makeNode(name: "n0", cpu: 1000))
        let pod = PodInfo(makePod(name: "a", cpu: 600))
        cache.assume(pod, on: "n0")
        let node = try #require(cache.snapshot.node(named: "n0"))
        #expect(node.requested.milliCPU == 600, "an assumed pod takes room at once")
        #expect(cache.assumed.contains("default/a"))
        cache.forget(key: "default/a")
        #expect(node.requested.milliCPU == 0)
        #expect(cache.nodeName(ofPod: "default/a") == nil)

        cache.assume(pod, on: "n0")
        cache.confirm(key: "default/a")
        cache.forget(key: "default/a")
        #expect(node.requested.milliCPU == 600, "a confirmed binding is not undone by forget")
    }

    @Test func podsWaitForTheirNodeAndSurviveItsDeletion() throws {
        let cache = SchedulerCache()
        cache.place(PodInfo(makePod(name: "early", cpu: 100)), on: "late")
        #expect(cache.snapshot.node(named: "late") == nil)
        cache.upsert(node: makeNode(name: "late"))
        #expect(cache.snapshot.node(named: "late")?.pods.count == 1)
        cache.remove(nodeNamed: "late")
        cache.upsert(node: makeNode(name: "late"))
        #expect(cache.snapshot.node(named: "late")?.pods.count == 1, "a node that comes back finds its pods")
    }

    @Test func movingAPodBetweenNodesUpdatesBoth() throws {
        let cache = SchedulerCache()
        cache.upsert(node: makeNode(name: "n0"))
        cache.upsert(node: makeNode(name: "n1"))
        let pod = PodInfo(makePod(name: "a", cpu: 250))
        cache.place(pod, on: "n0")
        cache.place(pod, on: "n1")
        #expect(cache.snapshot.node(named: "n0")?.requested.milliCPU == 0)
        #expect(cache.snapshot.node(named: "n1")?.requested.milliCPU == 250)
        #expect(cache.podCount == 1)
        cache.removePod(key: "default/a")
        #expect(cache.snapshot.node(named: "n1")?.pods.isEmpty == true)
        #expect(cache.podCount == 0)
    }

    @Test func snapshotRemovalKeepsTheIndexConsistent() throws {
        let snapshot = Snapshot(nodes: [makeNode(name: "a"), makeNode(name: "b"), makeNode(name: "c")])
        snapshot.remove(nodeNamed: "a")
        #expect(snapshot.nodes.map(\.name).sorted() == ["b", "c"])
        #expect(snapshot.node(named: "c")?.name == "c")
        #expect(snapshot.node(named: "a") == nil)
    }
}
