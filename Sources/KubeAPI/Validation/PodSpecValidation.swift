/// Pod spec validation (`ValidatePodSpec`), shared by Pods and the pod templates of workloads.
enum PodSpecValidation {
    static let restartPolicies = ["Always", "OnFailure", "Never"]
    static let dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
    static let volumeSources = [
        "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi",
        "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte", "downwardAPI", "fc",
        "flexVolume", "configMap", "azureFile", "vsphereVolume", "photonPersistentDisk", "portworxVolume",
        "azureDisk", "storageos", "projected", "scaleIO", "csi", "ephemeral", "image",
    ]

    static let volumeSourceSet = Set(volumeSources)
    static let containerLists = ["containers", "initContainers"]
    static let initOnlyForbidden = ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]
    static let subdomainFields = ["serviceAccountName", "nodeName", "priorityClassName"]
    static let labelFields = ["hostname", "subdomain"]
    static let requiredSourceFields: [String: String] = [
        "configMap": "name", "secret": "secretName", "persistentVolumeClaim": "claimName", "hostPath": "path",
        "nfs": "server",
    ]

    /// Validates `spec` at `path`. `isPod` adds the checks Kubernetes runs only on Pods, not on
    /// templates.
    static func validate(_ spec: JSONObject, _ path: String, isPod: Bool, into list: inout CauseList) {
        let grace = list.int(spec, "terminationGracePeriodSeconds", path)
        if grace == nil && CauseList.member(spec, "terminationGracePeriodSeconds") == nil {
            list.add(FieldError.required(path + ".terminationGracePeriodSeconds"))
        }
        let volumes = validateVolumes(list.array(spec, "volumes", path) ?? [], path + ".volumes", into: &list)
        let restartPolicy = list.string(spec, "restartPolicy", path) ?? ""

        // Regular containers.
        let containersPath = path + ".containers"
        let containers = list.array(spec, "containers", path) ?? []
        var names: [String] = []
        if containers.isEmpty { list.add(FieldError.required(containersPath)) }
        for (i, entry) in containers.enumerated() {
            let p = FieldPath.index(containersPath, i)
            guard let c = list.element(entry, p) else { continue }
            ContainerValidation.validateCommon(c, p, volumes: volumes, into: &list)
            let name = c["name"]?.stringValue ?? ""
            if names.contains(name) {
                list.add(FieldError.duplicate(p + ".name", string: name))
            } else {
                names.append(name)
            }
            if let lifecycle = list.object(c, "lifecycle", p) {
                validateLifecycle(lifecycle, p + ".lifecycle", grace, into: &list)
            }
            validateProbes(c, p, grace, into: &list)
            if CauseList.member(c, "restartPolicy") != nil {
                list.add(FieldError.forbidden(p + ".restartPolicy", "may not be set for non-init containers"))
            }
            if isPod { validateImageWhitespace(c, p, into: &list) }
        }
        checkHostPorts(containers, containersPath, into: &list)

        // Init containers: names unique across both lists; probes only for sidecars.
        let initPath = path + ".initContainers"
        for (i, entry) in (list.array(spec, "initContainers", path) ?? []).enumerated() {
            let p = FieldPath.index(initPath, i)
            guard let c = list.element(entry, p) else { continue }
            ContainerValidation.validateCommon(c, p, volumes: volumes, into: &list)
            var sidecar = false
            if let policy = list.string(c, "restartPolicy", p) {
                if policy == "Always" {
                    sidecar = true
                } else {
                    list.add(FieldError.notSupported(p + ".restartPolicy", string: policy, ["Always"]))
                }
            }
            let name = c["name"]?.stringValue ?? ""
            if names.contains(name) {
                list.add(FieldError.duplicate(p + ".name", string: name))
            } else if !name.isEmpty {
                names.append(name)
            }
            checkHostPorts([entry], initPath, into: &list)
            if sidecar {
                if let lifecycle = list.object(c, "lifecycle", p) {
                    validateLifecycle(lifecycle, p + ".lifecycle", grace, into: &list)
                }
                validateProbes(c, p, grace, into: &list)
            } else {
                for key in initOnlyForbidden where CauseList.member(c, key) != nil {
                    list.add(
                        FieldError.forbidden(
                            p + "." + key, "may not be set for init containers without restartPolicy=Always"))
                }
            }
            if isPod { validateImageWhitespace(c, p, into: &list) }
        }

        if restartPolicy.isEmpty {
            list.add(FieldError.required(path + ".restartPolicy"))
        } else if !restartPolicies.contains(restartPolicy) {
            list.add(FieldError.notSupported(path + ".restartPolicy", string: restartPolicy, restartPolicies))
        }
        let dnsPolicy = list.string(spec, "dnsPolicy", path) ?? ""
        if dnsPolicy.isEmpty {
            list.add(FieldError.required(path + ".dnsPolicy"))
        } else if !dnsPolicies.contains(dnsPolicy) {
            list.add(FieldError.notSupported(path + ".dnsPolicy", string: dnsPolicy, dnsPolicies))
        }
        let dnsConfig = list.object(spec, "dnsConfig", path)
        if dnsPolicy == "None" {
            if dnsConfig == nil {
                list.add(FieldError.required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"))
            } else if (dnsConfig?["nameservers"]?.arrayValue ?? []).isEmpty {
                list.add(
                    FieldError.required(
                        path + ".dnsConfig.nameservers",
                        "must provide at least one DNS nameserver when `dnsPolicy` is None"))
            }
        }
        MetadataValidation.validateLabels(
            in: spec, "nodeSelector", parent: path, reportAt: path + ".nodeSelector", into: &list)
        let hostNetwork = list.bool(spec, "hostNetwork", path) ?? false
        if hostNetwork { validateHostNetworkPorts(containers, containersPath, isPod: isPod, into: &list) }
        if let sc = list.object(spec, "securityContext", path) {
            let scPath = path + ".securityContext"
            ContainerValidation.validateID(sc, "runAsUser", scPath, into: &list)
            ContainerValidation.validateID(sc, "runAsGroup", scPath, into: &list)
            ContainerValidation.validateID(sc, "fsGroup", scPath, into: &list)
        }
        if let secrets = list.array(spec, "imagePullSecrets", path) {
            for (i, s) in secrets.enumerated() {
                guard let ref = list.element(s, FieldPath.index(path + ".imagePullSecrets", i)) else { continue }
                if ref.keys.contains(where: { $0 != "name" }) {
                    list.add(
                        FieldError.invalid(FieldPath.index(path + ".imagePullSecrets", i), s, "only name may be set"))
                }
            }
        }
        for key in subdomainFields {
            if let v = list.string(spec, key, path), !v.isEmpty {
                list.invalid(path + "." + key, string: v, NameValidation.isDNS1123Subdomain(v))
            }
        }
        if let runtimeClass = list.string(spec, "runtimeClassName", path) {
            list.invalid(
                path + ".runtimeClassName", string: runtimeClass, NameValidation.isDNS1123Subdomain(runtimeClass))
        }
        if let deadline = list.int(spec, "activeDeadlineSeconds", path), deadline < 1 || deadline > 2_147_483_647 {
            list.add(
                FieldError.invalid(
                    path + ".activeDeadlineSeconds", int: deadline, NameValidation.inclusiveRangeError(1, 2_147_483_647)
                ))
        }
        for key in labelFields {
            if let v = list.string(spec, key, path), !v.isEmpty {
                list.invalid(path + "." + key, string: v, NameValidation.isDNS1123Label(v))
            }
        }
        if let tolerations = list.array(spec, "tolerations", path) {
            validateTolerations(tolerations, path + ".tolerations", into: &list)
        }
        if let policy = list.string(spec, "preemptionPolicy", path) {
            PriorityClassValidation.validatePreemptionPolicy(policy, path + ".preemptionPolicy", into: &list)
        }
        if let gates = list.array(spec, "schedulingGates", path) {
            var seen: Set<String> = []
            for (i, g) in gates.enumerated() {
                let p = FieldPath.index(path + ".schedulingGates", i)
                guard let gate = list.element(g, p) else { continue }
                let name = list.string(gate, "name", p) ?? ""
                list.invalid(p, string: name, NameValidation.isQualifiedName(name))
                if seen.contains(name) { list.add(FieldError.duplicate(p, string: name)) }
                seen.insert(name)
            }
        }
        _ = list.int(spec, "priority", path)
        _ = list.bool(spec, "enableServiceLinks", path)
        _ = list.string(spec, "schedulerName", path)
    }

    /// Pods (not templates) reject images with surrounding whitespace.
    static func validateImageWhitespace(_ c: JSONObject, _ p: String, into list: inout CauseList) {
        if let image = c["image"]?.stringValue, image != image.trimmingWhitespace {
            list.add(FieldError.invalid(p + ".image", string: image, "must not have leading or trailing whitespace"))
        }
    }

    /// Host ports must not collide (protocol, host IP and port) within one list of containers.
    static func checkHostPorts(_ containers: [JSONValue], _ path: String, into list: inout CauseList) {
        var seen: Set<String> = []
        for (ci, c) in containers.enumerated() {
            for (pi, port) in (c["ports"]?.arrayValue ?? []).enumerated() {
                guard let hostPort = port["hostPort"]?.intValue, hostPort != 0 else { continue }
                let key = "\(port["protocol"]?.stringValue ?? "")/\(port["hostIP"]?.stringValue ?? "")/\(hostPort)"
                if seen.contains(key) {
                    list.add(
                        FieldError.duplicate(
                            FieldPath.index(FieldPath.index(path, ci) + ".ports", pi) + ".hostPort", string: key))
                } else {
                    seen.insert(key)
                }
            }
        }
    }

    static func validateHostNetworkPorts(
        _ containers: [JSONValue], _ path: String, isPod: Bool, into list: inout CauseList
    ) {
        for (ci, c) in containers.enumerated() {
            for (pi, port) in (c["ports"]?.arrayValue ?? []).enumerated() {
                let hp = port["hostPort"]?.intValue ?? 0
                let cp = port["containerPort"]?.intValue ?? 0
                if (isPod || hp != 0) && hp != cp {
                    let p = FieldPath.index(FieldPath.index(path, ci) + ".ports", pi) + ".hostPort"
                    list.add(FieldError.invalid(p, int: hp, "must match `containerPort` when `hostNetwork` is true"))
                }
            }
        }
    }

    /// Volume names are unique DNS labels and each volume has exactly one source.
    static func validateVolumes(_ volumes: [JSONValue], _ path: String, into list: inout CauseList) -> [String] {
        var names: [String] = []
        for (i, entry) in volumes.enumerated() {
            let p = FieldPath.index(path, i)
            guard let v = list.element(entry, p) else { continue }
            var failed = CauseList()
            let name = failed.string(v, "name", p) ?? ""
            var sources = 0
            var present = 0
            for m in v.members where !m.value.isNull && volumeSourceSet.contains(m.key) { present += 1 }
            // Kubernetes checks the sources in a fixed order; only walk it when there is more than one.
            let candidates =
                present > 1
                ? volumeSources : v.members.filter { !$0.value.isNull && volumeSourceSet.contains($0.key) }.map(\.key)
            for key in candidates where CauseList.member(v, key) != nil {
                if sources > 0 {
                    failed.add(FieldError.forbidden(p + "." + key, "may not specify more than 1 volume type"))
                    continue
                }
                sources += 1
                guard let src = failed.object(v, key, p) else { continue }
                if let field = requiredSourceFields[key], (failed.string(src, field, p + "." + key) ?? "").isEmpty {
                    failed.add(FieldError.required(p + "." + key + "." + field))
                }
            }
            if sources == 0 { failed.add(FieldError.required(p, "must specify a volume type")) }
            if name.isEmpty {
                failed.add(FieldError.required(p + ".name"))
            } else {
                failed.invalid(p + ".name", string: name, NameValidation.isDNS1123Label(name))
            }
            if names.contains(name) { failed.add(FieldError.duplicate(p + ".name", string: name)) }
            if failed.causes.isEmpty { names.append(name) } else { list.merge(failed) }
        }
        return names
    }

    /// Relative paths without `..` elements (`validateLocalDescendingPath`).
    static func validateLocalDescendingPath(_ target: String, _ path: String, into list: inout CauseList) {
        if target.hasPrefix("/") { list.add(FieldError.invalid(path, string: target, "must be a relative path")) }
        if target.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            list.add(FieldError.invalid(path, string: target, "must not contain '..'"))
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII and Unicode whitespace, as Go's `TrimSpace`.
    var trimmingWhitespace: String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
