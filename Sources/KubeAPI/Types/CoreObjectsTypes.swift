import Foundation

/// core/v1 Namespace: a scope for names; deleting it deletes everything in it.
public struct Namespace: KubeObject, Hashable {
    /// The API version of every Namespace: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Namespace`.
    public static let kind = "Namespace"
    /// The plural resource name in URLs: `namespaces`.
    public static let resource = "namespaces"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Namespace` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Finalizers that must run before deletion completes.
    public var spec: NamespaceSpec?
    /// `Active` or `Terminating`, and deletion conditions.
    public var status: NamespaceStatus?

    /// Creates a `Namespace`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Namespace.apiVersion, kind: String? = Namespace.kind,
        metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// core/v1 NamespaceSpec: the spec of a namespace.
public struct NamespaceSpec: Codable, Sendable, Hashable {
    /// Finalizers, e.g. `kubernetes`, removed once the namespace is emptied.
    public var finalizers: [String]?

    /// Creates a `NamespaceSpec`; every field defaults to absent.
    public init(finalizers: [String]? = nil) {
        self.finalizers = finalizers
    }
}

/// core/v1 NamespaceStatus: the observed state of a namespace.
public struct NamespaceStatus: Codable, Sendable, Hashable {
    /// `Active` or `Terminating`.
    public var phase: String?
    /// Progress of namespace deletion.
    public var conditions: [NamespaceCondition]?

    /// Creates a `NamespaceStatus`; every field defaults to absent.
    public init(phase: String? = nil, conditions: [NamespaceCondition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}

/// core/v1 ConfigMap: non-confidential key-value data for pods.
public struct ConfigMap: KubeObject, Hashable {
    /// The API version of every ConfigMap: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `ConfigMap`.
    public static let kind = "ConfigMap"
    /// The plural resource name in URLs: `configmaps`.
    public static let resource = "configmaps"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `ConfigMap` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// When true, the data cannot be changed.
    public var immutable: Bool?
    /// UTF-8 values.
    public var data: [String: String]?
    /// Binary values, base64-encoded as in JSON.
    public var binaryData: [String: String]?

    /// Creates a `ConfigMap`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = ConfigMap.apiVersion, kind: String? = ConfigMap.kind,
        metadata: ObjectMeta = ObjectMeta(), immutable: Bool? = nil, data: [String: String]? = nil,
        binaryData: [String: String]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.immutable = immutable
        self.data = data
        self.binaryData = binaryData
    }
}

/// core/v1 Secret: confidential key-value data. `data` values are base64 strings exactly as in the
/// JSON; `stringData` is a write-only convenience the server merges into `data`.
public struct Secret: KubeObject, Hashable {
    /// The API version of every Secret: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Secret`.
    public static let kind = "Secret"
    /// The plural resource name in URLs: `secrets`.
    public static let resource = "secrets"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Secret` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// When true, the data cannot be changed.
    public var immutable: Bool?
    /// Base64-encoded values.
    public var data: [String: String]?
    /// Plain values merged into `data` on write; never returned.
    public var stringData: [String: String]?
    /// `Opaque` (default), `kubernetes.io/service-account-token`, `kubernetes.io/tls`, ...
    public var type: String?

    /// Creates a `Secret`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Secret.apiVersion, kind: String? = Secret.kind, metadata: ObjectMeta = ObjectMeta(),
        immutable: Bool? = nil, data: [String: String]? = nil, stringData: [String: String]? = nil,
        type: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.immutable = immutable
        self.data = data
        self.stringData = stringData
        self.type = type
    }
}

extension Secret {
    /// The decoded bytes of `data[key]`; nil when the key is absent or not valid base64.
    public func decodedData(_ key: String) -> Data? {
        guard let text = data?[key] else { return nil }
        return Data(base64Encoded: text)
    }

    /// Stores `bytes` base64-encoded under `data[key]`.
    public mutating func setData(_ key: String, _ bytes: Data) {
        var d = data ?? [:]
        d[key] = bytes.base64EncodedString()
        data = d
    }
}

/// core/v1 Event: a report of something that happened to an object.
public struct Event: KubeObject, Hashable {
    /// The API version of every Event: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Event`.
    public static let kind = "Event"
    /// The plural resource name in URLs: `events`.
    public static let resource = "events"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Event` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// The object the event is about.
    public var involvedObject: ObjectReference
    /// Short CamelCase reason, e.g. `Scheduled`, `Pulled`, `FailedScheduling`.
    public var reason: String?
    /// Human-readable description.
    public var message: String?
    /// Component and host that reported it.
    public var source: EventSource?
    /// RFC 3339 time it was first seen.
    public var firstTimestamp: String?
    /// RFC 3339 time it was most recently seen.
    public var lastTimestamp: String?
    /// Number of times it occurred.
    public var count: Int?
    /// `Normal` or `Warning`.
    public var type: String?
    /// MicroTime (RFC 3339 with microseconds) it was first observed.
    public var eventTime: String?
    /// Data about a series of repeats.
    public var series: EventSeries?
    /// What was done, or failed, e.g. `Binding`.
    public var action: String?
    /// A second object involved.
    public var related: ObjectReference?
    /// Controller that emitted the event, e.g. `kubelet`.
    public var reportingComponent: String?
    /// Instance of that controller, e.g. the node name.
    public var reportingInstance: String?

    /// Creates an `Event` from its required fields; `apiVersion` and `kind` default to the type's, other fields to
    /// absent.
    public init(
        apiVersion: String? = Event.apiVersion, kind: String? = Event.kind, metadata: ObjectMeta = ObjectMeta(),
        involvedObject: ObjectReference, reason: String? = nil, message: String? = nil, source: EventSource? = nil,
        firstTimestamp: String? = nil, lastTimestamp: String? = nil, count: Int? = nil, type: String? = nil,
        eventTime: String? = nil, series: EventSeries? = nil, action: String? = nil, related: ObjectReference? = nil,
        reportingComponent: String? = nil, reportingInstance: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }
}

/// core/v1 EventSource: the component that reported an event.
public struct EventSource: Codable, Sendable, Hashable {
    /// Component name.
    public var component: String?
    /// Node name.
    public var host: String?

    /// Creates an `EventSource`; every field defaults to absent.
    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// core/v1 EventSeries: a repeating event.
public struct EventSeries: Codable, Sendable, Hashable {
    /// Occurrences so far.
    public var count: Int?
    /// MicroTime of the last occurrence.
    public var lastObservedTime: String?

    /// Creates an `EventSeries`; every field defaults to absent.
    public init(count: Int? = nil, lastObservedTime: String? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// core/v1 ServiceAccount: an identity for processes in pods.
public struct ServiceAccount: KubeObject, Hashable {
    /// The API version of every ServiceAccount: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `ServiceAccount`.
    public static let kind = "ServiceAccount"
    /// The plural resource name in URLs: `serviceaccounts`.
    public static let resource = "serviceaccounts"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `ServiceAccount` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Secrets pods of this account may use (legacy tokens).
    public var secrets: [ObjectReference]?
    /// Registry credentials added to pods of this account.
    public var imagePullSecrets: [LocalObjectReference]?
    /// Default for pods that do not say.
    public var automountServiceAccountToken: Bool?

    /// Creates a `ServiceAccount`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = ServiceAccount.apiVersion, kind: String? = ServiceAccount.kind,
        metadata: ObjectMeta = ObjectMeta(), secrets: [ObjectReference]? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil, automountServiceAccountToken: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }
}

/// core/v1 Binding: binds a pod to a node; POSTed by the scheduler to `pods/<name>/binding`.
public struct Binding: KubeObject, Hashable {
    /// The API version of every Binding: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Binding`.
    public static let kind = "Binding"
    /// The plural resource name in URLs: `bindings`.
    public static let resource = "bindings"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Binding` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// The node (`kind: Node`, `name`).
    public var target: ObjectReference

    /// Creates a `Binding` from its required fields; `apiVersion` and `kind` default to the type's, other fields to
    /// absent.
    public init(
        apiVersion: String? = Binding.apiVersion, kind: String? = Binding.kind, metadata: ObjectMeta = ObjectMeta(),
        target: ObjectReference
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.target = target
    }
}
