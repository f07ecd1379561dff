extension StandardDefinitions {
    /// apps/v1 Deployment, ReplicaSet and DaemonSet.
    static let apps: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.apps.v1.Deployment",
            "Declarative updates of pods through ReplicaSets.",
            gvk: [.init(group: "apps", version: "v1", kind: "Deployment")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .apps("DeploymentSpec"), "Desired behaviour of the deployment."),
                .init("status", .apps("DeploymentStatus"), "Most recently observed state of the deployment."),
            ]),
        listDefinition(
            "io.k8s.api.apps.v1.Deployment", .init(group: "apps", version: "v1", kind: "Deployment"),
            of: "deployments"),
        TypeDefinition(
            "io.k8s.api.apps.v1.DeploymentSpec",
            "Desired behaviour of a deployment.",
            fields: [
                .init("replicas", .int32, "Desired number of pods; default 1."),
                .init(
                    "selector", .meta("LabelSelector"),
                    "Labels of the pods to manage; must match the template's labels; immutable.", required: true),
                .init("template", .core("PodTemplateSpec"), "Template of the pods created.", required: true),
                .init("strategy", .apps("DeploymentStrategy"), "How old pods are replaced by new ones.").retainingKeys(),
                .init("minReadySeconds", .int32, "Seconds a new pod must be ready to count as available."),
                .init("revisionHistoryLimit", .int32, "Old ReplicaSets kept for rollback; default 10."),
                .init("paused", .boolean, "Stop rolling out template changes."),
                .init(
                    "progressDeadlineSeconds", .int32,
                    "Seconds without progress before the rollout is reported failed; default 600."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DeploymentStrategy",
            "How a deployment replaces pods.",
            fields: [
                .init("type", .str, "RollingUpdate (default) or Recreate."),
                .init("rollingUpdate", .apps("RollingUpdateDeployment"), "Rolling update parameters."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.RollingUpdateDeployment",
            "Parameters of a rolling update.",
            fields: [
                .init(
                    "maxUnavailable", .intOrString,
                    "Pods (number or percentage) that may be unavailable during the update; default 25%."),
                .init(
                    "maxSurge", .intOrString,
                    "Pods (number or percentage) that may exist above the desired count; default 25%."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DeploymentStatus",
            "Observed state of a deployment.",
            fields: [
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("replicas", .int32, "Pods targeted by the deployment."),
                .init("updatedReplicas", .int32, "Pods with the current template."),
                .init("readyReplicas", .int32, "Pods that are ready."),
                .init("availableReplicas", .int32, "Pods ready for at least minReadySeconds."),
                .init("unavailableReplicas", .int32, "Pods still needed for full availability."),
                .init("terminatingReplicas", .int32, "Pods that are terminating."),
                .init(
                    "conditions", .keyed(.apps("DeploymentCondition"), "type"),
                    "Current conditions, e.g. Available, Progressing."),
                .init("collisionCount", .int32, "Count of hash collisions, used to name new ReplicaSets."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DeploymentCondition",
            "One aspect of a deployment's state.",
            fields: [
                .init("type", .str, "Available, Progressing or ReplicaFailure.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastUpdateTime", .time, "When the condition was last updated."),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason, e.g. NewReplicaSetAvailable, ProgressDeadlineExceeded."),
                .init("message", .str, "Human-readable details."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.ReplicaSet",
            "Keeps a number of identical pods running.",
            gvk: [.init(group: "apps", version: "v1", kind: "ReplicaSet")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .apps("ReplicaSetSpec"), "Desired behaviour of the replica set."),
                .init("status", .apps("ReplicaSetStatus"), "Most recently observed state of the replica set."),
            ]),
        listDefinition(
            "io.k8s.api.apps.v1.ReplicaSet", .init(group: "apps", version: "v1", kind: "ReplicaSet"),
            of: "replica sets"),
        TypeDefinition(
            "io.k8s.api.apps.v1.ReplicaSetSpec",
            "Desired behaviour of a replica set.",
            fields: [
                .init("replicas", .int32, "Desired number of pods; default 1."),
                .init("minReadySeconds", .int32, "Seconds a new pod must be ready to count as available."),
                .init(
                    "selector", .meta("LabelSelector"),
                    "Labels of the pods to manage; must match the template's labels.", required: true),
                .init("template", .core("PodTemplateSpec"), "Template of the pods created."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.ReplicaSetStatus",
            "Observed state of a replica set.",
            fields: [
                .init("replicas", .int32, "Current number of pods.", required: true),
                .init("fullyLabeledReplicas", .int32, "Pods whose labels match the template's."),
                .init("readyReplicas", .int32, "Pods that are ready."),
                .init("availableReplicas", .int32, "Pods ready for at least minReadySeconds."),
                .init("terminatingReplicas", .int32, "Pods that are terminating."),
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("conditions", .keyed(.apps("ReplicaSetCondition"), "type"), "Current conditions."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.ReplicaSetCondition",
            "One aspect of a replica set's state.",
            fields: [
                .init("type", .str, "Condition type, e.g. ReplicaFailure.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DaemonSet",
            "Runs a copy of a pod on every eligible node.",
            gvk: [.init(group: "apps", version: "v1", kind: "DaemonSet")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .apps("DaemonSetSpec"), "Desired behaviour of the daemon set."),
                .init("status", .apps("DaemonSetStatus"), "Most recently observed state of the daemon set."),
            ]),
        listDefinition(
            "io.k8s.api.apps.v1.DaemonSet", .init(group: "apps", version: "v1", kind: "DaemonSet"),
            of: "daemon sets"),
        TypeDefinition(
            "io.k8s.api.apps.v1.DaemonSetSpec",
            "Desired behaviour of a daemon set.",
            fields: [
                .init(
                    "selector", .meta("LabelSelector"),
                    "Labels of the pods to manage; must match the template's labels.", required: true),
                .init(
                    "template", .core("PodTemplateSpec"),
                    "Template of the pods created; restartPolicy must be Always.", required: true),
                .init(
                    "updateStrategy", .apps("DaemonSetUpdateStrategy"),
                    "How pods are replaced when the template changes."),
                .init("minReadySeconds", .int32, "Seconds a new pod must be ready to count as available."),
                .init("revisionHistoryLimit", .int32, "Old revisions kept for rollback; default 10."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DaemonSetUpdateStrategy",
            "How a daemon set replaces pods.",
            fields: [
                .init("type", .str, "RollingUpdate (default) or OnDelete."),
                .init("rollingUpdate", .apps("RollingUpdateDaemonSet"), "Rolling update parameters."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.RollingUpdateDaemonSet",
            "Parameters of a daemon set rolling update.",
            fields: [
                .init(
                    "maxUnavailable", .intOrString,
                    "Nodes (number or percentage) whose pod may be unavailable during the update; default 1."),
                .init(
                    "maxSurge", .intOrString,
                    "Nodes (number or percentage) that may run an old and a new pod at once; default 0."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DaemonSetStatus",
            "Observed state of a daemon set.",
            fields: [
                .init("currentNumberScheduled", .int32, "Nodes running the pod that should.", required: true),
                .init("numberMisscheduled", .int32, "Nodes running the pod that should not.", required: true),
                .init("desiredNumberScheduled", .int32, "Nodes that should run the pod.", required: true),
                .init("numberReady", .int32, "Nodes whose pod is ready.", required: true),
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("updatedNumberScheduled", .int32, "Nodes running the current template."),
                .init("numberAvailable", .int32, "Nodes whose pod is available."),
                .init("numberUnavailable", .int32, "Nodes whose pod is not available."),
                .init("collisionCount", .int32, "Count of hash collisions, used to name new revisions."),
                .init("conditions", .keyed(.apps("DaemonSetCondition"), "type"), "Current conditions."),
            ]),
        TypeDefinition(
            "io.k8s.api.apps.v1.DaemonSetCondition",
            "One aspect of a daemon set's state.",
            fields: [
                .init("type", .str, "Condition type.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details."),
            ]),
    ]
}
