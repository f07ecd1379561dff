import KubeAPI

/// How much of a node a pod takes, counted as the Kubernetes scheduler counts it.
public enum PodRequests {
    /// CPU assumed for scoring when a container requests none (100m).
    public static let defaultMilliCPU: Int64 = 100
    /// Memory assumed for scoring when a container requests none (200 MiB).
    public static let defaultMemory: Int64 = 200 * 1024 * 1024

    /// The pod's effective request: the larger of (regular containers plus restartable init
    /// containers, i.e. sidecars) and each ordinary init container plus the sidecars started
    /// before it; plus `spec.overhead`. Pod-level `spec.resources.requests` replace the
    /// container sum for the resources they name.
    public static func requests(of spec: PodSpec?) -> ResourceAmounts {
        compute(spec) { ResourceAmounts($0.resources?.requests) }
    }

    /// Like `requests(of:)`, but each container with no CPU (memory) request counts the
    /// scoring default for it.
    public static func nonZeroRequests(of spec: PodSpec?) -> ResourceAmounts {
        compute(spec) { container in
            var r = ResourceAmounts(container.resources?.requests)
            if container.resources?.requests?["cpu"] == nil { r.milliCPU = defaultMilliCPU }
            if container.resources?.requests?["memory"] == nil { r.memory = defaultMemory }
            return r
        }
    }

    private static func compute(_ spec: PodSpec?, _ perContainer: (Container) -> ResourceAmounts) -> ResourceAmounts {
        guard let spec else { return ResourceAmounts() }
        var sum = ResourceAmounts()
        for c in spec.containers { sum.add(perContainer(c)) }
        var sidecars = ResourceAmounts()
        var initMax = ResourceAmounts()
        for c in spec.initContainers ?? [] {
            let r = perContainer(c)
            if c.restartPolicy == "Always" {
                sidecars.add(r)
                sum.add(r)
            } else {
                var step = r
                step.add(sidecars)
                initMax.setMax(step)
            }
        }
        sum.setMax(initMax)
        if let podLevel = spec.resources?.requests {
            let p = ResourceAmounts(podLevel)
            if podLevel["cpu"] != nil { sum.milliCPU = p.milliCPU }
            if podLevel["memory"] != nil { sum.memory = p.memory }
        }
        sum.add(ResourceAmounts(spec.overhead))
        return sum
    }
}
