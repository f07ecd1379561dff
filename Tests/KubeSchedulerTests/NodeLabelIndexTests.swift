import KubeAPI
import Testing

@testable import KubeScheduler

@Suite struct NodeLabelIndexTests {
    private func selector(_ text: String) throws -> LabelSelector { try LabelSelector(parsing: text) }

    @Test func countsFollowAddAndRemove() throws {
        let node = makeNodeInfo(makeNode(name: "n0"))
        node.add(PodInfo(makePod(name: "a", labels: ["app": "web", "tier": "front"])))
        node.add(PodInfo(makePod(name: "b", labels: ["app": "web"])))
        node.add(PodInfo(makePod(name: "c", namespace: "other", labels: ["app": "web"])))
        #expect(node.matchingUpperBound(try selector("app=web"), namespaces: ["default"]) == 2)
        #expect(node.matchingUpperBound(try selector("app=web,tier=front"), namespaces: ["default"]) == 1)
        #expect(node.matchingUpperBound(try selector("app in (web)"), namespaces: ["default", "other"]) == 3)
        #expect(node.matchingUpperBound(try selector("app=db"), namespaces: ["default"]) == 0)
        #expect(node.matchingUpperBound(try selector("app"), namespaces: ["default"]) == nil, "exists needs a scan")
        #expect(node.matchingUpperBound(try selector("app in (web,db)"), namespaces: ["default"]) == nil)
        node.remove(key: "default/a")
        #expect(node.matchingUpperBound(try selector("app=web,tier=front"), namespaces: ["default"]) == 0)
        #expect(node.labelCounts[LabelIndexKey("default", "tier", "front")] == nil, "emptied entries are dropped")
    }

    @Test func terminatingPodsAreNotIndexed() throws {
        var pod = makePod(name: "gone", labels: ["app": "web"])
        pod.metadata.deletionTimestamp = "2026-01-01T00:00:00Z"
        let node = makeNodeInfo(makeNode(name: "n0"), pods: [pod])
        #expect(node.matchingUpperBound(try selector("app=web"), namespaces: ["default"]) == 0)
    }
}
