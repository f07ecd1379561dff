import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct NodeNameTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let podNodeName: String?
        let fits: Bool
    }

    static let cases: [Case] = [
        Case(testDescription: "no nodeName fits any node", podNodeName: nil, fits: true),
        Case(testDescription: "empty nodeName fits any node", podNodeName: "", fits: true),
        Case(testDescription: "nodeName equal to the node", podNodeName: "n1", fits: true),
        Case(testDescription: "nodeName of another node", podNodeName: "n2", fits: false),
        Case(testDescription: "nodeName differing only in case", podNodeName: "N1", fits: false),
    ]

    @Test(arguments: cases)
    func filter(_ c: Case) {
        let status = NodeName().filter(
            state: CycleState(), pod: makePodInfo(nodeName: c.podNodeName), node: makeNodeInfo(makeNode(name: "n1")))
        if c.fits {
            #expect(status == .success)
        } else {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.reasons == ["node(s) didn't match the requested node name"])
        }
    }

    @Test func name() {
        #expect(NodeName().name == "NodeName")
        #expect(NodeName.pluginName == "NodeName")
    }
}
