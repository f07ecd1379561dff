/// apps/v1 DaemonSet: one pod on every eligible node.
public struct DaemonSet: KubeObject, Hashable {
    /// The API version of every DaemonSet: `apps/v1`.
    public static let apiVersion = "apps/v1"
    /// The kind: `DaemonSet`.
    public static let kind = "DaemonSet"
    /// The plural resource name in URLs: `daemonsets`.
    public static let resource = "daemonsets"

    /// The schema version, `apps/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `DaemonSet` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: DaemonSetSpec?
    /// Observed state.
    public var status: DaemonSetStatus?

    /// Creates a `DaemonSet`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = DaemonSet.apiVersion, kind: String? = DaemonSet.kind,
        metadata: ObjectMeta = ObjectMeta(), spec: DaemonSetSpec? = nil, status: DaemonSetStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// apps/v1 DaemonSetSpec: the pod a DaemonSet runs on each node and how it is updated.
public struct DaemonSetSpec: Codable, Sendable, Hashable {
    /// Pods managed; must match the template's labels; immutable.
    public var selector: LabelSelectorObject?
    /// Pod to run on each node.
    public var template: PodTemplateSpec
    /// How pods are replaced on template changes.
    public var updateStrategy: DaemonSetUpdateStrategy?
    /// Seconds a ready pod must stay ready to count as available.
    public var minReadySeconds: Int?
    /// Old revisions kept; default 10.
    public var revisionHistoryLimit: Int?

    /// Creates a `DaemonSetSpec` from its required fields; every optional field defaults to absent.
    public init(
        selector: LabelSelectorObject? = nil, template: PodTemplateSpec,
        updateStrategy: DaemonSetUpdateStrategy? = nil, minReadySeconds: Int? = nil, revisionHistoryLimit: Int? = nil
    ) {
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
    }
}

/// apps/v1 DaemonSetUpdateStrategy: `RollingUpdate` (default) or `OnDelete`.
public struct DaemonSetUpdateStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` or `OnDelete`.
    public var type: String?
    /// Parameters for `RollingUpdate`.
    public var rollingUpdate: RollingUpdateDaemonSet?

    /// Creates a `DaemonSetUpdateStrategy`; every field defaults to absent.
    public init(type: String? = nil, rollingUpdate: RollingUpdateDaemonSet? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// apps/v1 RollingUpdateDaemonSet: bounds of a DaemonSet rolling update, as counts or percentages of nodes.
public struct RollingUpdateDaemonSet: Codable, Sendable, Hashable {
    /// Nodes whose pod may be unavailable; default 1.
    public var maxUnavailable: IntOrString?
    /// Nodes that may run an extra updated pod; default 0.
    public var maxSurge: IntOrString?

    /// Creates a `RollingUpdateDaemonSet`; every field defaults to absent.
    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// apps/v1 DaemonSetStatus: counts of nodes running the daemon pod.
public struct DaemonSetStatus: Codable, Sendable, Hashable {
    /// Nodes running at least one daemon pod that should.
    public var currentNumberScheduled: Int?
    /// Nodes running a daemon pod that should not.
    public var numberMisscheduled: Int?
    /// Nodes that should run the daemon pod.
    public var desiredNumberScheduled: Int?
    /// Nodes whose daemon pod is ready.
    public var numberReady: Int?
    /// The generation this status reflects.
    public var observedGeneration: Int?
    /// Nodes running the updated pod.
    public var updatedNumberScheduled: Int?
    /// Nodes whose daemon pod is available.
    public var numberAvailable: Int?
    /// Nodes whose daemon pod should be, but is not, available.
    public var numberUnavailable: Int?
    /// Bumped on revision hash collisions.
    public var collisionCount: Int?
    /// Conditions.
    public var conditions: [DaemonSetCondition]?

    /// Creates a `DaemonSetStatus`; every field defaults to absent.
    public init(
        currentNumberScheduled: Int? = nil, numberMisscheduled: Int? = nil, desiredNumberScheduled: Int? = nil,
        numberReady: Int? = nil, observedGeneration: Int? = nil, updatedNumberScheduled: Int? = nil,
        numberAvailable: Int? = nil, numberUnavailable: Int? = nil, collisionCount: Int? = nil,
        conditions: [DaemonSetCondition]? = nil
    ) {
        self.currentNumberScheduled = currentNumberScheduled
        self.numberMisscheduled = numberMisscheduled
        self.desiredNumberScheduled = desiredNumberScheduled
        self.numberReady = numberReady
        self.observedGeneration = observedGeneration
        self.updatedNumberScheduled = updatedNumberScheduled
        self.numberAvailable = numberAvailable
        self.numberUnavailable = numberUnavailable
        self.collisionCount = collisionCount
        self.conditions = conditions
    }
}
