import KubeAPI

/// The taints the node lifecycle controller owns, derived from a node's conditions: the
/// `NoExecute` taints of taint-based eviction and the `NoSchedule` taints of
/// TaintNodesByCondition. Other taints on the node are left alone.
enum NodeTaintPlan {
    /// Condition type and status that imply a `NoSchedule` taint, with the taint key
    /// (Kubernetes' `nodeConditionToTaintKeyStatusMap`).
    static let noScheduleByCondition: [(type: String, status: String, key: String)] = [
        ("Ready", "False", NodeTaints.notReady),
        ("Ready", "Unknown", NodeTaints.unreachable),
        ("MemoryPressure", "True", "node.kubernetes.io/memory-pressure"),
        ("DiskPressure", "True", "node.kubernetes.io/disk-pressure"),
        ("NetworkUnavailable", "True", "node.kubernetes.io/network-unavailable"),
        ("PIDPressure", "True", "node.kubernetes.io/pid-pressure"),
    ]
    /// `node.kubernetes.io/unschedulable`, for a cordoned node.
    static let unschedulable = "node.kubernetes.io/unschedulable"

    /// Whether the controller owns a taint with this key and effect.
    static func isManaged(key: String, effect: String) -> Bool {
        switch effect {
        case "NoExecute": return key == NodeTaints.notReady || key == NodeTaints.unreachable
        case "NoSchedule": return key == unschedulable || noScheduleByCondition.contains { $0.key == key }
        default: return false
        }
    }

    /// The managed taints `node` should carry (key and effect): `NoSchedule` ones from its
    /// conditions and `spec.unschedulable`; `NoExecute` not-ready while Ready is False,
    /// unreachable while Unknown, none while True. Without a Ready condition the node keeps
    /// whatever `NoExecute` taints it has (`keepNoExecute`).
    static func wanted(_ node: JSONValue) -> (taints: Set<TaintID>, keepNoExecute: Bool) {
        var out = Set<TaintID>()
        var statuses: [String: String] = [:]
        for c in node["status"]?["conditions"]?.arrayValue ?? [] {
            if let t = c["type"]?.stringValue, let s = c["status"]?.stringValue { statuses[t] = s }
        }
        for rule in noScheduleByCondition where statuses[rule.type] == rule.status {
            out.insert(TaintID(key: rule.key, effect: "NoSchedule"))
        }
        if node["spec"]?["unschedulable"]?.boolValue == true { out.insert(TaintID(key: unschedulable, effect: "NoSchedule")) }
        switch statuses["Ready"] {
        case "False"?: out.insert(TaintID(key: NodeTaints.notReady, effect: "NoExecute"))
        case "Unknown"?: out.insert(TaintID(key: NodeTaints.unreachable, effect: "NoExecute"))
        case nil: return (out, true)
        default: break
        }
        return (out, false)
    }

    /// The node's new `spec.taints` (kept ones in order, then added ones) so that its managed
    /// taints are exactly the wanted ones; added `NoExecute` taints carry `timeAdded` `now`.
    /// Nil when the taints are already right.
    static func plan(_ node: JSONValue, now: String) -> [JSONValue]? {
        let (wantedTaints, keepNoExecute) = Self.wanted(node)
        let current = node["spec"]?["taints"]?.arrayValue ?? []
        var kept: [JSONValue] = []
        var present = Set<TaintID>()
        var changed = false
        for json in current {
            guard let t = NodeTaints.taint(json) else {
                kept.append(json)
                continue
            }
            let id = TaintID(key: t.key, effect: t.effect)
            let owned = isManaged(key: t.key, effect: t.effect) && !(keepNoExecute && t.effect == "NoExecute")
            if owned && (!wantedTaints.contains(id) || present.contains(id)) {
                changed = true
                continue
            }
            present.insert(id)
            kept.append(json)
        }
        for id in wantedTaints.sorted() where !present.contains(id) {
            kept.append(NodeTaints.json(Taint(key: id.key, effect: id.effect, timeAdded: id.effect == "NoExecute" ? now : nil)))
            changed = true
        }
        return changed ? kept : nil
    }
}

/// A taint's identity for the controller: key and effect.
struct TaintID: Hashable, Comparable, Sendable {
    var key: String
    var effect: String

    static func < (a: TaintID, b: TaintID) -> Bool { (a.effect, a.key) < (b.effect, b.key) }
}
