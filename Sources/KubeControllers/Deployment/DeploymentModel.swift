import KubeAPI

/// Annotation and label keys of the deployment controller, as Kubernetes spells them.
enum DeploymentKeys {
    static let revision = "deployment.kubernetes.io/revision"
    static let revisionHistory = "deployment.kubernetes.io/revision-history"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    static let rollbackTo = "deprecated.deployment.rollback.to"
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
    static let podTemplateHash = "pod-template-hash"

    /// Annotations never copied from a Deployment to its ReplicaSets (`skipCopyAnnotation`).
    static let notCopied: Set<String> = [lastApplied, revision, revisionHistory, desiredReplicas, maxReplicas, rollbackTo]
}

/// A Deployment's rollout strategy.
enum DeploymentStrategy: Equatable {
    case recreate
    case rollingUpdate(maxSurge: IntOrString, maxUnavailable: IntOrString)
}

/// The fields of a Deployment the controller decides from, read from its JSON with Kubernetes'
/// defaults for anything missing or malformed.
struct DeploymentInfo {
    var object: JSONValue
    var name: String { object.name }
    var namespace: String { object.namespace }
    var uid: String { object.uid }
    var generation: Int { Int(object.generation) }
    var annotations: [String: String] { object.annotations }
    let replicas: Int
    let strategy: DeploymentStrategy
    let paused: Bool
    /// nil when the deployment never times out (no deadline, or MaxInt32).
    let progressDeadlineSeconds: Int?
    /// nil keeps every old ReplicaSet.
    let revisionHistoryLimit: Int?
    let minReadySeconds: Int
    var template: JSONValue { object["spec"]?["template"] ?? [:] }
    var selector: JSONValue? { object["spec"]?["selector"] }
    var status: DeploymentStatusInfo

    init(_ object: JSONValue) {
        self.object = object
        let spec = object["spec"]
        replicas = max(0, Int(spec?["replicas"]?.intValue ?? 1))
        paused = spec?["paused"]?.boolValue ?? false
        minReadySeconds = Int(spec?["minReadySeconds"]?.intValue ?? 0)
        let deadline = spec?["progressDeadlineSeconds"]?.intValue ?? 600
        progressDeadlineSeconds = deadline == Int64(Int32.max) ? nil : Int(deadline)
        revisionHistoryLimit = spec?["revisionHistoryLimit"]?.intValue.map { Int($0) }
        if spec?["strategy"]?["type"]?.stringValue == "Recreate" {
            strategy = .recreate
        } else {
            let rolling = spec?["strategy"]?["rollingUpdate"]
            strategy = .rollingUpdate(
                maxSurge: Self.intOrString(rolling?["maxSurge"]) ?? "25%",
                maxUnavailable: Self.intOrString(rolling?["maxUnavailable"]) ?? "25%")
        }
        status = DeploymentStatusInfo(object["status"] ?? [:])
    }

    static func intOrString(_ value: JSONValue?) -> IntOrString? {
        if let i = value?.intValue { return .int(i) }
        if let s = value?.stringValue { return .string(s) }
        return nil
    }

    var isRollingUpdate: Bool {
        if case .rollingUpdate = strategy { return true }
        return false
    }

    /// `maxSurge` and `maxUnavailable` resolved against `replicas` (`ResolveFenceposts`): surge
    /// rounds up, unavailable rounds down; explicit zeros for both (invalid) fall back to 25%/25%,
    /// and when both resolve to 0, unavailable becomes 1 so a rollout can always move.
    var fenceposts: (surge: Int, unavailable: Int) {
        guard case .rollingUpdate(var surgeValue, var unavailableValue) = strategy else { return (0, 0) }
        if surgeValue.scaledValue(total: 100, roundUp: true) == 0, unavailableValue.scaledValue(total: 100, roundUp: true) == 0 {
            (surgeValue, unavailableValue) = ("25%", "25%")
        }
        let surge = max(0, surgeValue.scaledValue(total: replicas, roundUp: true) ?? 0)
        let unavailable = max(0, unavailableValue.scaledValue(total: replicas, roundUp: false) ?? 0)
        if surge == 0 && unavailable == 0 { return (0, 1) }
        return (surge, unavailable)
    }

    /// `MaxSurge`: 0 unless rolling.
    var maxSurge: Int { isRollingUpdate ? fenceposts.surge : 0 }

    /// `MaxUnavailable`: 0 unless rolling with replicas, never more than `replicas`.
    var maxUnavailable: Int {
        guard isRollingUpdate, replicas > 0 else { return 0 }
        return min(fenceposts.unavailable, replicas)
    }
}

/// The fields of a ReplicaSet the deployment controller decides from.
struct ReplicaSetInfo {
    var object: JSONValue
    var name: String { object.name }
    var uid: String { object.uid }
    var creationTimestamp: String { object["metadata"]?["creationTimestamp"]?.stringValue ?? "" }
    var annotations: [String: String] { object.annotations }
    var deleting: Bool { object.deletionTimestamp != nil }
    var generation: Int { Int(object.generation) }
    var template: JSONValue { object["spec"]?["template"] ?? [:] }

    /// `spec.replicas`.
    var replicas: Int {
        get { Int(object["spec"]?["replicas"]?.intValue ?? 1) }
        set { object.set(.int(newValue), at: ["spec", "replicas"]) }
    }
    /// `status.replicas`: the pods that exist.
    var actualReplicas: Int { statusField("replicas") }
    var readyReplicas: Int { statusField("readyReplicas") }
    var availableReplicas: Int { statusField("availableReplicas") }
    var observedGeneration: Int { statusField("observedGeneration") }

    /// The revision annotation as a number; 0 when missing or malformed.
    var revision: Int { Int(annotations[DeploymentKeys.revision] ?? "") ?? 0 }
    /// The desired-replicas annotation.
    var desiredReplicasAnnotation: Int? { annotations[DeploymentKeys.desiredReplicas].flatMap { Int($0) } }
    /// The max-replicas annotation.
    var maxReplicasAnnotation: Int? { annotations[DeploymentKeys.maxReplicas].flatMap { Int($0) } }

    init(_ object: JSONValue) { self.object = object }

    private func statusField(_ field: String) -> Int { Int(object["status"]?[field]?.intValue ?? 0) }

    /// Older first: creation time, then name (`ReplicaSetsByCreationTimestamp`).
    static func olderFirst(_ a: ReplicaSetInfo, _ b: ReplicaSetInfo) -> Bool {
        a.creationTimestamp == b.creationTimestamp ? a.name < b.name : a.creationTimestamp < b.creationTimestamp
    }
}

extension Array where Element == ReplicaSetInfo {
    /// Sum of `spec.replicas`.
    var specReplicas: Int { reduce(0) { $0 + $1.replicas } }
    /// Sum of `status.replicas`.
    var actualReplicas: Int { reduce(0) { $0 + $1.actualReplicas } }
    /// Sum of `status.availableReplicas`.
    var availableReplicas: Int { reduce(0) { $0 + $1.availableReplicas } }
    /// Sum of `status.readyReplicas`.
    var readyReplicas: Int { reduce(0) { $0 + $1.readyReplicas } }
    /// Those with `spec.replicas` > 0.
    var active: [ReplicaSetInfo] { filter { $0.replicas > 0 } }
}
