import KubeAPI

/// Amounts of node resources in the units the scheduler compares: milli-CPU, bytes, and integer
/// counts for everything else (extended resources, hugepages, pods).
public struct ResourceAmounts: Sendable, Hashable {
    /// CPU in thousandths of a core.
    public var milliCPU: Int64 = 0
    /// Memory in bytes.
    public var memory: Int64 = 0
    /// Ephemeral storage in bytes.
    public var ephemeralStorage: Int64 = 0
    /// Number of pods (meaningful for allocatable only).
    public var pods: Int64 = 0
    /// Every other resource by name (extended resources, `hugepages-*`), in whole units.
    public var scalar: [String: Int64] = [:]

    /// Empty amounts.
    public init() {}

    /// Amounts read from a Kubernetes resource list (`requests`, `allocatable`).
    public init(_ list: [String: Quantity]?) {
        guard let list else { return }
        for (name, quantity) in list { add(name, quantity) }
    }

    /// The amount of `name` in scheduler units.
    public subscript(name: String) -> Int64 {
        switch name {
        case "cpu": milliCPU
        case "memory": memory
        case "ephemeral-storage": ephemeralStorage
        case "pods": pods
        default: scalar[name] ?? 0
        }
    }

    /// Adds `quantity` of resource `name`.
    public mutating func add(_ name: String, _ quantity: Quantity) {
        switch name {
        case "cpu": milliCPU += quantity.milliValue
        case "memory": memory += quantity.value
        case "ephemeral-storage": ephemeralStorage += quantity.value
        case "pods": pods += quantity.value
        default: scalar[name, default: 0] += quantity.value
        }
    }

    /// Adds every amount of `other`.
    public mutating func add(_ other: ResourceAmounts) {
        milliCPU += other.milliCPU
        memory += other.memory
        ephemeralStorage += other.ephemeralStorage
        pods += other.pods
        for (k, v) in other.scalar { scalar[k, default: 0] += v }
    }

    /// Subtracts every amount of `other`.
    public mutating func subtract(_ other: ResourceAmounts) {
        milliCPU -= other.milliCPU
        memory -= other.memory
        ephemeralStorage -= other.ephemeralStorage
        pods -= other.pods
        for (k, v) in other.scalar { scalar[k, default: 0] -= v }
    }

    /// Raises each amount to at least the one in `other`.
    public mutating func setMax(_ other: ResourceAmounts) {
        milliCPU = max(milliCPU, other.milliCPU)
        memory = max(memory, other.memory)
        ephemeralStorage = max(ephemeralStorage, other.ephemeralStorage)
        pods = max(pods, other.pods)
        for (k, v) in other.scalar { scalar[k] = max(scalar[k] ?? 0, v) }
    }

    /// Whether every amount is zero.
    public var isZero: Bool {
        milliCPU == 0 && memory == 0 && ephemeralStorage == 0 && pods == 0 && scalar.values.allSatisfy { $0 == 0 }
    }
}
