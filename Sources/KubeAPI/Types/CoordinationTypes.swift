/// coordination.k8s.io/v1 Lease: a lock with a holder and an expiry, used for leader election and node heartbeats.
public struct Lease: KubeObject, Hashable {
    /// The API version of every Lease: `coordination.k8s.io/v1`.
    public static let apiVersion = "coordination.k8s.io/v1"
    /// The kind: `Lease`.
    public static let kind = "Lease"
    /// The plural resource name in URLs: `leases`.
    public static let resource = "leases"

    /// The schema version, `coordination.k8s.io/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Lease` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// The holder and timing.
    public var spec: LeaseSpec?

    /// Creates a `Lease`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Lease.apiVersion, kind: String? = Lease.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: LeaseSpec? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// coordination.k8s.io/v1 LeaseSpec: who holds a lease and until when. Times are MicroTime strings
/// (RFC 3339 with microseconds, see `Timestamp.formatMicro`).
public struct LeaseSpec: Codable, Sendable, Hashable {
    /// Current holder.
    public var holderIdentity: String?
    /// Seconds candidates wait after `renewTime` before taking over.
    public var leaseDurationSeconds: Int?
    /// MicroTime the current holder acquired the lease.
    public var acquireTime: String?
    /// MicroTime the holder last renewed it.
    public var renewTime: String?
    /// Number of holder changes.
    public var leaseTransitions: Int?
    /// Coordinated leader election strategy.
    public var strategy: String?
    /// Holder the coordinator prefers.
    public var preferredHolder: String?

    /// Creates a `LeaseSpec`; every field defaults to absent.
    public init(
        holderIdentity: String? = nil, leaseDurationSeconds: Int? = nil, acquireTime: String? = nil,
        renewTime: String? = nil, leaseTransitions: Int? = nil, strategy: String? = nil,
        preferredHolder: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.strategy = strategy
        self.preferredHolder = preferredHolder
    }
}

/// autoscaling/v1 Scale: the `scale` subresource of Deployments, ReplicaSets, ReplicationControllers
/// (and StatefulSets). Not stored: its `resource` is the subresource name.
public struct Scale: KubeObject, Hashable {
    /// The API version of every Scale: `autoscaling/v1`.
    public static let apiVersion = "autoscaling/v1"
    /// The kind: `Scale`.
    public static let kind = "Scale"
    /// The plural resource name in URLs: `scale`.
    public static let resource = "scale"

    /// The schema version, `autoscaling/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Scale` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired replicas.
    public var spec: ScaleSpec?
    /// Observed replicas and selector.
    public var status: ScaleStatus?

    /// Creates a `Scale`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Scale.apiVersion, kind: String? = Scale.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: ScaleSpec? = nil, status: ScaleStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// autoscaling/v1 ScaleSpec: the desired replica count.
public struct ScaleSpec: Codable, Sendable, Hashable {
    /// Desired replicas.
    public var replicas: Int?

    /// Creates a `ScaleSpec`; every field defaults to absent.
    public init(replicas: Int? = nil) {
        self.replicas = replicas
    }
}

/// autoscaling/v1 ScaleStatus: the observed replica count and the pod selector.
public struct ScaleStatus: Codable, Sendable, Hashable {
    /// Actual replicas.
    public var replicas: Int?
    /// Label selector of the pods, in query-string form, e.g. `app=web`.
    public var selector: String?

    /// Creates a `ScaleStatus`; every field defaults to absent.
    public init(replicas: Int? = nil, selector: String? = nil) {
        self.replicas = replicas
        self.selector = selector
    }
}
