import Foundation
import KubeAPI

/// One step of Kubernetes' DaemonSet controller: the nodes that need a daemon pod, the pods to
/// delete (misscheduled, failed, duplicates, and old ones a rolling update replaces), and the
/// status the DaemonSet reports.
struct DaemonSetPlan: Equatable {
    /// Nodes to create a pod on.
    var create: [String] = []
    /// Names of pods to delete.
    var delete: [String] = []
    /// The status to report.
    var status: JSONValue = [:]

    /// The pod template hash: FNV-1a (32 bit) of the template's JSON with sorted keys (so key
    /// order never starts a rollout), spelled as Kubernetes' `rand.SafeEncodeString` spells a hash.
    static func templateHash(_ template: JSONValue) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in sortedKeys(template).serialized() {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o): return .object(JSONObject(o.members.sorted { $0.key < $1.key }.map { ($0.key, sortedKeys($0.value)) }))
        case .array(let a): return .array(a.map(sortedKeys))
        default: return value
        }
    }

    /// Whether `pod` is Ready and has been for `minReadySeconds` at `now`.
    static func isAvailable(_ pod: JSONValue, minReadySeconds: Int64, now: Date) -> Bool {
        guard let ready = (pod["status"]?["conditions"]?.arrayValue ?? []).first(where: { $0["type"]?.stringValue == "Ready" }),
            ready["status"]?.stringValue == "True"
        else { return false }
        guard minReadySeconds > 0 else { return true }
        guard let since = ready["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse) else { return false }
        return now.timeIntervalSince(since) >= TimeInterval(minReadySeconds)
    }

    /// `maxUnavailable` of a rolling update against `desired` nodes (a percentage rounds up); at least 1.
    static func maxUnavailable(_ ds: JSONValue, desired: Int) -> Int {
        let value = ds["spec"]?["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"]
        var n = 1
        if let i = value?.intValue {
            n = Int(i)
        } else if let s = value?.stringValue, s.hasSuffix("%"), let pct = Int(s.dropLast()) {
            n = (pct * desired + 99) / 100
        }
        return max(1, n)
    }

    /// The plan for `ds` (its template tolerations already completed by the caller or not) over
    /// `nodes` and the pods it controls, at `now`.
    static func plan(ds: JSONValue, nodes: [JSONValue], pods: [JSONValue], now: Date) -> DaemonSetPlan {
        var plan = DaemonSetPlan()
        let spec = ds["spec"]?["template"]?["spec"] ?? [:]
        var podSpec = spec
        podSpec["tolerations"] = .array(
            DaemonSetNodes.withDefaultTolerations(spec["tolerations"]?.arrayValue ?? [], hostNetwork: spec["hostNetwork"]?.boolValue == true))
        let hash = templateHash(ds["spec"]?["template"] ?? [:])
        let minReady = ds["spec"]?["minReadySeconds"]?.intValue ?? 0
        let rolling = (ds["spec"]?["updateStrategy"]?["type"]?.stringValue ?? "RollingUpdate") == "RollingUpdate"

        var byNode: [String: [JSONValue]] = [:]
        for pod in pods where pod.deletionTimestamp == nil {
            guard let node = DaemonSetNodes.targetNode(of: pod) else { continue }
            byNode[node, default: []].append(pod)
        }
        let known = Set(nodes.map(\.name))
        for (node, list) in byNode where !known.contains(node) {
            // Pods for nodes that are gone and never bound would wait for ever.
            plan.delete += list.filter { ($0["spec"]?["nodeName"]?.stringValue ?? "").isEmpty }.map(\.name)
        }
        var desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0
        var unavailableNodes = 0
        var oldAvailable: [JSONValue] = []
        for node in nodes.sorted(by: { $0.name < $1.name }) {
            let fit = DaemonSetNodes.fit(spec: podSpec, node: node)
            var list = (byNode[node.name] ?? []).sorted {
                ($0["metadata"]?["creationTimestamp"]?.stringValue ?? "", $0.name) < ($1["metadata"]?["creationTimestamp"]?.stringValue ?? "", $1.name)
            }
            if fit.shouldRun { desired += 1 }
            if !fit.shouldContinueRunning {
                if !list.isEmpty { misscheduled += 1 }
                plan.delete += list.map(\.name)
                continue
            }
            let failed = list.filter { $0["status"]?["phase"]?.stringValue == "Failed" }
            plan.delete += failed.map(\.name)
            list.removeAll { $0["status"]?["phase"]?.stringValue == "Failed" }
            if list.count > 1 {
                plan.delete += list.dropFirst().map(\.name)
                list = [list[0]]
            }
            guard let pod = list.first else {
                if fit.shouldRun {
                    if failed.isEmpty { plan.create.append(node.name) }
                    unavailableNodes += 1
                }
                continue
            }
            guard fit.shouldRun else {
                misscheduled += 1  // may keep running, but would not be started here
                continue
            }
            current += 1
            let isUpdated = pod.labels["controller-revision-hash"] == hash
            let isAvailable = isAvailable(pod, minReadySeconds: minReady, now: now)
            if EndpointPods.isReady(pod) { ready += 1 }
            // An old pod that is not available is replaced at once and uses none of the budget.
            if isAvailable { available += 1 } else if isUpdated || !rolling { unavailableNodes += 1 }
            if isUpdated { updated += 1 }
            if rolling, !isUpdated {
                if isAvailable { oldAvailable.append(pod) } else { plan.delete.append(pod.name) }
            }
        }
        // Rolling update: replace available old pods while at most maxUnavailable nodes lack an available pod.
        if rolling {
            let budget = maxUnavailable(ds, desired: desired) - unavailableNodes
            if budget > 0 { plan.delete += oldAvailable.prefix(budget).map(\.name) }
        }
        plan.status = [
            "currentNumberScheduled": .int(current), "numberMisscheduled": .int(misscheduled),
            "desiredNumberScheduled": .int(desired), "numberReady": .int(ready),
            "observedGeneration": .int(ds.generation), "updatedNumberScheduled": .int(updated),
            "numberAvailable": .int(available), "numberUnavailable": .int(desired - available),
        ]
        return plan
    }
}
