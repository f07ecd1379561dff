/// scheduling.k8s.io/v1 PriorityClass: maps a class name to the integer priority that pods naming
/// it receive (resolved into `spec.priority` by the API server's priority admission).
public struct PriorityClass: KubeObject, Hashable {
    /// The API version of every PriorityClass: `scheduling.k8s.io/v1`.
    public static let apiVersion = "scheduling.k8s.io/v1"
    /// The kind: `PriorityClass`.
    public static let kind = "PriorityClass"
    /// The plural resource name in URLs: `priorityclasses`.
    public static let resource = "priorityclasses"

    /// The schema version, `scheduling.k8s.io/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `PriorityClass` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// The priority pods of this class receive (an int32; required).
    public var value: Int
    /// Whether pods without a `priorityClassName` get this class.
    public var globalDefault: Bool?
    /// When this class should be used, for people.
    public var description: String?
    /// `PreemptLowerPriority` (the default) or `Never`.
    public var preemptionPolicy: String?

    /// Creates a `PriorityClass`; `apiVersion` and `kind` default to the type's, optional fields to absent.
    public init(
        apiVersion: String? = PriorityClass.apiVersion, kind: String? = PriorityClass.kind,
        metadata: ObjectMeta = ObjectMeta(), value: Int, globalDefault: Bool? = nil, description: String? = nil,
        preemptionPolicy: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.value = value
        self.globalDefault = globalDefault
        self.description = description
        self.preemptionPolicy = preemptionPolicy
    }
}

extension PriorityClass {
    /// The highest value a class not named `system-...` may have (`HighestUserDefinablePriority`);
    /// larger values are reserved for the system classes.
    public static let highestUserDefinablePriority = 1_000_000_000
    /// The value of `system-cluster-critical` (`SystemCriticalPriority`).
    public static let systemCriticalPriority = 2 * highestUserDefinablePriority
    /// The prefix reserved for the system classes' names.
    public static let systemPrefix = "system-"
    /// The preemption policy classes and pods get when they name none.
    public static let defaultPreemptionPolicy = "PreemptLowerPriority"
    /// The preemption policies Kubernetes accepts, in the order its messages list them.
    public static let preemptionPolicies = ["PreemptLowerPriority", "Never"]

    /// The classes every cluster has, created by the API server at start when absent and never
    /// deletable, with Kubernetes' names, values and descriptions.
    public static let system: [PriorityClass] = [
        PriorityClass(
            metadata: ObjectMeta(name: "system-node-critical"), value: systemCriticalPriority + 1000,
            description: "Used for system critical pods that must not be moved from their current node."),
        PriorityClass(
            metadata: ObjectMeta(name: "system-cluster-critical"), value: systemCriticalPriority,
            description:
                "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."
        ),
    ]

    /// The built-in class called `name`, if any.
    public static func systemClass(named name: String) -> PriorityClass? {
        system.first { $0.metadata.name == name }
    }
}
