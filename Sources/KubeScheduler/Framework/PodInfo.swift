import KubeAPI

/// A pod as the scheduler sees it (an immutable reference, cheap to hold in many places): the typed pod plus what plugins read on every node, computed
/// once (requests, ports, parsed affinity terms) so that filtering thousands of nodes stays cheap.
public final class PodInfo: Sendable {
    /// The pod.
    public let pod: Pod
    /// `namespace/name`.
    public let key: String
    /// `metadata.uid`.
    public let uid: String
    /// The namespace.
    public var namespace: String { pod.metadata.namespace ?? "" }
    /// The name.
    public var name: String { pod.metadata.name ?? "" }
    /// The labels (empty when none).
    public let labels: [String: String]
    /// `spec.priority`, 0 when unset.
    public let priority: Int
    /// What the pod needs on a node, counted as Kubernetes counts it (see `PodRequests`).
    public let requests: ResourceAmounts
    /// Requests with unset CPU and memory replaced by the scoring defaults (100m, 200Mi).
    public let nonZeroRequests: ResourceAmounts
    /// Host ports the pod's containers ask for.
    public let hostPorts: [HostPort]
    /// Required pod affinity terms.
    public let requiredAffinityTerms: [AffinityTerm]
    /// Required pod anti-affinity terms.
    public let requiredAntiAffinityTerms: [AffinityTerm]
    /// Preferred pod affinity terms with their weights.
    public let preferredAffinityTerms: [WeightedAffinityTerm]
    /// Preferred pod anti-affinity terms with their weights.
    public let preferredAntiAffinityTerms: [WeightedAffinityTerm]

    /// Builds the scheduler's view of `pod`. Terms whose label selectors do not parse match nothing.
    public init(_ pod: Pod) {
        self.pod = pod
        let ns = pod.metadata.namespace ?? ""
        key = "\(ns)/\(pod.metadata.name ?? "")"
        uid = pod.metadata.uid ?? ""
        labels = pod.metadata.labels ?? [:]
        priority = pod.spec?.priority ?? 0
        let spec = pod.spec
        requests = PodRequests.requests(of: spec)
        nonZeroRequests = PodRequests.nonZeroRequests(of: spec)
        hostPorts = HostPort.ports(of: spec)
        let affinity = spec?.affinity
        let selfNS = ns
        requiredAffinityTerms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
            .map { AffinityTerm($0, podNamespace: selfNS, podLabels: pod.metadata.labels ?? [:]) }
        requiredAntiAffinityTerms = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
            .map { AffinityTerm($0, podNamespace: selfNS, podLabels: pod.metadata.labels ?? [:]) }
        preferredAffinityTerms = (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
            .map { WeightedAffinityTerm($0, podNamespace: selfNS, podLabels: pod.metadata.labels ?? [:]) }
        preferredAntiAffinityTerms = (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
            .map { WeightedAffinityTerm($0, podNamespace: selfNS, podLabels: pod.metadata.labels ?? [:]) }
    }

    /// Whether the pod has any pod affinity or anti-affinity term, required or preferred.
    public var hasAffinity: Bool {
        !requiredAffinityTerms.isEmpty || !requiredAntiAffinityTerms.isEmpty
            || !preferredAffinityTerms.isEmpty || !preferredAntiAffinityTerms.isEmpty
    }
}

/// A host port a container asks for: `hostIP` (default `0.0.0.0`), protocol and port.
public struct HostPort: Sendable, Hashable {
    /// The host IP, `0.0.0.0` meaning every address.
    public var ip: String
    /// `TCP`, `UDP` or `SCTP`.
    public var proto: String
    /// The port number.
    public var port: Int

    /// Creates a host port.
    public init(ip: String, proto: String, port: Int) {
        self.ip = ip
        self.proto = proto
        self.port = port
    }

    /// The host ports every container (init containers included) of `spec` asks for.
    public static func ports(of spec: PodSpec?) -> [HostPort] {
        guard let spec else { return [] }
        var out: [HostPort] = []
        for c in spec.allContainers {
            for p in c.ports ?? [] {
                guard let hp = p.hostPort, hp > 0 else { continue }
                let ip = (p.hostIP ?? "").isEmpty ? "0.0.0.0" : (p.hostIP ?? "0.0.0.0")
                out.append(HostPort(ip: ip, proto: p.protocol ?? "TCP", port: hp))
            }
        }
        return out
    }

    /// Whether two host ports collide: same protocol and port, and the same IP or either is `0.0.0.0`.
    public func conflicts(with other: HostPort) -> Bool {
        port == other.port && proto == other.proto && (ip == other.ip || ip == "0.0.0.0" || other.ip == "0.0.0.0")
    }
}
