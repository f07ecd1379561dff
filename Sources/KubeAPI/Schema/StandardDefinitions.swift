/// Skiff's built-in type definitions: every served resource, its list type and everything they
/// contain, with Kubernetes' field names, types, required flags and patch metadata (taken from the
/// published Kubernetes API). One static table per API area lives in `Definitions/`.
enum StandardDefinitions {
    /// All standard definitions, in table order.
    static let all: [TypeDefinition] = meta
        + corePod
        + corePodScheduling
        + coreContainer
        + coreContainerStatus
        + coreVolume
        + coreNode
        + coreService
        + coreOther
        + coreConnect
        + apps
        + batch
        + scheduling
        + rbac
        + authorization
        + authentication
        + coordination
        + discovery
        + autoscaling
        + certificates
        + networking
        + policy
}
