// Protobuf field numbers of meta/v1 (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto). Facts taken from the
// published generated.proto files and the Go struct tags beside them (pointer and omitempty fields decide
// `.keep`). Generated from k8s.io/api and k8s.io/apimachinery master of July 2026; field numbers never change
// once published.

extension ProtobufFieldNumbers {
    /// Field numbers of meta/v1, by definition name.
    static let meta: [String: [String: ProtobufField]] = [
        "io.k8s.apimachinery.pkg.apis.meta.v1.APIResource": [
            "name": .keep(1), "namespaced": .keep(2), "kind": .keep(3), "verbs": .wrappedList(4), "shortNames": 5,
            "singularName": .keep(6), "categories": 7, "group": 8, "version": 9, "storageVersionHash": 10,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList": ["groupVersion": .keep(1), "resources": 2],
        "io.k8s.apimachinery.pkg.apis.meta.v1.Condition": [
            "type": .keep(1), "status": .keep(2), "observedGeneration": 3, "lastTransitionTime": 4, "reason": .keep(5),
            "message": .keep(6),
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": [
            "gracePeriodSeconds": .keep(1), "preconditions": 2, "orphanDependents": .keep(3),
            "propagationPolicy": .keep(4), "dryRun": 5, "ignoreStoreReadErrorWithClusterBreakingPotential": .keep(6),
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": ["matchLabels": 1, "matchExpressions": 2],
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement": [
            "key": .keep(1), "operator": .keep(2), "values": 3,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": [
            "selfLink": 1, "resourceVersion": 2, "continue": 3, "remainingItemCount": .keep(4), "shardInfo": 5,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": [
            "manager": 1, "operation": 2, "apiVersion": 3, "time": 4, "fieldsType": 6, "fieldsV1": .rawJSON(7),
            "subresource": 8,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": [
            "name": 1, "generateName": 2, "namespace": 3, "selfLink": 4, "uid": 5, "resourceVersion": 6,
            "generation": 7, "creationTimestamp": 8, "deletionTimestamp": 9, "deletionGracePeriodSeconds": .keep(10),
            "labels": 11, "annotations": 12, "ownerReferences": 13, "finalizers": 14, "managedFields": 17,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": [
            "kind": .keep(1), "name": .keep(3), "uid": .keep(4), "apiVersion": .keep(5), "controller": .keep(6),
            "blockOwnerDeletion": .keep(7),
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": [:],
        "io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions": ["uid": .keep(1), "resourceVersion": .keep(2)],
        "io.k8s.apimachinery.pkg.apis.meta.v1.ShardInfo": ["selector": .keep(1)],
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status": [
            "metadata": 1, "status": 2, "message": 3, "reason": 4, "details": 5, "code": 6,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause": ["reason": 1, "message": 2, "field": 3],
        "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails": [
            "name": 1, "group": 2, "kind": 3, "causes": 4, "retryAfterSeconds": 5, "uid": 6,
        ],
        "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent": ["type": .keep(1), "object": .rawJSON(2)],
    ]
}
