/// Per-kind validation of objects as the Kubernetes API server validates them on create and
/// update, producing the field causes of a 422 `Invalid` status.
///
/// Objects are expected to be defaulted first (`Defaulting.apply`), as Kubernetes validates
/// defaulted objects: a missing `restartPolicy` or `protocol` is reported as required only when
/// defaulting did not fill it. Values of the wrong JSON type are reported as
/// `FieldValueTypeInvalid` causes; validation never traps on odd input.
public enum Validation {
    /// Validates `object` of `kind` in API `group` ("" for core). `old` is the stored object on
    /// update (nil on create). Returns the causes in the order Kubernetes reports them; an empty
    /// list means the object is valid.
    ///
    /// On update the caller is expected to have copied server-owned fields from `old` first, as
    /// the API server does before validating: `metadata.resourceVersion` (required here),
    /// `uid`, `creationTimestamp`, and a Service's allocated cluster IPs.
    public static func validate(kind: String, group: String, object: JSONValue, old: JSONValue?) -> [StatusCause] {
        guard case .object(let obj) = object else {
            return [
                StatusCause(
                    reason: "FieldValueTypeInvalid",
                    message: "Invalid value: \(FieldError.render(object)): must be of type object", field: "")
            ]
        }
        let oldObj = old?.objectValue
        var list = CauseList()
        if oldObj != nil { MetadataValidation.validateUpdate(obj, old: oldObj, into: &list) }
        switch (group, kind) {
        case ("", "Pod"):
            PodValidation.validate(obj, creating: oldObj == nil, into: &list)
            if let oldObj { PodValidation.validateUpdate(obj, old: oldObj, into: &list) }
        case ("", "Service"):
            ServiceValidation.validate(obj, old: oldObj, into: &list)
        case ("", "Namespace"):
            MetadataValidation.validateCreate(obj, namespaced: false, nameRule: .dnsLabel, into: &list)
            if oldObj == nil { CoreObjectsValidation.validateNamespace(obj, into: &list) }
        case ("", "Node"):
            MetadataValidation.validateCreate(obj, namespaced: false, nameRule: .dnsSubdomain, into: &list)
            NetworkObjectsValidation.validateNode(obj, old: oldObj, into: &list)
        case ("", "ConfigMap"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            CoreObjectsValidation.validateConfigMap(obj, old: oldObj, into: &list)
        case ("", "Secret"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            CoreObjectsValidation.validateSecret(obj, old: oldObj, into: &list)
        case ("", "ServiceAccount"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
        case ("", "Endpoints"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            NetworkObjectsValidation.validateEndpoints(obj, into: &list)
        case ("", "Event"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            CoreObjectsValidation.validateEvent(obj, into: &list)
        case ("", "PodTemplate"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            if let template = list.object(obj, "template", "") { PodValidation.validateTemplate(template, "template", into: &list) }
        case ("", "ReplicationController"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            WorkloadValidation.validateReplicationController(obj, into: &list)
        case ("apps", "Deployment"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            WorkloadValidation.validateDeployment(obj, old: oldObj, into: &list)
        case ("apps", "ReplicaSet"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            WorkloadValidation.validateReplicaSet(obj, old: oldObj, into: &list)
        case ("apps", "DaemonSet"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            WorkloadValidation.validateDaemonSet(obj, old: oldObj, into: &list)
        case ("batch", "Job"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            JobValidation.validate(obj, old: oldObj, into: &list)
        case ("discovery.k8s.io", "EndpointSlice"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            NetworkObjectsValidation.validateEndpointSlice(obj, old: oldObj, into: &list)
        case ("networking.k8s.io", "Ingress"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            NetworkingValidation.validateIngress(obj, into: &list)
        case ("networking.k8s.io", "IngressClass"):
            MetadataValidation.validateCreate(obj, namespaced: false, nameRule: .dnsSubdomain, into: &list)
            NetworkingValidation.validateIngressClass(obj, old: oldObj, into: &list)
        case ("networking.k8s.io", "NetworkPolicy"):
            MetadataValidation.validateCreate(obj, namespaced: true, nameRule: .dnsSubdomain, into: &list)
            NetworkingValidation.validateNetworkPolicy(obj, into: &list)
        case ("scheduling.k8s.io", "PriorityClass"):
            PriorityClassValidation.validate(obj, old: oldObj, into: &list)
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "ClusterRole"):
            RBACValidation.validateRole(obj, namespaced: kind == "Role", into: &list)
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            RBACValidation.validateBinding(obj, old: oldObj, namespaced: kind == "RoleBinding", into: &list)
        case ("coordination.k8s.io", "Lease"):
            MetadataValidation.validateCreate(
                obj, namespaced: true, nameRule: .dnsSubdomain, kubeFinalizers: false, into: &list)
            CoreObjectsValidation.validateLease(obj, into: &list)
        default:
            let namespaced = ResourceCatalog.all.first { $0.group == group && $0.kind == kind }?.namespaced
            MetadataValidation.validateCreate(
                obj, namespaced: namespaced, nameRule: .pathSegment, kubeFinalizers: false, into: &list)
        }
        return list.causes
    }

    /// Validates a write to the `status` subresource of `object`, with `old` the stored object.
    /// Kinds whose status rules Kubernetes keeps apart (pods: `ValidatePodStatusUpdate`) check
    /// metadata and status only, since the strategy has already copied the stored spec; other
    /// kinds are validated whole, as on any update.
    public static func validateStatusUpdate(kind: String, group: String, object: JSONValue, old: JSONValue) -> [StatusCause] {
        guard group.isEmpty, kind == "Pod", let obj = object.objectValue, let oldObj = old.objectValue else {
            return validate(kind: kind, group: group, object: object, old: old)
        }
        var list = CauseList()
        MetadataValidation.validateUpdate(obj, old: oldObj, into: &list)
        PodStatusValidation.validate(obj, old: oldObj, into: &list)
        return list.causes
    }

    /// Validates only `metadata` under `rule` (for kinds without spec rules of their own, such as
    /// custom resources). `namespaced` nil skips the namespace requirement.
    public static func validateMetadata(
        object: JSONValue, old: JSONValue?, namespaced: Bool?, rule: NameRule = .pathSegment
    ) -> [StatusCause] {
        var list = CauseList()
        guard let obj = object.objectValue else { return validate(kind: "", group: "", object: object, old: old) }
        if let oldObj = old?.objectValue { MetadataValidation.validateUpdate(obj, old: oldObj, into: &list) }
        MetadataValidation.validateCreate(
            obj, namespaced: namespaced, nameRule: rule, kubeFinalizers: false, into: &list)
        return list.causes
    }
}
