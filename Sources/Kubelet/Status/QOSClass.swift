import KubeAPI

/// A pod's quality-of-service class by Kubernetes' rules (`GetPodQOS`), from the cpu and memory
/// requests and limits of all its containers, init containers included.
public enum QOSClass: String, Sendable {
    case guaranteed = "Guaranteed"
    case burstable = "Burstable"
    case bestEffort = "BestEffort"

    /// The class of a pod with `spec`: BestEffort when no container sets a cpu or memory
    /// request or limit; Guaranteed when every container limits both cpu and memory and its
    /// requests (defaulting to the limits) equal them; Burstable otherwise.
    public static func of(_ spec: PodSpec) -> QOSClass {
        let tracked = ["cpu", "memory"]
        var requests: [String: Quantity] = [:]
        var limits: [String: Quantity] = [:]
        var guaranteed = true
        for container in (spec.initContainers ?? []) + spec.containers {
            let containerLimits = container.resources?.limits ?? [:]
            var containerRequests = container.resources?.requests ?? [:]
            for name in tracked where containerRequests[name] == nil {
                if let limit = containerLimits[name] { containerRequests[name] = limit }
            }
            for name in tracked {
                if let q = containerRequests[name], !q.isZero { requests[name, default: .zero] += q }
                if let q = containerLimits[name], !q.isZero { limits[name, default: .zero] += q }
                if containerLimits[name].map({ $0.isZero }) ?? true { guaranteed = false }
                if let r = containerRequests[name], let l = containerLimits[name], r != l { guaranteed = false }
            }
        }
        if requests.isEmpty && limits.isEmpty { return .bestEffort }
        if guaranteed && requests == limits { return .guaranteed }
        return .burstable
    }
}
