import Foundation
import KubeAPI

/// The pods of a Job sorted into what the Job controller counts.
struct JobPods {
    /// Running or pending pods not being deleted.
    var active: [JSONValue] = []
    /// Pods that succeeded.
    var succeeded: [JSONValue] = []
    /// Pods that failed.
    var failed: [JSONValue] = []
    /// Pods being deleted that have not finished.
    var terminating: [JSONValue] = []

    init(_ pods: [JSONValue]) {
        for pod in pods {
            switch pod["status"]?["phase"]?.stringValue {
            case "Succeeded": succeeded.append(pod)
            case "Failed": failed.append(pod)
            default: if pod.deletionTimestamp == nil { active.append(pod) } else { terminating.append(pod) }
            }
        }
    }

    /// Active pods with a true Ready condition.
    var ready: Int { active.filter(EndpointPods.isReady).count }

    /// When the pod finished: the latest container `finishedAt`, else its Ready condition's last
    /// transition, else its creation (Kubernetes' `getFinishedTime`).
    static func finishedAt(_ pod: JSONValue) -> Date? {
        let statuses = (pod["status"]?["containerStatuses"]?.arrayValue ?? [])
        let finished = statuses.compactMap { $0["state"]?["terminated"]?["finishedAt"]?.stringValue.flatMap(Timestamp.parse) }
        if let latest = finished.max() { return latest }
        let ready = (pod["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
        return ready?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse)
            ?? pod["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.parse)
    }

    /// Active pods in the order Kubernetes deletes them: unscheduled, then pending, then not
    /// ready, then the newest first.
    static func deletionOrder(_ pods: [JSONValue]) -> [JSONValue] {
        func rank(_ p: JSONValue) -> (Int, Int, Int, String) {
            let unscheduled = (p["spec"]?["nodeName"]?.stringValue ?? "").isEmpty ? 0 : 1
            let pending = p["status"]?["phase"]?.stringValue == "Running" ? 1 : 0
            let ready = EndpointPods.isReady(p) ? 1 : 0
            return (unscheduled, pending, ready, p["metadata"]?["creationTimestamp"]?.stringValue ?? "")
        }
        return pods.sorted { a, b in
            let (ra, rb) = (rank(a), rank(b))
            if (ra.0, ra.1, ra.2) != (rb.0, rb.1, rb.2) { return (ra.0, ra.1, ra.2) < (rb.0, rb.1, rb.2) }
            return ra.3 > rb.3
        }
    }
}
