import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct NodeTaintRulesTests {
    static func node(_ conditions: [String: String], taints: [JSONValue] = [], unschedulable: Bool = false) -> JSONValue {
        var n: JSONValue = ["metadata": ["name": "n1"], "spec": [:]]
        n.set(.array(conditions.sorted { $0.key < $1.key }.map { ["type": .string($0.key), "status": .string($0.value)] }), at: ["status", "conditions"])
        if !taints.isEmpty { n.set(.array(taints), at: ["spec", "taints"]) }
        if unschedulable { n.set(true, at: ["spec", "unschedulable"]) }
        return n
    }

    static func ids(_ taints: [JSONValue]?) -> [String] {
        (taints ?? []).compactMap { t in t["key"]?.stringValue.map { "\($0):\(t["effect"]?.stringValue ?? "")" } }
    }

    static let unreachableNoExecute: JSONValue = ["key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": "2027-01-01T00:00:00Z"]
    static let user: JSONValue = ["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let node: JSONValue
        let expected: [String]?
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "healthy node: nothing to do", node: node(["Ready": "True", "MemoryPressure": "False"]), expected: nil),
        Case(
            name: "Unknown: unreachable NoExecute and NoSchedule",
            node: node(["Ready": "Unknown"]),
            expected: ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"]),
        Case(
            name: "False: not-ready taints",
            node: node(["Ready": "False"]),
            expected: ["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/not-ready:NoSchedule"]),
        Case(
            name: "Unknown to False swaps the taints, keeps the user's",
            node: node(["Ready": "False"], taints: [user, unreachableNoExecute, ["key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"]]),
            expected: ["dedicated:NoSchedule", "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/not-ready:NoSchedule"]),
        Case(name: "Ready again: managed taints removed", node: node(["Ready": "True"], taints: [unreachableNoExecute, user]), expected: ["dedicated:NoSchedule"]),
        Case(name: "already right", node: node(["Ready": "Unknown"], taints: [unreachableNoExecute, ["key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"]]), expected: nil),
        Case(
            name: "pressure conditions and cordon",
            node: node(["Ready": "True", "MemoryPressure": "True", "DiskPressure": "True", "PIDPressure": "True", "NetworkUnavailable": "True"], unschedulable: true),
            expected: [
                "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
                "node.kubernetes.io/network-unavailable:NoSchedule", "node.kubernetes.io/pid-pressure:NoSchedule",
                "node.kubernetes.io/unschedulable:NoSchedule",
            ]),
        Case(name: "no Ready condition: NoExecute taints kept", node: node([:], taints: [unreachableNoExecute]), expected: nil),
        Case(name: "duplicate managed taint dropped", node: node(["Ready": "Unknown"], taints: [unreachableNoExecute, unreachableNoExecute, ["key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"]]), expected: ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"]),
    ])
    func managedTaintsFollowConditions(_ c: Case) {
        let plan = NodeTaintPlan.plan(c.node, now: "2027-01-15T08:00:00Z")
        #expect(plan.map(Self.ids) == c.expected)
    }

    @Test func addedNoExecuteTaintsCarryTimeAddedAndNoScheduleOnesDoNot() throws {
        let plan = try #require(NodeTaintPlan.plan(Self.node(["Ready": "Unknown"]), now: "2027-01-15T08:00:00Z"))
        #expect(plan.first { $0["effect"]?.stringValue == "NoExecute" }?["timeAdded"]?.stringValue == "2027-01-15T08:00:00Z")
        #expect(plan.first { $0["effect"]?.stringValue == "NoSchedule" }?["timeAdded"] == nil)
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let unreachable = Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute")
    static let custom = Taint(key: "example.com/maintenance", value: "now", effect: "NoExecute")

    struct EvictionCase: CustomTestStringConvertible, Sendable {
        let name: String
        let taints: [Taint]
        let tolerations: [Toleration]
        let nowOffset: TimeInterval
        let expected: EvictionDecision
        var testDescription: String { name }
    }

    @Test(arguments: [
        EvictionCase(name: "no taints", taints: [], tolerations: [], nowOffset: 0, expected: .stay),
        EvictionCase(name: "untolerated: now", taints: [unreachable], tolerations: [], nowOffset: 0, expected: .evictNow),
        EvictionCase(
            name: "tolerated forever", taints: [unreachable],
            tolerations: [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute")], nowOffset: 1000, expected: .stay),
        EvictionCase(
            name: "tolerated 300 s, 10 s in", taints: [unreachable],
            tolerations: [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)],
            nowOffset: 10, expected: .evictAt(t0.addingTimeInterval(300))),
        EvictionCase(
            name: "tolerated 300 s, 300 s in", taints: [unreachable],
            tolerations: [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)],
            nowOffset: 300, expected: .evictNow),
        EvictionCase(
            name: "negative seconds: now", taints: [unreachable],
            tolerations: [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: -5)],
            nowOffset: 0, expected: .evictNow),
        EvictionCase(
            name: "one of two taints untolerated", taints: [unreachable, custom],
            tolerations: [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute")], nowOffset: 0,
            expected: .evictNow),
        EvictionCase(
            name: "smallest time wins", taints: [unreachable, custom],
            tolerations: [
                Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60),
                Toleration(key: "example.com/maintenance", operator: "Equal", value: "now", tolerationSeconds: 30),
            ], nowOffset: 0, expected: .evictAt(t0.addingTimeInterval(30))),
        EvictionCase(
            name: "first matching toleration is the one used", taints: [unreachable],
            tolerations: [Toleration(operator: "Exists"), Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 5)],
            nowOffset: 100, expected: .stay),
        EvictionCase(
            name: "NoSchedule taints do not evict", taints: [Taint(key: "x", effect: "NoSchedule")], tolerations: [], nowOffset: 0, expected: .stay),
    ])
    func evictionDeadlines(_ c: EvictionCase) {
        let decision = EvictionDeadline.decide(
            taints: c.taints.map { (taint: $0, added: Self.t0) }, tolerations: c.tolerations, now: Self.t0.addingTimeInterval(c.nowOffset))
        #expect(decision == c.expected)
    }

    @Test func deadlineCountsFromEachTaintsOwnTimeAdded() {
        let toleration = [Toleration(operator: "Exists", effect: "NoExecute", tolerationSeconds: 100)]
        let decision = EvictionDeadline.decide(
            taints: [(Self.unreachable, Self.t0.addingTimeInterval(50)), (Self.custom, Self.t0)], tolerations: toleration, now: Self.t0)
        #expect(decision == .evictAt(Self.t0.addingTimeInterval(100)))
    }
}
