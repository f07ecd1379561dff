import Foundation
import KubeAPI

/// What the node lifecycle controller remembers about a node between looks (Kubernetes'
/// `nodeHealthData`): when it last heard from the node, as observed by this controller, and the
/// Ready condition and Lease renewal it saw then. Kept in memory only, so a restarted controller
/// gives every node that has posted status a fresh grace period.
struct NodeHealth: Sendable, Equatable {
    /// When the controller last saw a new Ready heartbeat or a renewed Lease.
    var probeTimestamp: Date
    /// When the controller saw the Ready condition change.
    var readyTransitionTimestamp: Date
    /// The Ready condition's `lastHeartbeatTime` last seen; nil when the node had no Ready condition.
    var readyHeartbeat: String?
    /// The Ready condition's `lastTransitionTime` last seen.
    var readyTransition: String?
    /// Whether the node had a Ready condition when last seen.
    var hasReady: Bool
    /// The Ready status last seen (`True`, `False`, `Unknown`), nil without a Ready condition.
    var readyStatus: String?
    /// The Lease's `spec.renewTime` last seen.
    var leaseRenewTime: Date?
}

/// The node condition types the controller sets to Unknown when a node goes silent.
enum NodeHealthRules {
    /// `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, as Kubernetes marks them.
    static let monitoredConditions = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]

    /// The node's Ready condition object, if it has one.
    static func readyCondition(_ node: JSONValue) -> JSONValue? {
        (node["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
    }

    /// The health record after observing `node` (and its Lease's renew time) at `now`, given the
    /// record from the previous look (Kubernetes' `tryUpdateNodeHealth` bookkeeping): a new
    /// heartbeat or a renewed Lease moves the probe time to `now`; a node never seen before counts
    /// from `now`, or from its creation when it has not posted a Ready condition.
    static func observe(saved: NodeHealth?, node: JSONValue, leaseRenewTime: Date?, now: Date) -> NodeHealth {
        let ready = readyCondition(node)
        let heartbeat = ready?["lastHeartbeatTime"]?.stringValue
        let transition = ready?["lastTransitionTime"]?.stringValue
        let fresh = NodeHealth(
            probeTimestamp: now, readyTransitionTimestamp: now, readyHeartbeat: heartbeat, readyTransition: transition,
            hasReady: ready != nil, readyStatus: ready?["status"]?.stringValue, leaseRenewTime: nil)
        var health: NodeHealth
        if let saved {
            if saved.hasReady != (ready != nil) {
                health = fresh
            } else if ready != nil, saved.readyHeartbeat != heartbeat {
                health = fresh
                if saved.readyTransition == transition { health.readyTransitionTimestamp = saved.readyTransitionTimestamp }
            } else {
                health = saved
                health.readyStatus = ready?["status"]?.stringValue
            }
            health.leaseRenewTime = saved.leaseRenewTime
        } else if ready == nil {
            let created = node["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.parse) ?? now
            health = fresh
            health.probeTimestamp = created
            health.readyTransitionTimestamp = created
        } else {
            health = fresh
        }
        if let leaseRenewTime, health.leaseRenewTime.map({ $0 < leaseRenewTime }) ?? true {
            health.leaseRenewTime = leaseRenewTime
            health.probeTimestamp = now
        }
        return health
    }

    /// Whether the node has been silent for longer than its grace period at `now`: the startup
    /// grace period until it posts a Ready condition, the monitor grace period after.
    static func isStale(_ health: NodeHealth, now: Date, gracePeriod: Duration, startupGracePeriod: Duration) -> Bool {
        let grace = health.hasReady ? gracePeriod : startupGracePeriod
        return now.timeIntervalSince(health.probeTimestamp) > interval(grace)
    }

    /// The node's conditions with every monitored one set to Unknown, as the controller writes
    /// them for a silent node: a missing one is added (`NodeStatusNeverUpdated`, heartbeat at the
    /// node's creation), a present one not already Unknown becomes Unknown (`NodeStatusUnknown`,
    /// heartbeat kept). Nil when nothing would change.
    static func unknownConditions(_ node: JSONValue, now: Date) -> [JSONValue]? {
        var conditions = node["status"]?["conditions"]?.arrayValue ?? []
        let stamp = Timestamp.format(now)
        let created = node["metadata"]?["creationTimestamp"] ?? .string(stamp)
        var changed = false
        for type in monitoredConditions {
            if let i = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) {
                guard conditions[i]["status"]?.stringValue != "Unknown" else { continue }
                var c = conditions[i]
                c["status"] = "Unknown"
                c["reason"] = "NodeStatusUnknown"
                c["message"] = "Kubelet stopped posting node status."
                c["lastTransitionTime"] = .string(stamp)
                conditions[i] = c
            } else {
                conditions.append([
                    "type": .string(type), "status": "Unknown", "lastHeartbeatTime": created,
                    "lastTransitionTime": .string(stamp), "reason": "NodeStatusNeverUpdated",
                    "message": "Kubelet never posted node status.",
                ])
            }
            changed = true
        }
        return changed ? conditions : nil
    }

    /// `duration` in seconds, as a `TimeInterval`.
    static func interval(_ duration: Duration) -> TimeInterval {
        let (s, atto) = duration.components
        return TimeInterval(s) + TimeInterval(atto) / 1e18
    }
}
