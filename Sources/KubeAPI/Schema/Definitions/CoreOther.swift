extension StandardDefinitions {
    /// core/v1 Namespace, ConfigMap, Secret, Event, ReplicationController, ServiceAccount, Binding and object references.
    static let coreOther: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.Namespace",
            "A scope for names and policies.",
            gvk: [.init(group: "", version: "v1", kind: "Namespace")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .core("NamespaceSpec"), "Desired behaviour of the namespace."),
                .init("status", .core("NamespaceStatus"), "Observed state of the namespace."),
            ]),
        listDefinition(
            "io.k8s.api.core.v1.Namespace", .init(group: "", version: "v1", kind: "Namespace"),
            of: "namespaces"),
        TypeDefinition(
            "io.k8s.api.core.v1.NamespaceSpec",
            "Desired behaviour of a namespace.",
            fields: [
                .init("finalizers", .strings, "Steps that must finish before the namespace is removed."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NamespaceStatus",
            "Observed state of a namespace.",
            fields: [
                .init("phase", .str, "Active or Terminating."),
                .init("conditions", .keyed(.core("NamespaceCondition"), "type"), "Current conditions of the namespace."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.NamespaceCondition",
            "One aspect of a namespace's state.",
            fields: [
                .init("type", .str, "Condition type, e.g. NamespaceDeletionContentFailure.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ConfigMap",
            "Non-secret configuration data as key/value pairs.",
            gvk: [.init(group: "", version: "v1", kind: "ConfigMap")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("immutable", .boolean, "When true, data cannot be changed, only the object deleted."),
                .init("data", .stringMap, "UTF-8 values by key."),
                .init("binaryData", .map(.bytes), "Binary values by key, base64 in JSON."),
            ]),
        listDefinition(
            "io.k8s.api.core.v1.ConfigMap", .init(group: "", version: "v1", kind: "ConfigMap"),
            of: "config maps"),
        TypeDefinition(
            "io.k8s.api.core.v1.Secret",
            "Sensitive data as key/value pairs.",
            gvk: [.init(group: "", version: "v1", kind: "Secret")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("immutable", .boolean, "When true, data cannot be changed, only the object deleted."),
                .init("data", .map(.bytes), "Values by key, base64 in JSON."),
                .init("stringData", .stringMap, "Write-only plain-text values, merged into data on write."),
                .init("type", .str, "Type of secret, e.g. Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson."),
            ]),
        listDefinition("io.k8s.api.core.v1.Secret", .init(group: "", version: "v1", kind: "Secret"), of: "secrets"),
        TypeDefinition(
            "io.k8s.api.core.v1.Event",
            "A report of something that happened to an object.",
            gvk: [.init(group: "", version: "v1", kind: "Event")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata.", required: true),
                .init("involvedObject", .core("ObjectReference"), "The object the event is about.", required: true),
                .init("reason", .str, "Short CamelCase reason, e.g. Scheduled, Pulled, BackOff."),
                .init("message", .str, "Human-readable description."),
                .init("source", .core("EventSource"), "Component that reported the event."),
                .init("firstTimestamp", .time, "When the event was first seen."),
                .init("lastTimestamp", .time, "When the event was last seen."),
                .init("count", .int32, "How many times it occurred."),
                .init("type", .str, "Normal or Warning."),
                .init("eventTime", .time, "When the event first occurred, with microseconds."),
                .init("series", .core("EventSeries"), "Data about a series of repeated events."),
                .init("action", .str, "What was done or failed, e.g. Binding."),
                .init("related", .core("ObjectReference"), "A second object involved."),
                .init("reportingComponent", .str, "Controller that emitted the event, e.g. kubelet."),
                .init("reportingInstance", .str, "Instance of the controller, e.g. the node name."),
            ]),
        listDefinition("io.k8s.api.core.v1.Event", .init(group: "", version: "v1", kind: "Event"), of: "events"),
        TypeDefinition(
            "io.k8s.api.core.v1.EventSource",
            "Where an event came from.",
            fields: [
                .init("component", .str, "Reporting component."),
                .init("host", .str, "Node the event was reported on."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.EventSeries",
            "A series of repeated events.",
            fields: [
                .init("count", .int32, "Occurrences so far."),
                .init("lastObservedTime", .time, "When the last occurrence was seen."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ReplicationController",
            "Keeps a number of pod replicas running; superseded by Deployment and ReplicaSet.",
            gvk: [.init(group: "", version: "v1", kind: "ReplicationController")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("spec", .core("ReplicationControllerSpec"), "Desired behaviour of the replication controller."),
                .init(
                    "status", .core("ReplicationControllerStatus"),
                    "Most recently observed state of the replication controller."),
            ]),
        listDefinition(
            "io.k8s.api.core.v1.ReplicationController", .init(group: "", version: "v1", kind: "ReplicationController"),
            of: "replication controllers"),
        TypeDefinition(
            "io.k8s.api.core.v1.PodTemplate",
            "A pod template kept for others to copy; the API server only stores it.",
            gvk: [.init(group: "", version: "v1", kind: "PodTemplate")],
            fields: objectHeader() + [.init("template", .core("PodTemplateSpec"), "The pods' metadata and spec.")]),
        listDefinition("io.k8s.api.core.v1.PodTemplate", .init(group: "", version: "v1", kind: "PodTemplate"), of: "pod templates"),
        TypeDefinition(
            "io.k8s.api.core.v1.ReplicationControllerSpec",
            "Desired behaviour of a replication controller.",
            fields: [
                .init("replicas", .int32, "Desired number of pods; default 1."),
                .init("minReadySeconds", .int32, "Seconds a new pod must be ready to count as available."),
                .init(
                    "selector", .stringMap,
                    "Labels of the pods to control; defaults to the template's labels.")
                    .asAtomicMap(),
                .init("template", .core("PodTemplateSpec"), "Template of the pods created."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ReplicationControllerStatus",
            "Observed state of a replication controller.",
            fields: [
                .init("replicas", .int32, "Current number of pods.", required: true),
                .init("fullyLabeledReplicas", .int32, "Pods whose labels match the template's."),
                .init("readyReplicas", .int32, "Pods that are ready."),
                .init("availableReplicas", .int32, "Pods ready for at least minReadySeconds."),
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("conditions", .keyed(.core("ReplicationControllerCondition"), "type"), "Current conditions."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ReplicationControllerCondition",
            "One aspect of a replication controller's state.",
            fields: [
                .init("type", .str, "Condition type, e.g. ReplicaFailure.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("lastTransitionTime", .time, "When the condition last changed status."),
                .init("reason", .str, "CamelCase reason for the last transition."),
                .init("message", .str, "Human-readable details."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ServiceAccount",
            "An identity for processes in pods.",
            gvk: [.init(group: "", version: "v1", kind: "ServiceAccount")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init(
                    "secrets", .keyed(.core("ObjectReference"), "name"),
                    "Secrets pods of this account may use; deprecated for tokens."),
                .init(
                    "imagePullSecrets", .list(.core("LocalObjectReference")),
                    "Registry credentials added to pods of this account."),
                .init("automountServiceAccountToken", .boolean, "Whether pods mount a token by default."),
            ]),
        listDefinition(
            "io.k8s.api.core.v1.ServiceAccount", .init(group: "", version: "v1", kind: "ServiceAccount"),
            of: "service accounts"),
        TypeDefinition(
            "io.k8s.api.core.v1.Binding",
            "Binds a pod to a node; posted to pods/binding by the scheduler.",
            gvk: [.init(group: "", version: "v1", kind: "Binding")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("metadata", .meta("ObjectMeta"), "Standard object metadata."),
                .init("target", .core("ObjectReference"), "The node to bind to.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.ObjectReference",
            "A reference to any object.",
            fields: [
                .init("apiVersion", .str, "API version of the object."),
                .init("kind", .str, "Kind of the object."),
                .init("namespace", .str, "Namespace of the object."),
                .init("name", .str, "Name of the object."),
                .init("uid", .str, "UID of the object."),
                .init("resourceVersion", .str, "resourceVersion of the object."),
                .init("fieldPath", .str, "A part of the object, e.g. spec.containers{web}."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.api.core.v1.LocalObjectReference",
            "An object in the same namespace, by name.",
            fields: [
                .init("name", .str, "Name of the object."),
            ]).asAtomic(),
    ]
}
