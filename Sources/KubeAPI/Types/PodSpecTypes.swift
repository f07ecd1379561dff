/// core/v1 PodSpec: the desired behaviour of a pod. Fields Skiff does not model (ephemeral containers,
/// resource claims, ...) are dropped by this typed view; the stored JSON keeps them.
public struct PodSpec: Codable, Sendable, Hashable {
    /// Volumes the containers can mount.
    public var volumes: [Volume]?
    /// Run one after another before the app containers; sidecars have `restartPolicy: Always`.
    public var initContainers: [Container]?
    /// The app containers; at least one.
    public var containers: [Container]
    /// `Always` (default), `OnFailure` or `Never`.
    public var restartPolicy: String?
    /// Seconds between the termination signal and a forced kill; default 30.
    public var terminationGracePeriodSeconds: Int?
    /// Seconds the pod may run before the system fails it.
    public var activeDeadlineSeconds: Int?
    /// `ClusterFirst` (default), `ClusterFirstWithHostNet`, `Default` or `None`.
    public var dnsPolicy: String?
    /// Labels a node must carry for the pod to be scheduled there.
    public var nodeSelector: [String: String]?
    /// Service account the pod runs as.
    public var serviceAccountName: String?
    /// Deprecated alias of `serviceAccountName`.
    public var serviceAccount: String?
    /// Whether to mount a service account token.
    public var automountServiceAccountToken: Bool?
    /// Node the pod is bound to; set by the scheduler, or at creation to bypass it.
    public var nodeName: String?
    /// Use the node's network namespace.
    public var hostNetwork: Bool?
    /// Use the node's process namespace.
    public var hostPID: Bool?
    /// Use the node's IPC namespace.
    public var hostIPC: Bool?
    /// Share one process namespace among the pod's containers.
    public var shareProcessNamespace: Bool?
    /// Pod-wide security attributes.
    public var securityContext: PodSecurityContext?
    /// Secrets holding registry credentials.
    public var imagePullSecrets: [LocalObjectReference]?
    /// Hostname of the pod; defaults to the pod name.
    public var hostname: String?
    /// Subdomain, giving `hostname.subdomain.namespace.svc.<cluster domain>`.
    public var subdomain: String?
    /// Node affinity and pod (anti-)affinity rules.
    public var affinity: Affinity?
    /// Scheduler that places the pod; `default-scheduler` when empty.
    public var schedulerName: String?
    /// Taints the pod tolerates.
    public var tolerations: [Toleration]?
    /// Extra `/etc/hosts` entries.
    public var hostAliases: [HostAlias]?
    /// PriorityClass giving the pod's priority.
    public var priorityClassName: String?
    /// Priority resolved from `priorityClassName` by admission.
    public var priority: Int?
    /// DNS settings merged with those `dnsPolicy` produces.
    public var dnsConfig: PodDNSConfig?
    /// Extra conditions that must be True for the pod to be ready.
    public var readinessGates: [PodReadinessGate]?
    /// RuntimeClass used to run the pod.
    public var runtimeClassName: String?
    /// Whether Service environment variables are injected; default true.
    public var enableServiceLinks: Bool?
    /// `PreemptLowerPriority` (default) or `Never`.
    public var preemptionPolicy: String?
    /// Resources the pod sandbox uses beyond its containers.
    public var overhead: [String: Quantity]?
    /// How pods spread across topology domains.
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    /// Use the FQDN as the hostname.
    public var setHostnameAsFQDN: Bool?
    /// The OS the containers need.
    public var os: PodOS?
    /// False runs the pod in its own user namespace.
    public var hostUsers: Bool?
    /// Gates that keep the pod unschedulable while present.
    public var schedulingGates: [PodSchedulingGate]?
    /// Pod-level resource requests and limits.
    public var resources: ResourceRequirements?

    /// Creates a `PodSpec` from its required fields; every optional field defaults to absent.
    public init(
        volumes: [Volume]? = nil, initContainers: [Container]? = nil, containers: [Container],
        restartPolicy: String? = nil, terminationGracePeriodSeconds: Int? = nil, activeDeadlineSeconds: Int? = nil,
        dnsPolicy: String? = nil, nodeSelector: [String: String]? = nil, serviceAccountName: String? = nil,
        serviceAccount: String? = nil, automountServiceAccountToken: Bool? = nil, nodeName: String? = nil,
        hostNetwork: Bool? = nil, hostPID: Bool? = nil, hostIPC: Bool? = nil, shareProcessNamespace: Bool? = nil,
        securityContext: PodSecurityContext? = nil, imagePullSecrets: [LocalObjectReference]? = nil,
        hostname: String? = nil, subdomain: String? = nil, affinity: Affinity? = nil, schedulerName: String? = nil,
        tolerations: [Toleration]? = nil, hostAliases: [HostAlias]? = nil, priorityClassName: String? = nil,
        priority: Int? = nil, dnsConfig: PodDNSConfig? = nil, readinessGates: [PodReadinessGate]? = nil,
        runtimeClassName: String? = nil, enableServiceLinks: Bool? = nil, preemptionPolicy: String? = nil,
        overhead: [String: Quantity]? = nil, topologySpreadConstraints: [TopologySpreadConstraint]? = nil,
        setHostnameAsFQDN: Bool? = nil, os: PodOS? = nil, hostUsers: Bool? = nil,
        schedulingGates: [PodSchedulingGate]? = nil, resources: ResourceRequirements? = nil
    ) {
        self.volumes = volumes
        self.initContainers = initContainers
        self.containers = containers
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.nodeSelector = nodeSelector
        self.serviceAccountName = serviceAccountName
        self.serviceAccount = serviceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.nodeName = nodeName
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.shareProcessNamespace = shareProcessNamespace
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.hostAliases = hostAliases
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.dnsConfig = dnsConfig
        self.readinessGates = readinessGates
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.preemptionPolicy = preemptionPolicy
        self.overhead = overhead
        self.topologySpreadConstraints = topologySpreadConstraints
        self.setHostnameAsFQDN = setHostnameAsFQDN
        self.os = os
        self.hostUsers = hostUsers
        self.schedulingGates = schedulingGates
        self.resources = resources
    }
}

extension PodSpec {
    /// Init containers followed by app containers.
    public var allContainers: [Container] { (initContainers ?? []) + containers }
}

/// core/v1 PodSecurityContext: security attributes for every container of the pod (a subset is modelled).
public struct PodSecurityContext: Codable, Sendable, Hashable {
    /// UID for container processes.
    public var runAsUser: Int?
    /// GID for container processes.
    public var runAsGroup: Int?
    /// Refuse to start containers that would run as UID 0.
    public var runAsNonRoot: Bool?
    /// Extra GIDs for the first process of each container.
    public var supplementalGroups: [Int]?
    /// GID owning supported volumes.
    public var fsGroup: Int?
    /// `OnRootMismatch` or `Always`.
    public var fsGroupChangePolicy: String?
    /// Namespaced sysctls set for the pod.
    public var sysctls: [Sysctl]?
    /// Seccomp profile for all containers.
    public var seccompProfile: SeccompProfile?

    /// Creates a `PodSecurityContext`; every field defaults to absent.
    public init(
        runAsUser: Int? = nil, runAsGroup: Int? = nil, runAsNonRoot: Bool? = nil, supplementalGroups: [Int]? = nil,
        fsGroup: Int? = nil, fsGroupChangePolicy: String? = nil, sysctls: [Sysctl]? = nil,
        seccompProfile: SeccompProfile? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.supplementalGroups = supplementalGroups
        self.fsGroup = fsGroup
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.sysctls = sysctls
        self.seccompProfile = seccompProfile
    }
}

/// core/v1 Sysctl: one kernel parameter.
public struct Sysctl: Codable, Sendable, Hashable {
    /// Parameter name, e.g. `net.ipv4.ip_forward`.
    public var name: String
    /// Value to set.
    public var value: String

    /// Creates a `Sysctl` from its required fields; every optional field defaults to absent.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// core/v1 SeccompProfile: which seccomp profile applies.
public struct SeccompProfile: Codable, Sendable, Hashable {
    /// `RuntimeDefault`, `Unconfined` or `Localhost`.
    public var type: String
    /// Profile path on the node, for `Localhost`.
    public var localhostProfile: String?

    /// Creates a `SeccompProfile` from its required fields; every optional field defaults to absent.
    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

/// core/v1 HostAlias: an `/etc/hosts` entry.
public struct HostAlias: Codable, Sendable, Hashable {
    /// The address.
    public var ip: String
    /// Names for the address.
    public var hostnames: [String]?

    /// Creates a `HostAlias` from its required fields; every optional field defaults to absent.
    public init(ip: String, hostnames: [String]? = nil) {
        self.ip = ip
        self.hostnames = hostnames
    }
}

/// core/v1 PodDNSConfig: resolver settings for a pod.
public struct PodDNSConfig: Codable, Sendable, Hashable {
    /// Nameserver IPs.
    public var nameservers: [String]?
    /// Search domains.
    public var searches: [String]?
    /// Resolver options.
    public var options: [PodDNSConfigOption]?

    /// Creates a `PodDNSConfig`; every field defaults to absent.
    public init(nameservers: [String]? = nil, searches: [String]? = nil, options: [PodDNSConfigOption]? = nil) {
        self.nameservers = nameservers
        self.searches = searches
        self.options = options
    }
}

/// core/v1 PodDNSConfigOption: one resolver option, e.g. `ndots:5`.
public struct PodDNSConfigOption: Codable, Sendable, Hashable {
    /// Option name.
    public var name: String?
    /// Option value.
    public var value: String?

    /// Creates a `PodDNSConfigOption`; every field defaults to absent.
    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// core/v1 PodReadinessGate: a pod condition that must be True for the pod to be ready.
public struct PodReadinessGate: Codable, Sendable, Hashable {
    /// The condition type.
    public var conditionType: String

    /// Creates a `PodReadinessGate` from its required fields; every optional field defaults to absent.
    public init(conditionType: String) {
        self.conditionType = conditionType
    }
}

/// core/v1 PodSchedulingGate: a named gate; the pod is not scheduled while any gate remains.
public struct PodSchedulingGate: Codable, Sendable, Hashable {
    /// Gate name.
    public var name: String

    /// Creates a `PodSchedulingGate` from its required fields; every optional field defaults to absent.
    public init(name: String) {
        self.name = name
    }
}

/// core/v1 PodOS: the operating system of the pod's containers.
public struct PodOS: Codable, Sendable, Hashable {
    /// `linux` or `windows`.
    public var name: String

    /// Creates a `PodOS` from its required fields; every optional field defaults to absent.
    public init(name: String) {
        self.name = name
    }
}
