/// What Kubernetes adds only to Pods (not to pod templates): `SetDefaults_Pod` and the status
/// the create strategy starts a Pod with.
extension PodDefaults {
    static func applyPodOnly(_ pod: inout JSONObject) {
        pod.withObject("spec", create: true) { spec in
            for key in PodSpecValidation.containerLists {
                spec.withEach(key) { c in c.withObject("resources", create: true) { defaultRequestsToLimits(&$0) } }
            }
            spec.setDefault("enableServiceLinks", true)
        }
        let qos = qosClass(pod["spec"]?.objectValue ?? JSONObject())
        pod.withObject("status", create: true) { status in
            status.setDefaultString("phase", "Pending")
            status.setDefaultString("qosClass", qos)
        }
    }

    /// Requests a container leaves out default to its limits.
    static func defaultRequestsToLimits(_ res: inout JSONObject) {
        guard case .object(let limits)? = res["limits"], !limits.isEmpty else { return }
        res.withObject("requests", create: true) { requests in
            for m in limits.members where requests.isUnset(m.key) { requests[m.key] = m.value }
        }
    }

    /// The pod's QoS class (`qos.ComputePodQOS`): BestEffort without cpu/memory requests or
    /// limits, Guaranteed when every container limits both and requests equal limits, else Burstable.
    static func qosClass(_ spec: JSONObject) -> String {
        var requests: [String: Quantity] = [:]
        var limits: [String: Quantity] = [:]
        var guaranteed = true
        let containers = (spec["containers"]?.arrayValue ?? []) + (spec["initContainers"]?.arrayValue ?? [])
        for c in containers {
            let res = c["resources"]
            for m in res?["requests"]?.objectValue?.members ?? [] where m.key == "cpu" || m.key == "memory" {
                guard let q = quantity(m.value), q.sign > 0 else { continue }
                requests[m.key] = requests[m.key].map { $0 + q } ?? q
            }
            var found: Set<String> = []
            for m in res?["limits"]?.objectValue?.members ?? [] where m.key == "cpu" || m.key == "memory" {
                guard let q = quantity(m.value), q.sign > 0 else { continue }
                found.insert(m.key)
                limits[m.key] = limits[m.key].map { $0 + q } ?? q
            }
            if found.count < 2 { guaranteed = false }
        }
        if requests.isEmpty && limits.isEmpty { return "BestEffort" }
        if guaranteed {
            for (name, req) in requests where limits[name] != req {
                guaranteed = false
                break
            }
        }
        return guaranteed && requests.count == limits.count ? "Guaranteed" : "Burstable"
    }

    static func quantity(_ v: JSONValue) -> Quantity? {
        switch v {
        case .string(let s): return try? Quantity(parsing: s)
        case .number(let n): return try? Quantity(parsing: n)
        default: return nil
        }
    }
}
