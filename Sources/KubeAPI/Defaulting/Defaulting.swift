/// Fills in the fields Kubernetes fills in when an object is written: the v1 API defaults
/// (`SetDefaults_*`), the canonical form of resource quantities, and, for Pods, what the default
/// admission plugins `ServiceAccount` and `DefaultTolerationSeconds` and the create strategy add
/// (status phase and QoS class). `Priority` admission needs the stored PriorityClasses, so the API
/// server runs it after these defaults.
///
/// Defaulting only adds what is missing: members that are absent, `null`, or (for enumerations)
/// the empty string. Values of the wrong JSON type are left alone for `Validation` to report.
/// New members are appended after the ones the client wrote, so the client's key order is kept.
public enum Defaulting {
    /// ServiceAccount admission's default: a pod that names no service account runs as
    /// `default` (mirror pods are left alone). Admission runs after the creator's managed fields
    /// are recorded, so the creator does not own these.
    public static func defaultServiceAccount(_ pod: inout JSONValue) {
        guard pod["metadata"]?["annotations"]?["kubernetes.io/config.mirror"] == nil,
            case .object(var spec)? = pod["spec"], spec.isUnsetString("serviceAccountName")
        else { return }
        spec["serviceAccountName"] = "default"
        spec["serviceAccount"] = "default"
        pod["spec"] = .object(spec)
    }

    /// Applies the defaults of `kind` in API `group` ("" for core) to `object` in place. Kinds
    /// without defaults, and objects that are not JSON objects, are left unchanged.
    ///
    /// `stored` is the version an update starts from: a pod spec that is still the very same
    /// one (a status write, or an update that left the spec alone) was defaulted when it was
    /// stored, and is not walked again.
    public static func apply(kind: String, group: String, to object: inout JSONValue, stored: JSONValue? = nil) {
        guard case .object(var obj) = object else { return }
        object = .null  // release the storage so the object below is mutated without a copy
        switch (group, kind) {
        case ("", "Pod"):
            let specStored: Bool =
                if case .object(let spec)? = obj["spec"], case .object(let storedSpec)? = stored?["spec"] {
                    spec.sharesMembers(with: storedSpec)
                } else {
                    false
                }
            if !specStored { obj.withObject("spec", create: true) { PodDefaults.applyPodSpec(&$0) } }
            PodDefaults.applyPodOnly(&obj, specDefaulted: specStored)
        case ("", "Service"): ServiceDefaults.apply(&obj)
        case ("", "Namespace"): CoreDefaults.applyNamespace(&obj)
        case ("", "Secret"): CoreDefaults.applySecret(&obj)
        case ("", "Node"): CoreDefaults.applyNode(&obj)
        case ("", "Endpoints"): CoreDefaults.applyEndpoints(&obj)
        case ("", "ReplicationController"): WorkloadDefaults.applyReplicationController(&obj)
        case ("", "PodTemplate"):
            obj.withObject("template", create: false) { t in
                t.withObject("spec", create: true) { PodDefaults.applyPodSpec(&$0) }
            }
        case ("apps", "Deployment"): WorkloadDefaults.applyDeployment(&obj)
        case ("apps", "ReplicaSet"): WorkloadDefaults.applyReplicaSet(&obj)
        case ("apps", "DaemonSet"): WorkloadDefaults.applyDaemonSet(&obj)
        case ("batch", "Job"): WorkloadDefaults.applyJob(&obj)
        case ("discovery.k8s.io", "EndpointSlice"): CoreDefaults.applyEndpointSlice(&obj)
        case ("networking.k8s.io", "Ingress"): NetworkingDefaults.applyIngress(&obj)
        case ("networking.k8s.io", "IngressClass"): NetworkingDefaults.applyIngressClass(&obj)
        case ("networking.k8s.io", "NetworkPolicy"): NetworkingDefaults.applyNetworkPolicy(&obj)
        case ("scheduling.k8s.io", "PriorityClass"): CoreDefaults.applyPriorityClass(&obj)
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            RBACDefaults.applyBinding(&obj)
        default: break
        }
        object = .object(obj)
    }
}

extension JSONObject {
    /// True when `key` is absent or `null`.
    @inline(__always)
    func isUnset(_ key: String) -> Bool {
        guard let v = fastMember(key) else { return true }
        return v.isNull
    }

    /// True when `key` is absent, `null` or the empty string (an unset Go string field).
    @inline(__always)
    func isUnsetString(_ key: String) -> Bool {
        guard let v = fastMember(key) else { return true }
        switch v {
        case .null: return true
        case .string(let s): return s.isEmpty
        default: return false
        }
    }

    /// Sets `key` to `value` when absent or `null`.
    @inline(__always)
    mutating func setDefault(_ key: String, _ value: JSONValue) {
        if isUnset(key) { self[key] = value }
    }

    /// Sets a string enumeration when absent, `null` or empty.
    @inline(__always)
    mutating func setDefaultString(_ key: String, _ value: String) {
        if isUnsetString(key) { self[key] = .string(value) }
    }

    /// Sets an integer when absent or `null`, and also when 0 if `zeroIsUnset` (non-pointer Go fields).
    @inline(__always)
    mutating func setDefaultInt(_ key: String, _ value: Int, zeroIsUnset: Bool = false) {
        if isUnset(key) || (zeroIsUnset && fastMember(key)?.intValue == 0) { self[key] = .int(value) }
    }

    /// Runs `body` on the object member `key`, creating it when absent (and `create`) and
    /// skipping it when it holds another JSON type.
    ///
    /// The member is written back only when `body` changed it. Defaults are applied again on
    /// every update, to an object that shares its unchanged parts with the stored version; a
    /// part left as it was keeps sharing, so the write that follows compares it with the stored
    /// one by identity instead of walking it.
    mutating func withObject(_ key: String, create: Bool, _ body: (inout JSONObject) -> Void) {
        switch fastMember(key) {
        case .object(let original)?:
            var child = original
            body(&child)
            if !child.sharesMembers(with: original) { self[key] = .object(child) }
        case nil, .null?:
            guard create else { return }
            var child = JSONObject()
            body(&child)
            self[key] = .object(child)
        default:
            return
        }
    }

    /// Runs `body` on every object element of the array member `key`; the array is written back
    /// only when `body` changed an element (see `withObject`).
    mutating func withEach(_ key: String, _ body: (inout JSONObject) -> Void) {
        guard case .array(let original)? = fastMember(key) else { return }
        var items = original
        var changed = false
        for i in original.indices {
            guard case .object(let element) = original[i] else { continue }
            var o = element
            body(&o)
            if !o.sharesMembers(with: element) {
                items[i] = .object(o)
                changed = true
            }
        }
        if changed { self[key] = .array(items) }
    }
}
