/// discovery.k8s.io/v1 EndpointSlice: a slice of the endpoints of a service (label
/// `kubernetes.io/service-name`), all of one address type.
public struct EndpointSlice: KubeObject, Hashable {
    /// The API version of every EndpointSlice: `discovery.k8s.io/v1`.
    public static let apiVersion = "discovery.k8s.io/v1"
    /// The kind: `EndpointSlice`.
    public static let kind = "EndpointSlice"
    /// The plural resource name in URLs: `endpointslices`.
    public static let resource = "endpointslices"

    /// The schema version, `discovery.k8s.io/v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `EndpointSlice` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// `IPv4`, `IPv6` or `FQDN`.
    public var addressType: String
    /// The endpoints (at most 1000).
    public var endpoints: [Endpoint]?
    /// Ports shared by every endpoint; empty means all ports.
    public var ports: [DiscoveryEndpointPort]?

    /// Creates an `EndpointSlice` from its required fields; `apiVersion` and `kind` default to the type's, other fields
    /// to absent.
    public init(
        apiVersion: String? = EndpointSlice.apiVersion, kind: String? = EndpointSlice.kind,
        metadata: ObjectMeta = ObjectMeta(), addressType: String, endpoints: [Endpoint]? = nil,
        ports: [DiscoveryEndpointPort]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }
}

/// discovery.k8s.io/v1 Endpoint: one backend of a service.
public struct Endpoint: Codable, Sendable, Hashable {
    /// Addresses, all of the slice's type; consumers use the first.
    public var addresses: [String]
    /// Readiness of the endpoint.
    public var conditions: EndpointConditions?
    /// Hostname of the endpoint.
    public var hostname: String?
    /// The pod behind the endpoint.
    public var targetRef: ObjectReference?
    /// Deprecated topology labels.
    public var deprecatedTopology: [String: String]?
    /// Node hosting the endpoint.
    public var nodeName: String?
    /// Zone of the endpoint.
    public var zone: String?
    /// Topology-aware routing hints.
    public var hints: EndpointHints?

    /// Creates an `Endpoint` from its required fields; every optional field defaults to absent.
    public init(
        addresses: [String], conditions: EndpointConditions? = nil, hostname: String? = nil,
        targetRef: ObjectReference? = nil, deprecatedTopology: [String: String]? = nil, nodeName: String? = nil,
        zone: String? = nil, hints: EndpointHints? = nil
    ) {
        self.addresses = addresses
        self.conditions = conditions
        self.hostname = hostname
        self.targetRef = targetRef
        self.deprecatedTopology = deprecatedTopology
        self.nodeName = nodeName
        self.zone = zone
        self.hints = hints
    }
}

/// discovery.k8s.io/v1 EndpointConditions: readiness of one endpoint; nil means unknown (treat as ready).
public struct EndpointConditions: Codable, Sendable, Hashable {
    /// Ready for traffic; false while terminating.
    public var ready: Bool?
    /// Able to serve, regardless of termination.
    public var serving: Bool?
    /// The endpoint is terminating.
    public var terminating: Bool?

    /// Creates an `EndpointConditions`; every field defaults to absent.
    public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
    }
}

/// discovery.k8s.io/v1 EndpointHints: where an endpoint should be consumed from.
public struct EndpointHints: Codable, Sendable, Hashable {
    /// Zones that should use this endpoint.
    public var forZones: [ForZone]?
    /// Nodes that should use this endpoint.
    public var forNodes: [ForNode]?

    /// Creates an `EndpointHints`; every field defaults to absent.
    public init(forZones: [ForZone]? = nil, forNodes: [ForNode]? = nil) {
        self.forZones = forZones
        self.forNodes = forNodes
    }
}

/// discovery.k8s.io/v1 ForZone: a zone name in endpoint hints.
public struct ForZone: Codable, Sendable, Hashable {
    /// Zone name.
    public var name: String

    /// Creates a `ForZone` from its required fields; every optional field defaults to absent.
    public init(name: String) {
        self.name = name
    }
}

/// discovery.k8s.io/v1 ForNode: a node name in endpoint hints.
public struct ForNode: Codable, Sendable, Hashable {
    /// Node name.
    public var name: String

    /// Creates a `ForNode` from its required fields; every optional field defaults to absent.
    public init(name: String) {
        self.name = name
    }
}

/// discovery.k8s.io/v1 EndpointPort (named apart from core/v1 `EndpointPort`): a port of an
/// EndpointSlice; every field may be absent.
public struct DiscoveryEndpointPort: Codable, Sendable, Hashable {
    /// Matches the service port name.
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// Port number; absent means all ports.
    public var port: Int?
    /// Application protocol hint.
    public var appProtocol: String?

    /// Creates a `DiscoveryEndpointPort`; every field defaults to absent.
    public init(name: String? = nil, `protocol`: String? = nil, port: Int? = nil, appProtocol: String? = nil) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.appProtocol = appProtocol
    }
}
