/// meta/v1 ObjectMeta: the metadata every persisted object carries.
///
/// Times are RFC 3339 strings as Kubernetes writes them (see `Timestamp`). `managedFields` is kept
/// opaque; Skiff does not interpret it in typed views.
public struct ObjectMeta: Codable, Sendable, Hashable {
    /// Unique name within the namespace (or cluster, for cluster-scoped kinds).
    public var name: String?
    /// Prefix the server uses to generate a unique name when `name` is empty.
    public var generateName: String?
    /// Namespace of a namespaced object; absent for cluster-scoped objects.
    public var namespace: String?
    /// Deprecated; never set by current servers.
    public var selfLink: String?
    /// Unique identifier set by the server on creation.
    public var uid: String?
    /// Opaque version for optimistic concurrency and watch resumption.
    public var resourceVersion: String?
    /// Sequence number of the desired state, bumped by the server on spec changes.
    public var generation: Int?
    /// RFC 3339 time the object was created.
    public var creationTimestamp: String?
    /// RFC 3339 time after which the object is deleted; set when deletion was requested.
    public var deletionTimestamp: String?
    /// Seconds the object has left to terminate gracefully once deletion was requested.
    public var deletionGracePeriodSeconds: Int?
    /// Labels used to select objects.
    public var labels: [String: String]?
    /// Arbitrary non-identifying metadata.
    public var annotations: [String: String]?
    /// Objects this object depends on; deleted with them by the garbage collector.
    public var ownerReferences: [OwnerReference]?
    /// Finalizers that must be removed before the object is deleted.
    public var finalizers: [String]?
    /// Server-side apply field ownership, kept opaque.
    public var managedFields: [JSONValue]?

    /// Creates an `ObjectMeta`; every field defaults to absent.
    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, selfLink: String? = nil,
        uid: String? = nil, resourceVersion: String? = nil, generation: Int? = nil, creationTimestamp: String? = nil,
        deletionTimestamp: String? = nil, deletionGracePeriodSeconds: Int? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil, finalizers: [String]? = nil,
        managedFields: [JSONValue]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.selfLink = selfLink
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }
}

extension ObjectMeta {
    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

/// meta/v1 ListMeta: the metadata of a list response.
public struct ListMeta: Codable, Sendable, Hashable {
    /// Deprecated; never set by current servers.
    public var selfLink: String?
    /// The store revision the list was read at; resume a watch from here.
    public var resourceVersion: String?
    /// Token for the next page when the list was truncated by `limit`.
    public var `continue`: String?
    /// Estimated number of items after this page, when known.
    public var remainingItemCount: Int?

    /// Creates a `ListMeta`; every field defaults to absent.
    public init(
        selfLink: String? = nil, resourceVersion: String? = nil, `continue`: String? = nil,
        remainingItemCount: Int? = nil
    ) {
        self.selfLink = selfLink
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}

/// meta/v1 OwnerReference: an object that owns (and garbage-collects) the object holding this reference.
public struct OwnerReference: Codable, Sendable, Hashable {
    /// API version of the owner.
    public var apiVersion: String
    /// Kind of the owner.
    public var kind: String
    /// Name of the owner (same namespace as the dependent).
    public var name: String
    /// UID of the owner.
    public var uid: String
    /// True for the one owner that manages the dependent.
    public var controller: Bool?
    /// When true, foreground deletion of the owner waits for this dependent.
    public var blockOwnerDeletion: Bool?

    /// Creates an `OwnerReference` from its required fields; every optional field defaults to absent.
    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// meta/v1 LabelSelector, as it appears in objects (named apart from `LabelSelector`, the parsed
/// selector that matches labels). `matchLabels` and `matchExpressions` are ANDed together; an empty
/// selector matches everything, while a nil one matches nothing in most controllers. Convert with
/// `LabelSelector(_:)` to match labels.
public struct LabelSelectorObject: Codable, Sendable, Hashable {
    /// Exact label matches.
    public var matchLabels: [String: String]?
    /// Set-based requirements.
    public var matchExpressions: [LabelSelectorRequirement]?

    /// Creates a `LabelSelectorObject`; every field defaults to absent.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

extension LabelSelectorObject {
    /// The selector as a JSON object, with the members that are set.
    public var json: JSONValue {
        var o = JSONObject()
        if let matchLabels {
            var labels = JSONObject()
            for key in matchLabels.keys.sorted() { labels[key] = matchLabels[key].map(JSONValue.string) }
            o["matchLabels"] = .object(labels)
        }
        if let matchExpressions {
            o["matchExpressions"] = .array(
                matchExpressions.map { requirement in
                    var r = JSONObject()
                    r["key"] = .string(requirement.key)
                    r["operator"] = .string(requirement.operator)
                    if let values = requirement.values { r["values"] = .array(values.map(JSONValue.string)) }
                    return .object(r)
                })
        }
        return .object(o)
    }
}

extension LabelSelector {
    /// The parsed selector of a selector object, validated as Kubernetes' `LabelSelectorAsSelector`
    /// does (see `init(selectorObject:)`); throws 400 BadRequest for an invalid requirement.
    public init(_ object: LabelSelectorObject) throws(APIError) {
        try self.init(selectorObject: object.json)
    }
}

/// meta/v1 LabelSelectorRequirement: `key` compared by `operator` (In, NotIn, Exists, DoesNotExist) to `values`.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// The label key.
    public var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: String
    /// The values for `In` and `NotIn`; empty for `Exists` and `DoesNotExist`.
    public var values: [String]?

    /// Creates a `LabelSelectorRequirement` from its required fields; every optional field defaults to absent.
    public init(key: String, `operator`: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// A status condition. One type models meta/v1 `Condition` and every per-kind variant (PodCondition,
/// NodeCondition, DeploymentCondition, JobCondition, ...): they share `type`, `status`, `reason`,
/// `message` and `lastTransitionTime`; the time fields a given kind does not have stay nil and are
/// not encoded.
public struct Condition: Codable, Sendable, Hashable {
    /// The condition type, e.g. `Ready`, `Available`, `Complete`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// The `metadata.generation` the condition was computed from.
    public var observedGeneration: Int?
    /// Last time the condition was probed (pods, jobs).
    public var lastProbeTime: String?
    /// Last time the condition was reported (nodes).
    public var lastHeartbeatTime: String?
    /// Last time the condition was updated (deployments).
    public var lastUpdateTime: String?
    /// Last time the status changed.
    public var lastTransitionTime: String?
    /// Machine-readable CamelCase reason for the last transition.
    public var reason: String?
    /// Human-readable details.
    public var message: String?

    /// Creates a `Condition` from its required fields; every optional field defaults to absent.
    public init(
        type: String, status: String, observedGeneration: Int? = nil, lastProbeTime: String? = nil,
        lastHeartbeatTime: String? = nil, lastUpdateTime: String? = nil, lastTransitionTime: String? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastProbeTime = lastProbeTime
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    /// True when `status` is `True`.
    public var isTrue: Bool { status == "True" }
}

/// core/v1 PodCondition, modelled by `Condition`.
public typealias PodCondition = Condition
/// core/v1 NodeCondition, modelled by `Condition`.
public typealias NodeCondition = Condition
/// core/v1 NamespaceCondition, modelled by `Condition`.
public typealias NamespaceCondition = Condition
/// core/v1 ReplicationControllerCondition, modelled by `Condition`.
public typealias ReplicationControllerCondition = Condition
/// apps/v1 DeploymentCondition, modelled by `Condition`.
public typealias DeploymentCondition = Condition
/// apps/v1 ReplicaSetCondition, modelled by `Condition`.
public typealias ReplicaSetCondition = Condition
/// apps/v1 DaemonSetCondition, modelled by `Condition`.
public typealias DaemonSetCondition = Condition
/// batch/v1 JobCondition, modelled by `Condition`.
public typealias JobCondition = Condition

extension Array where Element == Condition {
    /// The first condition of type `type`, if present.
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }

    /// True when the condition of type `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        condition(type)?.isTrue ?? false
    }
}

/// core/v1 ObjectReference: a reference to an object, possibly to a field within it.
public struct ObjectReference: Codable, Sendable, Hashable {
    /// Kind of the referent.
    public var kind: String?
    /// Namespace of the referent.
    public var namespace: String?
    /// Name of the referent.
    public var name: String?
    /// UID of the referent.
    public var uid: String?
    /// API version of the referent.
    public var apiVersion: String?
    /// The referent's resource version this reference was made at.
    public var resourceVersion: String?
    /// A field within the referent, e.g. `spec.containers{name}`.
    public var fieldPath: String?

    /// Creates an `ObjectReference`; every field defaults to absent.
    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}

/// core/v1 LocalObjectReference: the name of an object in the same namespace.
public struct LocalObjectReference: Codable, Sendable, Hashable {
    /// Name of the referent.
    public var name: String?

    /// Creates a `LocalObjectReference`; every field defaults to absent.
    public init(name: String? = nil) {
        self.name = name
    }
}
