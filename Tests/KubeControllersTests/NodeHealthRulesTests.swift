import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct NodeHealthRulesTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func node(ready: String? = "True", heartbeat: String = "2027-01-15T08:00:00Z", transition: String = "2027-01-15T07:00:00Z", created: String = "2027-01-15T06:00:00Z") -> JSONValue {
        var n: JSONValue = ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1", "creationTimestamp": .string(created)]]
        if let ready {
            n.set(
                [[
                    "type": "Ready", "status": .string(ready), "lastHeartbeatTime": .string(heartbeat),
                    "lastTransitionTime": .string(transition), "reason": "KubeletReady", "message": "ok",
                ]], at: ["status", "conditions"])
        }
        return n
    }

    static func health(probe: Date, heartbeat: String? = "2027-01-15T08:00:00Z", transition: String? = "2027-01-15T07:00:00Z", lease: Date? = nil) -> NodeHealth {
        NodeHealth(
            probeTimestamp: probe, readyTransitionTimestamp: probe, readyHeartbeat: heartbeat, readyTransition: transition,
            hasReady: heartbeat != nil, readyStatus: heartbeat == nil ? nil : "True", leaseRenewTime: lease)
    }

    struct ObserveCase: CustomTestStringConvertible, Sendable {
        let name: String
        let saved: NodeHealth?
        let node: JSONValue
        let lease: Date?
        let probe: Date
        var testDescription: String { name }
    }

    static let now = t0.addingTimeInterval(100)
    static let earlier = t0.addingTimeInterval(10)
    static let created = Timestamp.parse("2027-01-15T06:00:00Z") ?? t0

    @Test(arguments: [
        ObserveCase(name: "first look at a posting node counts from now", saved: nil, node: node(), lease: nil, probe: now),
        ObserveCase(name: "first look at a silent new node counts from its creation", saved: nil, node: node(ready: nil), lease: nil, probe: created),
        ObserveCase(name: "same heartbeat, no lease: unchanged", saved: health(probe: earlier), node: node(), lease: nil, probe: earlier),
        ObserveCase(name: "new heartbeat: now", saved: health(probe: earlier), node: node(heartbeat: "2027-01-15T08:00:10Z"), lease: nil, probe: now),
        ObserveCase(name: "renewed lease: now", saved: health(probe: earlier, lease: t0), node: node(), lease: t0.addingTimeInterval(5), probe: now),
        ObserveCase(name: "same lease: unchanged", saved: health(probe: earlier, lease: t0), node: node(), lease: t0, probe: earlier),
        ObserveCase(name: "first lease seen: now", saved: health(probe: earlier), node: node(), lease: t0, probe: now),
        ObserveCase(name: "Ready condition appears: now", saved: health(probe: earlier, heartbeat: nil, transition: nil), node: node(), lease: nil, probe: now),
        ObserveCase(name: "Ready condition removed: now", saved: health(probe: earlier), node: node(ready: nil), lease: nil, probe: now),
    ])
    func probeTimestampFollowsHeartbeatsAndLeases(_ c: ObserveCase) {
        let h = NodeHealthRules.observe(saved: c.saved, node: c.node, leaseRenewTime: c.lease, now: Self.now)
        #expect(h.probeTimestamp == c.probe)
    }

    @Test func readyTransitionTimeMovesOnlyWhenTheConditionTransitions() {
        let saved = Self.health(probe: Self.earlier)
        let same = NodeHealthRules.observe(saved: saved, node: Self.node(heartbeat: "2027-01-15T08:00:10Z"), leaseRenewTime: nil, now: Self.now)
        #expect(same.readyTransitionTimestamp == Self.earlier)
        let flipped = NodeHealthRules.observe(
            saved: saved, node: Self.node(ready: "False", heartbeat: "2027-01-15T08:00:10Z", transition: "2027-01-15T08:00:10Z"),
            leaseRenewTime: nil, now: Self.now)
        #expect(flipped.readyTransitionTimestamp == Self.now)
        #expect(flipped.readyStatus == "False")
    }

    @Test(arguments: [
        (true, 39.0, false), (true, 41.0, true), (false, 59.0, false), (false, 61.0, true),
    ])
    func stalenessUsesTheStartupGraceUntilTheNodePostsReady(hasReady: Bool, silent: Double, stale: Bool) {
        var h = Self.health(probe: Self.t0, heartbeat: hasReady ? "x" : nil)
        h.hasReady = hasReady
        #expect(
            NodeHealthRules.isStale(h, now: Self.t0.addingTimeInterval(silent), gracePeriod: .seconds(40), startupGracePeriod: .seconds(60))
                == stale)
    }

    @Test func silentNodeConditionsBecomeUnknownWithKubernetesReasons() throws {
        var n = Self.node()
        n.set(
            .array((n["status"]?["conditions"]?.arrayValue ?? []) + [["type": "MemoryPressure", "status": "Unknown", "reason": "X"]]),
            at: ["status", "conditions"])
        let conditions = try #require(NodeHealthRules.unknownConditions(n, now: Self.now))
        let byType = Dictionary(conditions.compactMap { c in c["type"]?.stringValue.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        #expect(byType.keys.sorted() == ["DiskPressure", "MemoryPressure", "PIDPressure", "Ready"])
        #expect(byType["Ready"]?["status"]?.stringValue == "Unknown")
        #expect(byType["Ready"]?["reason"]?.stringValue == "NodeStatusUnknown")
        #expect(byType["Ready"]?["message"]?.stringValue == "Kubelet stopped posting node status.")
        #expect(byType["Ready"]?["lastHeartbeatTime"]?.stringValue == "2027-01-15T08:00:00Z")
        #expect(byType["Ready"]?["lastTransitionTime"]?.stringValue == Timestamp.format(Self.now))
        #expect(byType["MemoryPressure"]?["reason"]?.stringValue == "X")  // already Unknown: untouched
        #expect(byType["DiskPressure"]?["reason"]?.stringValue == "NodeStatusNeverUpdated")
        #expect(byType["DiskPressure"]?["message"]?.stringValue == "Kubelet never posted node status.")
        #expect(byType["DiskPressure"]?["lastHeartbeatTime"]?.stringValue == "2027-01-15T06:00:00Z")
        let again = n.settingConditions(conditions)
        #expect(NodeHealthRules.unknownConditions(again, now: Self.now) == nil)
    }

    @Test func podsLoseReadinessOnlyWhenReady() {
        let ready: JSONValue = ["status": ["conditions": [["type": "Ready", "status": "True"], ["type": "PodScheduled", "status": "True"]]]]
        let marked = PodReadiness.markedNotReady(ready, now: "2027-01-15T08:00:00Z")
        #expect(marked?["status"]?["conditions"]?[0]?["status"]?.stringValue == "False")
        #expect(marked?["status"]?["conditions"]?[0]?["lastTransitionTime"]?.stringValue == "2027-01-15T08:00:00Z")
        #expect(marked?["status"]?["conditions"]?[1]?["status"]?.stringValue == "True")
        #expect(PodReadiness.markedNotReady(marked ?? [:], now: "x") == nil)
        #expect(PodReadiness.markedNotReady(["status": [:]], now: "x") == nil)
    }
}

extension JSONValue {
    /// A copy with `status.conditions` replaced.
    func settingConditions(_ conditions: [JSONValue]) -> JSONValue {
        var out = self
        out.set(.array(conditions), at: ["status", "conditions"])
        return out
    }
}
