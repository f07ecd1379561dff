/// apps/v1 ReplicaSet: keeps a number of identical pods running.
public struct ReplicaSet: KubeObject, Hashable {
    /// The API version of every ReplicaSet: `apps/v1`.
    public static let apiVersion = "apps/v1"
    /// The kind: `ReplicaSet`.
    public static let kind = "ReplicaSet"
    /// The plural resource name in URLs: `replicasets`.
    public static let resource = "replicasets"

    /// The schema version, `apps/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `ReplicaSet` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired pods.
    public var spec: ReplicaSetSpec?
    /// Observed pods.
    public var status: ReplicaSetStatus?

    /// Creates a `ReplicaSet`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = ReplicaSet.apiVersion, kind: String? = ReplicaSet.kind,
        metadata: ObjectMeta = ObjectMeta(), spec: ReplicaSetSpec? = nil, status: ReplicaSetStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// apps/v1 ReplicaSetSpec: how many pods, which ones, and what they look like.
public struct ReplicaSetSpec: Codable, Sendable, Hashable {
    /// Desired number of pods; default 1.
    public var replicas: Int?
    /// Seconds a ready pod must stay ready to count as available.
    public var minReadySeconds: Int?
    /// Pods counted as replicas; must match the template's labels.
    public var selector: LabelSelectorObject?
    /// Pods created when there are too few.
    public var template: PodTemplateSpec?

    /// Creates a `ReplicaSetSpec`; every field defaults to absent.
    public init(
        replicas: Int? = nil, minReadySeconds: Int? = nil, selector: LabelSelectorObject? = nil,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// apps/v1 ReplicaSetStatus: counts of the pods a ReplicaSet controls.
public struct ReplicaSetStatus: Codable, Sendable, Hashable {
    /// Pods currently matched.
    public var replicas: Int?
    /// Pods whose labels match the template's.
    public var fullyLabeledReplicas: Int?
    /// Ready pods.
    public var readyReplicas: Int?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int?
    /// Pods being deleted.
    public var terminatingReplicas: Int?
    /// The generation this status reflects.
    public var observedGeneration: Int?
    /// e.g. `ReplicaFailure`.
    public var conditions: [ReplicaSetCondition]?

    /// Creates a `ReplicaSetStatus`; every field defaults to absent.
    public init(
        replicas: Int? = nil, fullyLabeledReplicas: Int? = nil, readyReplicas: Int? = nil,
        availableReplicas: Int? = nil, terminatingReplicas: Int? = nil, observedGeneration: Int? = nil,
        conditions: [ReplicaSetCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}

/// core/v1 ReplicationController: the legacy ReplicaSet, with an equality-based selector.
public struct ReplicationController: KubeObject, Hashable {
    /// The API version of every ReplicationController: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `ReplicationController`.
    public static let kind = "ReplicationController"
    /// The plural resource name in URLs: `replicationcontrollers`.
    public static let resource = "replicationcontrollers"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `ReplicationController` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired pods.
    public var spec: ReplicationControllerSpec?
    /// Observed pods.
    public var status: ReplicationControllerStatus?

    /// Creates a `ReplicationController`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = ReplicationController.apiVersion, kind: String? = ReplicationController.kind,
        metadata: ObjectMeta = ObjectMeta(), spec: ReplicationControllerSpec? = nil,
        status: ReplicationControllerStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// core/v1 ReplicationControllerSpec: how many pods, which ones, and what they look like.
public struct ReplicationControllerSpec: Codable, Sendable, Hashable {
    /// Desired number of pods; default 1.
    public var replicas: Int?
    /// Seconds a ready pod must stay ready to count as available.
    public var minReadySeconds: Int?
    /// Labels of the pods counted; defaults to the template's labels.
    public var selector: [String: String]?
    /// Pods created when there are too few.
    public var template: PodTemplateSpec?

    /// Creates a `ReplicationControllerSpec`; every field defaults to absent.
    public init(
        replicas: Int? = nil, minReadySeconds: Int? = nil, selector: [String: String]? = nil,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// core/v1 ReplicationControllerStatus: counts of the pods a ReplicationController controls.
public struct ReplicationControllerStatus: Codable, Sendable, Hashable {
    /// Pods currently matched.
    public var replicas: Int?
    /// Pods whose labels match the template's.
    public var fullyLabeledReplicas: Int?
    /// Ready pods.
    public var readyReplicas: Int?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int?
    /// The generation this status reflects.
    public var observedGeneration: Int?
    /// e.g. `ReplicaFailure`.
    public var conditions: [ReplicationControllerCondition]?

    /// Creates a `ReplicationControllerStatus`; every field defaults to absent.
    public init(
        replicas: Int? = nil, fullyLabeledReplicas: Int? = nil, readyReplicas: Int? = nil,
        availableReplicas: Int? = nil, observedGeneration: Int? = nil,
        conditions: [ReplicationControllerCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}

/// apps/v1 Deployment: declarative updates of pods through ReplicaSets.
public struct Deployment: KubeObject, Hashable {
    /// The API version of every Deployment: `apps/v1`.
    public static let apiVersion = "apps/v1"
    /// The kind: `Deployment`.
    public static let kind = "Deployment"
    /// The plural resource name in URLs: `deployments`.
    public static let resource = "deployments"

    /// The schema version, `apps/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Deployment` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: DeploymentSpec?
    /// Rollout progress.
    public var status: DeploymentStatus?

    /// Creates a `Deployment`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Deployment.apiVersion, kind: String? = Deployment.kind,
        metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec? = nil, status: DeploymentStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// apps/v1 DeploymentSpec: the pods a Deployment runs and how it replaces them.
public struct DeploymentSpec: Codable, Sendable, Hashable {
    /// Desired number of pods; default 1.
    public var replicas: Int?
    /// Pods managed; must match the template's labels; immutable.
    public var selector: LabelSelectorObject?
    /// Pods to run.
    public var template: PodTemplateSpec
    /// How old pods are replaced.
    public var strategy: DeploymentStrategy?
    /// Seconds a ready pod must stay ready to count as available.
    public var minReadySeconds: Int?
    /// Old ReplicaSets kept for rollback; default 10.
    public var revisionHistoryLimit: Int?
    /// Stop rolling out template changes.
    public var paused: Bool?
    /// Seconds without progress before `Progressing` turns False; default 600.
    public var progressDeadlineSeconds: Int?

    /// Creates a `DeploymentSpec` from its required fields; every optional field defaults to absent.
    public init(
        replicas: Int? = nil, selector: LabelSelectorObject? = nil, template: PodTemplateSpec,
        strategy: DeploymentStrategy? = nil, minReadySeconds: Int? = nil, revisionHistoryLimit: Int? = nil,
        paused: Bool? = nil, progressDeadlineSeconds: Int? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }
}

/// apps/v1 DeploymentStrategy: `RollingUpdate` (default) or `Recreate`.
public struct DeploymentStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` or `Recreate`.
    public var type: String?
    /// Parameters for `RollingUpdate`.
    public var rollingUpdate: RollingUpdateDeployment?

    /// Creates a `DeploymentStrategy`; every field defaults to absent.
    public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// apps/v1 RollingUpdateDeployment: bounds of a rolling update, as counts or percentages
/// of the desired replicas (both default to 25%).
public struct RollingUpdateDeployment: Codable, Sendable, Hashable {
    /// Pods that may be unavailable during the update; rounded down.
    public var maxUnavailable: IntOrString?
    /// Pods that may exist above the desired count; rounded up.
    public var maxSurge: IntOrString?

    /// Creates a `RollingUpdateDeployment`; every field defaults to absent.
    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// apps/v1 DeploymentStatus: progress of a Deployment.
public struct DeploymentStatus: Codable, Sendable, Hashable {
    /// The generation this status reflects.
    public var observedGeneration: Int?
    /// Pods targeted by the deployment (all its ReplicaSets).
    public var replicas: Int?
    /// Pods with the current template.
    public var updatedReplicas: Int?
    /// Ready pods.
    public var readyReplicas: Int?
    /// Pods available for at least `minReadySeconds`.
    public var availableReplicas: Int?
    /// Pods still needed for 100% availability.
    public var unavailableReplicas: Int?
    /// Pods being deleted.
    public var terminatingReplicas: Int?
    /// `Available`, `Progressing`, `ReplicaFailure`.
    public var conditions: [DeploymentCondition]?
    /// Bumped when a ReplicaSet name collides; salts the pod-template hash.
    public var collisionCount: Int?

    /// Creates a `DeploymentStatus`; every field defaults to absent.
    public init(
        observedGeneration: Int? = nil, replicas: Int? = nil, updatedReplicas: Int? = nil, readyReplicas: Int? = nil,
        availableReplicas: Int? = nil, unavailableReplicas: Int? = nil, terminatingReplicas: Int? = nil,
        conditions: [DeploymentCondition]? = nil, collisionCount: Int? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.conditions = conditions
        self.collisionCount = collisionCount
    }
}
