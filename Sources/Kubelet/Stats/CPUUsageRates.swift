import Foundation

/// Turns cumulative CPU counters into `usageNanoCores`, as the kubelet's CRI stats provider
/// does: the previous sample of each cgroup is kept, and a new sample's rate is the usage
/// between the two divided by the time between them. So the first sample of a cgroup has no
/// rate, and each later one the average since the previous scrape (of any caller: metrics-server
/// scrapes every 15 s). Cgroups not seen in a scrape are forgotten.
public actor CPUUsageRates {
    private var last: [String: (time: Date, usage: UInt64)] = [:]

    /// Rates with no samples yet.
    public init() {}

    /// The rate of `key` (a cgroup path) from its previous sample to `usage` at `time`, in
    /// billionths of a core; nil for the first sample, a clock that went back, or a counter that
    /// went down (a new cgroup of the same name). Keeps this sample for the next call.
    public func rate(_ key: String, usage: UInt64, at time: Date) -> UInt64? {
        defer { last[key] = (time, usage) }
        guard let previous = last[key], time > previous.time, usage >= previous.usage else { return nil }
        let seconds = time.timeIntervalSince(previous.time)
        return UInt64((Double(usage - previous.usage) / seconds).rounded())
    }

    /// Forgets every cgroup but `keys`.
    public func retain(_ keys: Set<String>) {
        last = last.filter { keys.contains($0.key) }
    }
}
