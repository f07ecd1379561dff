import KubeAPI
import KubeClient

/// Settings of the controllers, named after kube-controller-manager's flags.
public struct ControllerOptions: Sendable {
    /// `--node-monitor-grace-period`: how long a node may go without renewing its Lease (or
    /// posting status) before it is marked Ready=Unknown.
    public var nodeMonitorGracePeriod: Duration = .seconds(40)
    /// `--node-monitor-period`: how often node health is checked.
    public var nodeMonitorPeriod: Duration = .seconds(5)
    /// `--node-startup-grace-period`: how long a node that has never posted a Ready condition
    /// may stay silent before it is marked Ready=Unknown.
    public var nodeStartupGracePeriod: Duration = .seconds(60)
    /// `--cluster-cidr`: the range node pod CIDRs are cut from; nil leaves node IPAM off.
    public var clusterCIDR: String? = nil
    /// `--node-cidr-mask-size`: the prefix length of each node's pod CIDR (IPv4).
    public var nodeCIDRMaskSize: Int = 24
    /// `--max-endpoints-per-slice`: the most endpoints the EndpointSlice controller puts in one slice.
    public var maxEndpointsPerSlice: Int = 100
    /// Worker counts by controller name; controllers not listed use their own default.
    public var concurrentSyncs: [String: Int] = [:]
    /// `--root-ca-file`'s contents: the CA bundle published as `kube-root-ca.crt` in every
    /// namespace; nil publishes nothing.
    public var rootCACertificate: String? = nil
    /// The CAs the CSR signer issues certificates with (`--cluster-signing-*`); nil signs nothing.
    public var clusterSigning: ClusterSigningKeys? = nil

    public init() {}
}

/// What every controller is built from: one client, one set of shared informers, one event
/// recorder, and the options.
public struct ControllerContext: Sendable {
    public let client: KubeClient
    public let informers: SharedInformers
    public let recorder: EventRecorder
    public let options: ControllerOptions

    public init(client: KubeClient, informers: SharedInformers, recorder: EventRecorder, options: ControllerOptions = ControllerOptions()) {
        self.client = client
        self.informers = informers
        self.recorder = recorder
        self.options = options
    }

    /// A context over `client` with fresh shared informers and a `kube-controller-manager` recorder.
    /// The informers parse and cache only `CachedPod.fields` of pods, and every other object
    /// without its managedFields; what is not kept is skipped unparsed.
    public init(client: KubeClient, options: ControllerOptions = ControllerOptions()) {
        let informers = SharedInformers(
            client: client, transforms: ["pods": CachedPod.cache], filters: ["pods": CachedPod.fields],
            defaultFilter: .withoutManagedFields)
        self.init(
            client: client, informers: informers,
            recorder: EventRecorder(client: client, component: "kube-controller-manager"), options: options)
    }
}
