import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct NodePortsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let wanted: [ContainerPort]
        let inUse: [ContainerPort]
        let fits: Bool
    }

    static let cases: [Case] = [
        Case(testDescription: "nothing in use", wanted: [hostPort(8080)], inUse: [], fits: true),
        Case(testDescription: "same port, default protocol and IP", wanted: [hostPort(8080)], inUse: [hostPort(8080)], fits: false),
        Case(testDescription: "TCP default equals explicit TCP", wanted: [hostPort(8080, "TCP")], inUse: [hostPort(8080)], fits: false),
        Case(testDescription: "different port", wanted: [hostPort(8081)], inUse: [hostPort(8080)], fits: true),
        Case(testDescription: "different protocol", wanted: [hostPort(8080, "UDP")], inUse: [hostPort(8080, "TCP")], fits: true),
        Case(testDescription: "same SCTP port", wanted: [hostPort(9000, "SCTP")], inUse: [hostPort(9000, "SCTP")], fits: false),
        Case(testDescription: "different specific IPs", wanted: [hostPort(8080, ip: "10.0.0.1")],
             inUse: [hostPort(8080, ip: "10.0.0.2")], fits: true),
        Case(testDescription: "same specific IP", wanted: [hostPort(8080, ip: "10.0.0.1")],
             inUse: [hostPort(8080, ip: "10.0.0.1")], fits: false),
        Case(testDescription: "wanted 0.0.0.0 against a specific IP", wanted: [hostPort(8080, ip: "0.0.0.0")],
             inUse: [hostPort(8080, ip: "10.0.0.1")], fits: false),
        Case(testDescription: "wanted specific IP against all addresses in use", wanted: [hostPort(8080, ip: "10.0.0.1")],
             inUse: [hostPort(8080)], fits: false),
        Case(testDescription: "one of several wanted ports conflicts", wanted: [hostPort(80), hostPort(443), hostPort(53, "UDP")],
             inUse: [hostPort(53, "UDP")], fits: false),
        Case(testDescription: "several ports, none conflicting", wanted: [hostPort(80), hostPort(443)],
             inUse: [hostPort(53, "UDP"), hostPort(80, "UDP")], fits: true),
    ]

    @Test(arguments: cases)
    func filter(_ c: Case) {
        let node = makeNodeInfo(makeNode(name: "n1"), pods: [makePod(name: "existing", ports: c.inUse)])
        let status = runFilter(NodePorts(), pod: makePodInfo(ports: c.wanted), node: node)
        if c.fits {
            #expect(status == .success)
        } else {
            #expect(status.code == .unschedulable)
            #expect(status.reasons == ["node(s) didn't have free ports for the requested pod ports"])
        }
    }

    @Test func preFilterSkipsPodsWithoutHostPorts() {
        let plugin = NodePorts()
        let state = CycleState()
        #expect(plugin.preFilter(state: state, pod: makePodInfo(), snapshot: Snapshot()) == .skip)
        #expect(plugin.preFilter(state: state, pod: makePodInfo(ports: [ContainerPort(containerPort: 80)]), snapshot: Snapshot()) == .skip)
        #expect(plugin.preFilter(state: state, pod: makePodInfo(ports: [hostPort(80)]), snapshot: Snapshot()) == .success)
        #expect(state.read(NodePorts.preFilterStateKey, as: [HostPort].self) == [HostPort(ip: "0.0.0.0", proto: "TCP", port: 80)])
    }
}
