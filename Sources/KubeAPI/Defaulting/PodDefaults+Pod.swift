/// What Kubernetes adds only to Pods (not to pod templates): `SetDefaults_Pod` and the status
/// the create strategy starts a Pod with.
extension PodDefaults {
    static func applyPodOnly(_ pod: inout JSONObject, specDefaulted: Bool = false) {
        if !specDefaulted {
            pod.withObject("spec", create: true) { spec in
                for key in PodSpecValidation.containerLists {
                    spec.withEach(key) { c in c.withObject("resources", create: true) { defaultRequestsToLimits(&$0) } }
                }
                spec.setDefault("enableServiceLinks", true)
            }
        }
        let spec = pod["spec"]?.objectValue ?? JSONObject()
        pod.withObject("status", create: true) { status in
            status.setDefaultString("phase", "Pending")
            // Worked out only when missing: a stored pod has it, and every update defaults again.
            if status.isUnsetString("qosClass") { status["qosClass"] = .string(qosClass(spec)) }
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
        var requests = ComputeTotals()
        var limits = ComputeTotals()
        var guaranteed = true
        for list in ["containers", "initContainers"] {
            for c in spec[list]?.arrayValue ?? [] {
                let res = c["resources"]
                requests.add(res?["requests"])
                let before = limits
                limits.add(res?["limits"])
                // Each container must limit both: both totals grew by a positive amount.
                if limits.cpu == before.cpu || limits.memory == before.memory { guaranteed = false }
            }
        }
        if requests.count == 0 && limits.count == 0 { return "BestEffort" }
        if guaranteed, requests.cpu.map({ $0 != limits.cpu }) ?? false { guaranteed = false }
        if guaranteed, requests.memory.map({ $0 != limits.memory }) ?? false { guaranteed = false }
        return guaranteed && requests.count == limits.count ? "Guaranteed" : "Burstable"
    }

    /// The positive cpu and memory amounts of the containers' requests (or limits), summed.
    private struct ComputeTotals: Equatable {
        var cpu: Quantity?
        var memory: Quantity?

        /// How many of the two have a total.
        var count: Int { (cpu == nil ? 0 : 1) + (memory == nil ? 0 : 1) }

        /// Adds the positive cpu and memory amounts of a `requests` or `limits` map.
        mutating func add(_ amounts: JSONValue?) {
            guard case .object(let map)? = amounts else { return }
            for m in map.members {
                guard m.key == "cpu" || m.key == "memory", let q = PodDefaults.quantity(m.value), q.sign > 0 else { continue }
                if m.key == "cpu" { cpu = cpu.map { $0 + q } ?? q } else { memory = memory.map { $0 + q } ?? q }
            }
        }
    }

    static func quantity(_ v: JSONValue) -> Quantity? {
        switch v {
        case .string(let s): return try? Quantity(parsing: s)
        case .number(let n): return try? Quantity(parsing: n)
        default: return nil
        }
    }
}
