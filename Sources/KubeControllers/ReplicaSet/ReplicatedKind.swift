import KubeAPI

/// The owner kind a `ReplicaSetController` manages: apps/v1 ReplicaSet (a LabelSelector object)
/// or core/v1 ReplicationController (a map selector), which Kubernetes runs with one
/// implementation.
public struct ReplicatedKind: Sendable {
    /// The controller name, as registered.
    public let controllerName: String
    /// The owner resource.
    public let resource: ResourceInfo
    /// `ReplicaSet` or `ReplicationController`.
    public let kind: String
    /// `apps/v1` or `v1`.
    public let apiVersion: String
    /// Whether the status has `terminatingReplicas` (ReplicaSet, with Kubernetes'
    /// `DeploymentReplicaSetTerminatingReplicas`, on by default since 1.35).
    let reportsTerminating: Bool
    /// The owner's pod selector; nil when missing, invalid or empty (an empty selector claims nothing).
    let selector: @Sendable (JSONValue) -> LabelSelector?

    /// apps/v1 ReplicaSet, `spec.selector` a LabelSelector.
    public static let replicaSet = ReplicatedKind(
        controllerName: "replicaset", resource: .replicaSets, kind: "ReplicaSet", apiVersion: "apps/v1",
        reportsTerminating: true
    ) { owner in
        guard let object = owner["spec"]?["selector"], let selector = try? LabelSelector(selectorObject: object),
            !selector.isEmpty
        else { return nil }
        return selector
    }

    /// core/v1 ReplicationController, `spec.selector` a label map (defaulted from the template).
    public static let replicationController = ReplicatedKind(
        controllerName: "replicationcontroller", resource: .replicationControllers, kind: "ReplicationController",
        apiVersion: "v1", reportsTerminating: false
    ) { owner in
        let labels = owner.stringMap(at: ["spec", "selector"])
        guard !labels.isEmpty, let selector = try? LabelSelector(matchLabels: labels) else { return nil }
        return selector
    }
}
