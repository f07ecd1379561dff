/// core/v1 Service: a stable virtual IP and DNS name in front of the pods its selector matches.
public struct Service: KubeObject, Hashable {
    /// The API version of every Service: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Service`.
    public static let kind = "Service"
    /// The plural resource name in URLs: `services`.
    public static let resource = "services"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Service` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Desired behaviour of the service.
    public var spec: ServiceSpec?
    /// Observed state (load balancer ingress, conditions).
    public var status: ServiceStatus?

    /// Creates a `Service`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Service.apiVersion, kind: String? = Service.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: ServiceSpec? = nil, status: ServiceStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// core/v1 ServiceSpec: how a service is exposed and which pods back it (a subset is modelled).
public struct ServiceSpec: Codable, Sendable, Hashable {
    /// Ports the service exposes.
    public var ports: [ServicePort]?
    /// Labels of the backing pods; without one, Endpoints are managed by hand.
    public var selector: [String: String]?
    /// Virtual IP; `None` for a headless service; allocated when empty.
    public var clusterIP: String?
    /// Virtual IPs, one per IP family; the first equals `clusterIP`.
    public var clusterIPs: [String]?
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    /// Extra IPs nodes accept traffic for.
    public var externalIPs: [String]?
    /// `None` (default) or `ClientIP`.
    public var sessionAffinity: String?
    /// Deprecated requested load balancer IP.
    public var loadBalancerIP: String?
    /// CIDRs allowed through the load balancer.
    public var loadBalancerSourceRanges: [String]?
    /// DNS name returned as a CNAME, for `ExternalName`.
    public var externalName: String?
    /// `Cluster` (default) or `Local`.
    public var externalTrafficPolicy: String?
    /// Node port for load balancer health checks with `Local`.
    public var healthCheckNodePort: Int?
    /// Publish endpoints for pods that are not ready.
    public var publishNotReadyAddresses: Bool?
    /// Session affinity settings.
    public var sessionAffinityConfig: SessionAffinityConfig?
    /// `IPv4` and/or `IPv6`, in the order of `clusterIPs`.
    public var ipFamilies: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?
    /// Allocate node ports for `LoadBalancer` services; default true.
    public var allocateLoadBalancerNodePorts: Bool?
    /// Load balancer implementation.
    public var loadBalancerClass: String?
    /// `Cluster` (default) or `Local`.
    public var internalTrafficPolicy: String?
    /// Routing preference, e.g. `PreferClose`.
    public var trafficDistribution: String?

    /// Creates a `ServiceSpec`; every field defaults to absent.
    public init(
        ports: [ServicePort]? = nil, selector: [String: String]? = nil, clusterIP: String? = nil,
        clusterIPs: [String]? = nil, type: String? = nil, externalIPs: [String]? = nil,
        sessionAffinity: String? = nil, loadBalancerIP: String? = nil, loadBalancerSourceRanges: [String]? = nil,
        externalName: String? = nil, externalTrafficPolicy: String? = nil, healthCheckNodePort: Int? = nil,
        publishNotReadyAddresses: Bool? = nil, sessionAffinityConfig: SessionAffinityConfig? = nil,
        ipFamilies: [String]? = nil, ipFamilyPolicy: String? = nil, allocateLoadBalancerNodePorts: Bool? = nil,
        loadBalancerClass: String? = nil, internalTrafficPolicy: String? = nil, trafficDistribution: String? = nil
    ) {
        self.ports = ports
        self.selector = selector
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.type = type
        self.externalIPs = externalIPs
        self.sessionAffinity = sessionAffinity
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.externalName = externalName
        self.externalTrafficPolicy = externalTrafficPolicy
        self.healthCheckNodePort = healthCheckNodePort
        self.publishNotReadyAddresses = publishNotReadyAddresses
        self.sessionAffinityConfig = sessionAffinityConfig
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
        self.loadBalancerClass = loadBalancerClass
        self.internalTrafficPolicy = internalTrafficPolicy
        self.trafficDistribution = trafficDistribution
    }
}

/// core/v1 ServicePort: one port of a service and where it forwards.
public struct ServicePort: Codable, Sendable, Hashable {
    /// Port name; required and unique when there are several ports.
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// Application protocol hint.
    public var appProtocol: String?
    /// Port on the cluster IP.
    public var port: Int
    /// Pod port number or container port name; defaults to `port`.
    public var targetPort: IntOrString?
    /// Port on every node, for `NodePort` and `LoadBalancer`.
    public var nodePort: Int?

    /// Creates a `ServicePort` from its required fields; every optional field defaults to absent.
    public init(
        name: String? = nil, `protocol`: String? = nil, appProtocol: String? = nil, port: Int,
        targetPort: IntOrString? = nil, nodePort: Int? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// core/v1 ServiceStatus: the observed state of a service.
public struct ServiceStatus: Codable, Sendable, Hashable {
    /// Load balancer addresses.
    public var loadBalancer: LoadBalancerStatus?
    /// Service conditions (meta/v1 Condition).
    public var conditions: [Condition]?

    /// Creates a `ServiceStatus`; every field defaults to absent.
    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

/// core/v1 LoadBalancerStatus: addresses of a load balancer.
public struct LoadBalancerStatus: Codable, Sendable, Hashable {
    /// Ingress points.
    public var ingress: [LoadBalancerIngress]?

    /// Creates a `LoadBalancerStatus`; every field defaults to absent.
    public init(ingress: [LoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// core/v1 LoadBalancerIngress: one ingress point of a load balancer.
public struct LoadBalancerIngress: Codable, Sendable, Hashable {
    /// IP address.
    public var ip: String?
    /// DNS name.
    public var hostname: String?
    /// `VIP` or `Proxy`.
    public var ipMode: String?
    /// Per-port status.
    public var ports: [PortStatus]?

    /// Creates a `LoadBalancerIngress`; every field defaults to absent.
    public init(ip: String? = nil, hostname: String? = nil, ipMode: String? = nil, ports: [PortStatus]? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
        self.ports = ports
    }
}

/// core/v1 PortStatus: the status of one load balancer port.
public struct PortStatus: Codable, Sendable, Hashable {
    /// Port number.
    public var port: Int
    /// `TCP`, `UDP` or `SCTP`.
    public var `protocol`: String
    /// CamelCase error, when the port failed.
    public var error: String?

    /// Creates a `PortStatus` from its required fields; every optional field defaults to absent.
    public init(port: Int, `protocol`: String, error: String? = nil) {
        self.port = port
        self.protocol = `protocol`
        self.error = error
    }
}

/// core/v1 SessionAffinityConfig: session affinity settings.
public struct SessionAffinityConfig: Codable, Sendable, Hashable {
    /// Settings for `ClientIP` affinity.
    public var clientIP: ClientIPConfig?

    /// Creates a `SessionAffinityConfig`; every field defaults to absent.
    public init(clientIP: ClientIPConfig? = nil) {
        self.clientIP = clientIP
    }
}

/// core/v1 ClientIPConfig: settings for `ClientIP` session affinity.
public struct ClientIPConfig: Codable, Sendable, Hashable {
    /// Sticky time; default 10800.
    public var timeoutSeconds: Int?

    /// Creates a `ClientIPConfig`; every field defaults to absent.
    public init(timeoutSeconds: Int? = nil) {
        self.timeoutSeconds = timeoutSeconds
    }
}

/// core/v1 Endpoints: the addresses that back a service, grouped into subsets with the same ports.
public struct Endpoints: KubeObject, Hashable {
    /// The API version of every Endpoints: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Endpoints`.
    public static let kind = "Endpoints"
    /// The plural resource name in URLs: `endpoints`.
    public static let resource = "endpoints"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Endpoints` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Address groups.
    public var subsets: [EndpointSubset]?

    /// Creates an `Endpoints`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Endpoints.apiVersion, kind: String? = Endpoints.kind,
        metadata: ObjectMeta = ObjectMeta(), subsets: [EndpointSubset]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.subsets = subsets
    }
}

/// core/v1 EndpointSubset: addresses that share one set of ports.
public struct EndpointSubset: Codable, Sendable, Hashable {
    /// Ready addresses.
    public var addresses: [EndpointAddress]?
    /// Addresses not ready yet (or terminating).
    public var notReadyAddresses: [EndpointAddress]?
    /// The ports.
    public var ports: [EndpointPort]?

    /// Creates an `EndpointSubset`; every field defaults to absent.
    public init(
        addresses: [EndpointAddress]? = nil, notReadyAddresses: [EndpointAddress]? = nil, ports: [EndpointPort]? = nil
    ) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }
}

/// core/v1 EndpointAddress: one backing address.
public struct EndpointAddress: Codable, Sendable, Hashable {
    /// The IP.
    public var ip: String
    /// Hostname of the endpoint.
    public var hostname: String?
    /// Node hosting the endpoint.
    public var nodeName: String?
    /// The pod behind the address.
    public var targetRef: ObjectReference?

    /// Creates an `EndpointAddress` from its required fields; every optional field defaults to absent.
    public init(ip: String, hostname: String? = nil, nodeName: String? = nil, targetRef: ObjectReference? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.nodeName = nodeName
        self.targetRef = targetRef
    }
}

/// core/v1 EndpointPort: one port of an endpoint subset.
public struct EndpointPort: Codable, Sendable, Hashable {
    /// Matches the service port name.
    public var name: String?
    /// Port number.
    public var port: Int
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// Application protocol hint.
    public var appProtocol: String?

    /// Creates an `EndpointPort` from its required fields; every optional field defaults to absent.
    public init(name: String? = nil, port: Int, `protocol`: String? = nil, appProtocol: String? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }
}
