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
