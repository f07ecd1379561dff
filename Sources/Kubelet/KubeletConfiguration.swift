/// How one kubelet runs: which node it is, where it keeps its state, and its timings (defaults
/// are Kubernetes').
public struct KubeletConfiguration: Sendable {
    /// The Node object's name (`--node-name`, default the hostname).
    public var nodeName: String
    /// Kubelet state: pod volumes under `<rootDirectory>/pods/<uid>/volumes` (`/var/lib/skiff/agent/kubelet`).
    public var rootDirectory: String
    /// Container logs, `<podLogsDirectory>/<namespace>_<name>_<uid>/<container>/<restart>.log`.
    public var podLogsDirectory: String = "/var/log/pods"
    /// Address and port of the kubelet API (loopback only until authentication lands).
    public var address: String = "127.0.0.1"
    public var port: Int = 10250
    /// Maximum pods on this node (`status.capacity.pods`).
    public var maxPods: Int = 110
    /// How often the node Lease is renewed, and its duration.
    public var leaseRenewInterval: Duration = .seconds(10)
    public var leaseDurationSeconds: Int = 40
    /// How often node status is recomputed (it is written only when it changed, or every
    /// `nodeStatusReportFrequency`).
    public var nodeStatusUpdateFrequency: Duration = .seconds(10)
    public var nodeStatusReportFrequency: Duration = .seconds(300)
    /// CrashLoopBackOff: first delay and cap (10 s doubling to 5 min in Kubernetes).
    public var crashLoopInitialBackoff: Duration = .seconds(10)
    public var crashLoopMaxBackoff: Duration = .seconds(300)
    /// How often the runtime is listed to notice containers that exited (the PLEG relist period;
    /// 1 s in Kubernetes), and how often a pod is synced with nothing new (1 min in Kubernetes).
    public var podLifecycleRelistPeriod: Duration = .seconds(1)
    public var podResyncPeriod: Duration = .seconds(60)
    /// Labels added to the node on registration (`--node-label`).
    public var nodeLabels: [String: String] = [:]
    /// Taints registered with the node (`--register-with-taints`).
    public var registerWithTaints: [String] = []
    /// Which dead containers are removed, and how often the container GC runs (1 min).
    public var containerGC = ContainerGCPolicy()
    public var containerGCPeriod: Duration = .seconds(60)
    /// Image GC: above `imageGCHighThresholdPercent` (85) of the image filesystem in use, unused
    /// images at least `imageMinimumGCAge` (2 min) old are removed, least recently used first,
    /// until usage is under `imageGCLowThresholdPercent` (80); a high threshold of 100 turns it
    /// off. It runs every `imageGCPeriod` (5 min).
    public var imageGCHighThresholdPercent: Int = 85
    public var imageGCLowThresholdPercent: Int = 80
    public var imageMinimumGCAge: Duration = .seconds(120)
    public var imageGCPeriod: Duration = .seconds(300)
    /// Whatever the usage, an image unused for longer than this is removed (once the kubelet
    /// has run this long); zero (the default) turns that off.
    public var imageMaximumGCAge: Duration = .zero
    /// Container log rotation: a running container's log is rotated once it reaches
    /// `containerLogMaxSize` bytes (10Mi; negative turns rotation off), keeping at most
    /// `containerLogMaxFiles` files (5, at least 2) per container; checked every
    /// `containerLogMonitorInterval` (10 s).
    public var containerLogMaxSize: Int64 = 10 * 1024 * 1024
    public var containerLogMaxFiles: Int = 5
    public var containerLogMonitorInterval: Duration = .seconds(10)

    /// A configuration for node `nodeName` keeping its state under `rootDirectory`.
    public init(nodeName: String, rootDirectory: String) {
        self.nodeName = nodeName
        self.rootDirectory = rootDirectory
    }
}
