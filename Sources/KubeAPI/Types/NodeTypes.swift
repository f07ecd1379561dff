/// core/v1 Node: a worker machine, registered and kept current by its kubelet.
public struct Node: KubeObject, Hashable {
    /// The API version of every Node: `v1`.
    public static let apiVersion = "v1"
    /// The kind: `Node`.
    public static let kind = "Node"
    /// The plural resource name in URLs: `nodes`.
    public static let resource = "nodes"

    /// The schema version, `v1` (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind, `Node` (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// How the node is configured.
    public var spec: NodeSpec?
    /// Observed state, reported by the kubelet.
    public var status: NodeStatus?

    /// Creates a `Node`; `apiVersion` and `kind` default to the type's, other fields to absent.
    public init(
        apiVersion: String? = Node.apiVersion, kind: String? = Node.kind, metadata: ObjectMeta = ObjectMeta(),
        spec: NodeSpec? = nil, status: NodeStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// core/v1 NodeSpec: configuration of a node.
public struct NodeSpec: Codable, Sendable, Hashable {
    /// Pod IP range assigned to the node.
    public var podCIDR: String?
    /// Pod IP ranges, one per IP family; the first equals `podCIDR`.
    public var podCIDRs: [String]?
    /// Cloud provider ID.
    public var providerID: String?
    /// Cordoned: no new pods are scheduled here.
    public var unschedulable: Bool?
    /// Taints repelling pods that do not tolerate them.
    public var taints: [Taint]?

    /// Creates a `NodeSpec`; every field defaults to absent.
    public init(
        podCIDR: String? = nil, podCIDRs: [String]? = nil, providerID: String? = nil, unschedulable: Bool? = nil,
        taints: [Taint]? = nil
    ) {
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// core/v1 Taint: marks a node so that pods without a matching toleration are repelled.
public struct Taint: Codable, Sendable, Hashable {
    /// Taint key.
    public var key: String
    /// Taint value.
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String
    /// RFC 3339 time a `NoExecute` taint was added.
    public var timeAdded: String?

    /// Creates a `Taint` from its required fields; every optional field defaults to absent.
    public init(key: String, value: String? = nil, effect: String, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }
}

/// core/v1 NodeStatus: the observed state of a node (a subset is modelled).
public struct NodeStatus: Codable, Sendable, Hashable {
    /// Total resources of the node.
    public var capacity: [String: Quantity]?
    /// Resources available to pods; defaults to capacity.
    public var allocatable: [String: Quantity]?
    /// Deprecated node phase.
    public var phase: String?
    /// `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, `NetworkUnavailable`.
    public var conditions: [NodeCondition]?
    /// Addresses of the node.
    public var addresses: [NodeAddress]?
    /// Endpoints of daemons on the node (kubelet).
    public var daemonEndpoints: NodeDaemonEndpoints?
    /// Versions and IDs of the node.
    public var nodeInfo: NodeSystemInfo?
    /// Images present on the node.
    public var images: [ContainerImage]?

    /// Creates a `NodeStatus`; every field defaults to absent.
    public init(
        capacity: [String: Quantity]? = nil, allocatable: [String: Quantity]? = nil, phase: String? = nil,
        conditions: [NodeCondition]? = nil, addresses: [NodeAddress]? = nil,
        daemonEndpoints: NodeDaemonEndpoints? = nil, nodeInfo: NodeSystemInfo? = nil, images: [ContainerImage]? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.phase = phase
        self.conditions = conditions
        self.addresses = addresses
        self.daemonEndpoints = daemonEndpoints
        self.nodeInfo = nodeInfo
        self.images = images
    }
}

/// core/v1 NodeAddress: one address of a node.
public struct NodeAddress: Codable, Sendable, Hashable {
    /// `Hostname`, `InternalIP`, `ExternalIP`, `InternalDNS` or `ExternalDNS`.
    public var type: String
    /// The address.
    public var address: String

    /// Creates a `NodeAddress` from its required fields; every optional field defaults to absent.
    public init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}

/// core/v1 NodeDaemonEndpoints: ports of daemons running on the node.
public struct NodeDaemonEndpoints: Codable, Sendable, Hashable {
    /// The kubelet's port.
    public var kubeletEndpoint: DaemonEndpoint?

    /// Creates a `NodeDaemonEndpoints`; every field defaults to absent.
    public init(kubeletEndpoint: DaemonEndpoint? = nil) {
        self.kubeletEndpoint = kubeletEndpoint
    }
}

/// core/v1 DaemonEndpoint: a daemon port. Its JSON key is capitalized, `Port`, as in Kubernetes.
public struct DaemonEndpoint: Codable, Sendable, Hashable {
    /// Port number.
    public var port: Int

    private enum CodingKeys: String, CodingKey {
        case port = "Port"
    }

    /// Creates a `DaemonEndpoint` from its required fields; every optional field defaults to absent.
    public init(port: Int) {
        self.port = port
    }
}

/// core/v1 NodeSystemInfo: identifiers and versions reported by the kubelet.
public struct NodeSystemInfo: Codable, Sendable, Hashable {
    /// `/etc/machine-id`.
    public var machineID: String?
    /// System UUID.
    public var systemUUID: String?
    /// Boot ID.
    public var bootID: String?
    /// `uname -r`.
    public var kernelVersion: String?
    /// OS image, from `/etc/os-release`.
    public var osImage: String?
    /// `<runtime>://<version>`.
    public var containerRuntimeVersion: String?
    /// Kubelet version.
    public var kubeletVersion: String?
    /// Deprecated kube-proxy version.
    public var kubeProxyVersion: String?
    /// `linux`.
    public var operatingSystem: String?
    /// `amd64`, `arm64`, ...
    public var architecture: String?

    /// Creates a `NodeSystemInfo`; every field defaults to absent.
    public init(
        machineID: String? = nil, systemUUID: String? = nil, bootID: String? = nil, kernelVersion: String? = nil,
        osImage: String? = nil, containerRuntimeVersion: String? = nil, kubeletVersion: String? = nil,
        kubeProxyVersion: String? = nil, operatingSystem: String? = nil, architecture: String? = nil
    ) {
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.kubeProxyVersion = kubeProxyVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }
}

/// core/v1 ContainerImage: an image present on a node.
public struct ContainerImage: Codable, Sendable, Hashable {
    /// Names (tags and digests) of the image.
    public var names: [String]?
    /// Size in bytes.
    public var sizeBytes: Int?

    /// Creates a `ContainerImage`; every field defaults to absent.
    public init(names: [String]? = nil, sizeBytes: Int? = nil) {
        self.names = names
        self.sizeBytes = sizeBytes
    }
}
