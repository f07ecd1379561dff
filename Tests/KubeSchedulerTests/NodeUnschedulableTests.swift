import KubeAPI
import Testing
@testable import KubeScheduler

@Suite struct NodeUnschedulableTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let unschedulable: Bool?
        let tolerations: [Toleration]?
        let fits: Bool
    }

    static let cases: [Case] = [
        Case(testDescription: "schedulable node (field absent)", unschedulable: nil, tolerations: nil, fits: true),
        Case(testDescription: "schedulable node (false)", unschedulable: false, tolerations: nil, fits: true),
        Case(testDescription: "cordoned node, no tolerations", unschedulable: true, tolerations: nil, fits: false),
        Case(
            testDescription: "cordoned node, tolerates unschedulable taint with Exists",
            unschedulable: true,
            tolerations: [Toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule")],
            fits: true),
        Case(
            testDescription: "cordoned node, tolerates everything (empty key, Exists)",
            unschedulable: true, tolerations: [Toleration(operator: "Exists")], fits: true),
        Case(
            testDescription: "cordoned node, Equal with no value matches the empty taint value",
            unschedulable: true,
            tolerations: [Toleration(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")],
            fits: true),
        Case(
            testDescription: "cordoned node, Equal with a value does not match the empty taint value",
            unschedulable: true,
            tolerations: [Toleration(key: "node.kubernetes.io/unschedulable", operator: "Equal", value: "true")],
            fits: false),
        Case(
            testDescription: "cordoned node, toleration for another effect",
            unschedulable: true,
            tolerations: [Toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoExecute")],
            fits: false),
        Case(
            testDescription: "cordoned node, toleration for another key",
            unschedulable: true,
            tolerations: [Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists")],
            fits: false),
    ]

    @Test(arguments: cases)
    func filter(_ c: Case) {
        let node = makeNodeInfo(makeNode(name: "n1", unschedulable: c.unschedulable))
        let pod = makePodInfo(tolerations: c.tolerations)
        let status = NodeUnschedulable().filter(state: CycleState(), pod: pod, node: node)
        if c.fits {
            #expect(status == .success)
        } else {
            #expect(status.code == .unschedulableAndUnresolvable)
            #expect(status.reasons == ["node(s) were unschedulable"])
        }
    }

    /// The node's `spec.unschedulable` is kept on the NodeInfo: a cordon or uncordon of a cached
    /// node takes effect on the next filter.
    @Test func cordonAndUncordonOfACachedNode() {
        let node = makeNodeInfo(makeNode(name: "n1"))
        let pod = makePodInfo()
        #expect(NodeUnschedulable().filter(state: CycleState(), pod: pod, node: node) == .success)
        node.update(makeNode(name: "n1", unschedulable: true))
        #expect(NodeUnschedulable().filter(state: CycleState(), pod: pod, node: node).code == .unschedulableAndUnresolvable)
        node.update(makeNode(name: "n1", unschedulable: false))
        #expect(NodeUnschedulable().filter(state: CycleState(), pod: pod, node: node) == .success)
    }

    @Test func nameAndTaint() {
        #expect(NodeUnschedulable().name == "NodeUnschedulable")
        #expect(NodeUnschedulable.unschedulableTaint.key == "node.kubernetes.io/unschedulable")
        #expect(NodeUnschedulable.unschedulableTaint.effect == "NoSchedule")
    }
}
