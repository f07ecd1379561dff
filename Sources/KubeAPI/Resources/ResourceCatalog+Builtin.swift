extension ResourceCatalog {
    /// The served resource named `resource` in `group`; the catalog is fixed at build time, so a
    /// missing entry is a programming error.
    static func builtin(_ resource: String, group: String = "") -> ResourceInfo {
        guard let r = all.first(where: { $0.resource == resource && $0.group == group }) else {
            preconditionFailure("resource \(group)/\(resource) is not in the catalog")
        }
        return r
    }
}

extension ResourceInfo {
    /// core/v1 pods.
    public static let pods = ResourceCatalog.builtin("pods")
    /// core/v1 nodes.
    public static let nodes = ResourceCatalog.builtin("nodes")
    /// core/v1 namespaces.
    public static let namespaces = ResourceCatalog.builtin("namespaces")
    /// core/v1 events.
    public static let events = ResourceCatalog.builtin("events")
    /// core/v1 services.
    public static let services = ResourceCatalog.builtin("services")
    /// core/v1 configmaps.
    public static let configMaps = ResourceCatalog.builtin("configmaps")
    /// core/v1 serviceaccounts.
    public static let serviceAccounts = ResourceCatalog.builtin("serviceaccounts")
    /// coordination.k8s.io/v1 leases.
    public static let leases = ResourceCatalog.builtin("leases", group: "coordination.k8s.io")
}

extension ResourceInfo {
    /// core/v1 endpoints.
    public static let endpoints = ResourceCatalog.builtin("endpoints")
    /// core/v1 replicationcontrollers.
    public static let replicationControllers = ResourceCatalog.builtin("replicationcontrollers")
    /// apps/v1 deployments.
    public static let deployments = ResourceCatalog.builtin("deployments", group: "apps")
    /// apps/v1 replicasets.
    public static let replicaSets = ResourceCatalog.builtin("replicasets", group: "apps")
    /// apps/v1 daemonsets.
    public static let daemonSets = ResourceCatalog.builtin("daemonsets", group: "apps")
    /// batch/v1 jobs.
    public static let jobs = ResourceCatalog.builtin("jobs", group: "batch")
    /// rbac.authorization.k8s.io/v1 clusterroles.
    public static let clusterRoles = ResourceCatalog.builtin("clusterroles", group: "rbac.authorization.k8s.io")
    /// certificates.k8s.io/v1 certificatesigningrequests.
    public static let certificateSigningRequests = ResourceCatalog.builtin("certificatesigningrequests", group: "certificates.k8s.io")
    /// core/v1 secrets.
    public static let secrets = ResourceCatalog.builtin("secrets")
    /// discovery.k8s.io/v1 endpointslices.
    public static let endpointSlices = ResourceCatalog.builtin("endpointslices", group: "discovery.k8s.io")
}
