import KubeAPI
import KubeRuntime

/// A container's cgroup settings from its requests and limits, with Kubernetes' conversions
/// (`MilliCPUToShares`, `MilliCPUToQuota`): shares = milliCPU × 1024 / 1000 (at least 2; 2 when
/// nothing is requested), quota = milliCPU × period / 1000 (at least 1000 µs) with a period of
/// 100,000 µs, memory limit = limits.memory in bytes.
public enum ContainerResources {
    /// The CFS period Kubernetes uses, in µs.
    public static let quotaPeriod: UInt64 = 100_000

    /// The cgroup settings of a container with `resources`.
    public static func linux(_ resources: ResourceRequirements?) -> LinuxResources {
        let limits = resources?.limits ?? [:]
        let requests = resources?.requests ?? [:]
        var out = LinuxResources()
        let requestCPU = requests["cpu"] ?? limits["cpu"]
        out.cpuShares = shares(milliCPU: requestCPU?.milliValue ?? 0)
        if let cpu = limits["cpu"], !cpu.isZero {
            out.cpuQuota = quota(milliCPU: cpu.milliValue, period: quotaPeriod)
            out.cpuPeriod = quotaPeriod
        }
        if let memory = limits["memory"], !memory.isZero { out.memoryLimitBytes = memory.value }
        return out
    }

    /// `MilliCPUToShares`.
    public static func shares(milliCPU: Int64) -> UInt64 {
        guard milliCPU > 0 else { return 2 }
        return UInt64(max(2, milliCPU * 1024 / 1000))
    }

    /// `MilliCPUToQuota`.
    public static func quota(milliCPU: Int64, period: UInt64) -> Int64 {
        guard milliCPU > 0 else { return 0 }
        return max(1000, milliCPU * Int64(period) / 1000)
    }
}
