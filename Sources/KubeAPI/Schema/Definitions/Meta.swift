extension StandardDefinitions {
    /// meta/v1: object and list metadata, selectors, conditions, Status, DeleteOptions, watch events, discovery.
    static let meta: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "Metadata every persisted object carries: identity, labels, annotations, ownership and bookkeeping.",
            fields: [
                .init(
                    "name", .str,
                    "Unique name within the namespace (or cluster for cluster-scoped kinds); cannot be changed."),
                .init("generateName", .str, "Prefix from which the server generates a unique name when name is empty."),
                .init("namespace", .str, "The namespace the object lives in; empty for cluster-scoped objects."),
                .init("selfLink", .str, "Deprecated and always empty."),
                .init("uid", .str, "Unique id the server assigns at creation; never reused."),
                .init(
                    "resourceVersion", .str,
                    "Opaque version of the object, changed on every write; used for optimistic concurrency and watches."),
                .init(
                    "generation", .int64,
                    "Sequence number of the desired state, bumped by the server when the spec changes."),
                .init("creationTimestamp", .time, "When the object was created; set by the server."),
                .init(
                    "deletionTimestamp", .time,
                    "When graceful deletion started; set by the server on delete while finalizers or a grace period remain."),
                .init(
                    "deletionGracePeriodSeconds", .int64,
                    "Seconds allowed for graceful termination once deletion started."),
                .init("labels", .stringMap, "Key/value pairs used to organise and select objects."),
                .init(
                    "annotations", .stringMap,
                    "Key/value pairs of arbitrary non-identifying metadata for tools and controllers."),
                .init(
                    "ownerReferences", .keyed(.meta("OwnerReference"), "uid"),
                    "Objects this one depends on; it is garbage collected when all owners are gone."),
                .init(
                    "finalizers", .array(.str, .set),
                    "Names of steps that must finish (and be removed from this list) before the object is deleted."),
                .init(
                    "managedFields", .list(.meta("ManagedFieldsEntry")),
                    "Which field manager owns which fields, for server-side apply."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
            "Points to an owner object in the same namespace (or cluster scope).",
            fields: [
                .init("apiVersion", .str, "API version of the owner.", required: true),
                .init("kind", .str, "Kind of the owner.", required: true),
                .init("name", .str, "Name of the owner.", required: true),
                .init("uid", .str, "UID of the owner.", required: true),
                .init("controller", .boolean, "True for the managing controller; at most one owner is the controller."),
                .init(
                    "blockOwnerDeletion", .boolean,
                    "With foreground deletion, the owner is not removed until this dependent is gone."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry",
            "The set of fields one manager owns, as recorded by server-side apply.",
            fields: [
                .init("manager", .str, "Name of the field manager."),
                .init("operation", .str, "Operation that set the fields: Apply or Update."),
                .init("apiVersion", .str, "API version of the object the field set refers to."),
                .init("time", .time, "When the fields were last changed by this manager."),
                .init("fieldsType", .str, "Format of fieldsV1; only FieldsV1 exists."),
                .init("fieldsV1", .any, "The owned fields as a nested set."),
                .init("subresource", .str, "Subresource the fields were written through, empty for the main resource."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
            "Metadata of a list response.",
            fields: [
                .init("selfLink", .str, "Deprecated and always empty."),
                .init("resourceVersion", .str, "Version of the collection at the time of the list; watch from here."),
                .init("continue", .str, "Token to pass as `continue` to fetch the next page; empty on the last page."),
                .init("remainingItemCount", .int64, "Estimated number of items after this page, when known."),
                .init(
                    "shardInfo", .meta("ShardInfo"),
                    "The shard this list was filtered to, when a shard selector was used."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.ShardInfo",
            "Describes the shard a filtered list was limited to.",
            fields: [
                .init("selector", .str, "The shard selector that was applied.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
            "A label query: all of matchLabels and matchExpressions must hold; empty selects everything.",
            fields: [
                .init("matchLabels", .stringMap, "Labels that must be equal to these values."),
                .init("matchExpressions", .list(.meta("LabelSelectorRequirement")), "Expressions that must all hold."),
            ]).asAtomic(),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
            "One label condition.",
            fields: [
                .init("key", .str, "The label key.", required: true),
                .init("operator", .str, "In, NotIn, Exists or DoesNotExist.", required: true),
                .init("values", .strings, "Values for In and NotIn; empty for Exists and DoesNotExist."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Condition",
            "The standard shape of one aspect of an object's current state.",
            fields: [
                .init("type", .str, "Condition type in CamelCase.", required: true),
                .init("status", .str, "True, False or Unknown.", required: true),
                .init("observedGeneration", .int64, "The metadata.generation the controller last acted on."),
                .init("lastTransitionTime", .time, "When the condition last changed status.", required: true),
                .init("reason", .str, "Machine-readable reason for the last transition, in CamelCase.", required: true),
                .init("message", .str, "Human-readable details of the last transition.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            "The result of an operation that does not return an object, and the body of every error.",
            gvk: [.init(group: "", version: "v1", kind: "Status")],
            fields: [
                .init("apiVersion", .str, "Always v1."),
                .init("kind", .str, "Always Status."),
                .init("metadata", .meta("ListMeta"), "Standard list metadata."),
                .init("status", .str, "Success or Failure."),
                .init("message", .str, "Human-readable description of the result."),
                .init("reason", .str, "Machine-readable cause, e.g. NotFound, AlreadyExists, Conflict, Invalid."),
                .init(
                    "details", .meta("StatusDetails"),
                    "Extra data about the reason, such as the object and field causes."),
                .init("code", .int32, "The HTTP status code of the response."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails",
            "The object and causes behind a Status.",
            fields: [
                .init("name", .str, "Name of the object concerned."),
                .init("group", .str, "API group of the object concerned."),
                .init("kind", .str, "Kind (or resource) of the object concerned."),
                .init("uid", .str, "UID of the object concerned."),
                .init("causes", .list(.meta("StatusCause")), "Individual causes, e.g. one per invalid field."),
                .init("retryAfterSeconds", .int32, "Seconds the client should wait before retrying."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause",
            "One cause of an error.",
            fields: [
                .init("reason", .str, "Machine-readable cause, e.g. FieldValueInvalid."),
                .init("message", .str, "Human-readable description."),
                .init("field", .str, "Path of the field concerned, e.g. spec.containers[0].name."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
            "Options of a delete request.",
            gvk: [
                .init(group: "", version: "v1", kind: "DeleteOptions"),
                .init(group: "apps", version: "v1", kind: "DeleteOptions"),
                .init(group: "autoscaling", version: "v1", kind: "DeleteOptions"),
                .init(group: "batch", version: "v1", kind: "DeleteOptions"),
                .init(group: "scheduling.k8s.io", version: "v1", kind: "DeleteOptions"),
                .init(group: "rbac.authorization.k8s.io", version: "v1", kind: "DeleteOptions"),
                .init(group: "coordination.k8s.io", version: "v1", kind: "DeleteOptions"),
                .init(group: "discovery.k8s.io", version: "v1", kind: "DeleteOptions"),
            ],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object."),
                .init("kind", .str, "Always DeleteOptions."),
                .init("gracePeriodSeconds", .int64, "Seconds before the object is removed; zero deletes immediately."),
                .init("preconditions", .meta("Preconditions"), "Conditions that must hold for the delete to proceed."),
                .init("orphanDependents", .boolean, "Deprecated; use propagationPolicy."),
                .init("propagationPolicy", .str, "How dependents are handled: Orphan, Background or Foreground."),
                .init("dryRun", .strings, "When set to All, the delete is validated but not persisted."),
                .init(
                    "ignoreStoreReadErrorWithClusterBreakingPotential", .boolean,
                    "Delete an object that cannot be read from storage; dangerous."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions",
            "Must match the stored object for an operation to proceed.",
            fields: [
                .init("uid", .str, "Expected UID."),
                .init("resourceVersion", .str, "Expected resourceVersion."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent",
            "One event of a watch stream.",
            gvk: [
                .init(group: "", version: "v1", kind: "WatchEvent"),
                .init(group: "apps", version: "v1", kind: "WatchEvent"),
                .init(group: "autoscaling", version: "v1", kind: "WatchEvent"),
                .init(group: "batch", version: "v1", kind: "WatchEvent"),
                .init(group: "scheduling.k8s.io", version: "v1", kind: "WatchEvent"),
                .init(group: "rbac.authorization.k8s.io", version: "v1", kind: "WatchEvent"),
                .init(group: "coordination.k8s.io", version: "v1", kind: "WatchEvent"),
                .init(group: "discovery.k8s.io", version: "v1", kind: "WatchEvent"),
            ],
            fields: [
                .init("object", .any, "The object, or a Status for ERROR.", required: true),
                .init("type", .str, "ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList",
            "The resources served in one group version.",
            gvk: [.init(group: "", version: "v1", kind: "APIResourceList")],
            fields: [
                .init("apiVersion", .str, "Always v1."),
                .init("kind", .str, "Always APIResourceList."),
                .init("groupVersion", .str, "The group version, e.g. apps/v1.", required: true),
                .init("resources", .list(.meta("APIResource")), "The resources served.", required: true),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.APIResource",
            "A resource served in a group version.",
            fields: [
                .init("name", .str, "Plural resource name, with /subresource for subresources.", required: true),
                .init("singularName", .str, "Singular name.", required: true),
                .init("namespaced", .boolean, "Whether objects live in a namespace.", required: true),
                .init("group", .str, "Group of the kind when it differs from the enclosing group."),
                .init("version", .str, "Version of the kind when it differs from the enclosing version."),
                .init("kind", .str, "Kind of the objects.", required: true),
                .init("verbs", .strings, "Verbs supported, e.g. get, list, watch, create.", required: true),
                .init("shortNames", .strings, "Short names accepted by kubectl."),
                .init("categories", .strings, "Groupings such as all."),
                .init("storageVersionHash", .str, "Hash of the storage version, for detecting changes."),
            ]),
        TypeDefinition(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
            "The body of a PATCH request; its format follows the request content type.",
            preserveUnknownFields: true,
            fields: []),
    ]
}
