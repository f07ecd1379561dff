/// Container validation (`validateContainerCommon` and the checks around it).
enum ContainerValidation {
    static let protocols = ["SCTP", "TCP", "UDP"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let terminationMessagePolicies = ["File", "FallbackToLogsOnError"]
    static let envFieldPaths = [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ]
    /// Field paths the downward API converts at all (`spec.host` is an alias of `spec.nodeName`).
    static let convertibleFieldPaths: Set<String> = [
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs", "spec.host",
    ]
    static let keyRefs = ["configMapKeyRef", "secretKeyRef"]
    static let sourceRefs = ["configMapRef", "secretRef"]
    static let resourceFieldPaths = [
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage",
        "requests.memory",
    ]

    /// Checks shared by regular, init and ephemeral containers.
    static func validateCommon(_ c: JSONObject, _ path: String, volumes: [String], into list: inout CauseList) {
        let name = list.string(c, "name", path) ?? ""
        if name.isEmpty {
            list.add(FieldError.required(path + ".name"))
        } else {
            list.invalid(path + ".name", string: name, NameValidation.isDNS1123Label(name))
        }
        if (list.string(c, "image", path) ?? "").isEmpty { list.add(FieldError.required(path + ".image")) }
        let tmp = list.string(c, "terminationMessagePolicy", path) ?? ""
        if tmp.isEmpty {
            list.add(FieldError.required(path + ".terminationMessagePolicy"))
        } else if !terminationMessagePolicies.contains(tmp) {
            list.add(
                FieldError.notSupported(path + ".terminationMessagePolicy", string: tmp, terminationMessagePolicies))
        }
        _ = list.string(c, "terminationMessagePath", path)
        list.checkStringArray(c, "command", path)
        list.checkStringArray(c, "args", path)
        _ = list.string(c, "workingDir", path)
        if let ports = list.array(c, "ports", path) { validatePorts(ports, path + ".ports", into: &list) }
        if let env = list.array(c, "env", path) { validateEnv(env, path + ".env", into: &list) }
        if let envFrom = list.array(c, "envFrom", path) { validateEnvFrom(envFrom, path + ".envFrom", into: &list) }
        if let mounts = list.array(c, "volumeMounts", path) {
            validateVolumeMounts(mounts, path + ".volumeMounts", volumes: volumes, into: &list)
        }
        let pull = list.string(c, "imagePullPolicy", path) ?? ""
        if pull.isEmpty {
            list.add(FieldError.required(path + ".imagePullPolicy"))
        } else if !pullPolicies.contains(pull) {
            list.add(FieldError.notSupported(path + ".imagePullPolicy", string: pull, pullPolicies))
        }
        if let resources = list.object(c, "resources", path) {
            ResourceValidation.validateRequirements(resources, path + ".resources", into: &list)
        }
        if let sc = list.object(c, "securityContext", path) {
            let scPath = path + ".securityContext"
            validateID(sc, "runAsUser", scPath, into: &list)
            validateID(sc, "runAsGroup", scPath, into: &list)
            _ = list.bool(sc, "privileged", scPath)
            _ = list.bool(sc, "allowPrivilegeEscalation", scPath)
            _ = list.bool(sc, "readOnlyRootFilesystem", scPath)
            _ = list.bool(sc, "runAsNonRoot", scPath)
        }
        _ = list.bool(c, "stdin", path)
        _ = list.bool(c, "tty", path)
    }

    /// A Unix user or group id: 0 through 2147483647.
    static func validateID(_ obj: JSONObject, _ key: String, _ path: String, into list: inout CauseList) {
        if let id = list.int(obj, key, path), id < 0 || id > 2_147_483_647 {
            list.add(
                FieldError.invalid(path + "." + key, int: id, NameValidation.inclusiveRangeError(0, 2_147_483_647)))
        }
    }

    static func validatePorts(_ ports: [JSONValue], _ path: String, into list: inout CauseList) {
        var names: [String] = []
        for (i, entry) in ports.enumerated() {
            let p = FieldPath.index(path, i)
            guard let port = list.element(entry, p) else { continue }
            if let name = list.string(port, "name", p), !name.isEmpty {
                let msgs = NameValidation.isValidPortName(name)
                if !msgs.isEmpty {
                    list.invalid(p + ".name", string: name, msgs)
                } else if names.contains(name) {
                    list.add(FieldError.duplicate(p + ".name", string: name))
                } else {
                    names.append(name)
                }
            }
            let containerPort = list.int(port, "containerPort", p) ?? 0
            if containerPort == 0 {
                list.add(FieldError.required(p + ".containerPort"))
            } else if containerPort < 1 || containerPort > 65535 {
                list.add(
                    FieldError.invalid(
                        p + ".containerPort", int: containerPort, NameValidation.inclusiveRangeError(1, 65535)))
            }
            if let hostPort = list.int(port, "hostPort", p), hostPort != 0, hostPort < 1 || hostPort > 65535 {
                list.add(
                    FieldError.invalid(p + ".hostPort", int: hostPort, NameValidation.inclusiveRangeError(1, 65535)))
            }
            let proto = list.string(port, "protocol", p) ?? ""
            if proto.isEmpty {
                list.add(FieldError.required(p + ".protocol"))
            } else if !protocols.contains(proto) {
                list.add(FieldError.notSupported(p + ".protocol", string: proto, protocols))
            }
            _ = list.string(port, "hostIP", p)
        }
    }

    static func validateEnv(_ env: [JSONValue], _ path: String, into list: inout CauseList) {
        for (i, entry) in env.enumerated() {
            let p = FieldPath.index(path, i)
            guard let ev = list.element(entry, p) else { continue }
            let name = list.string(ev, "name", p) ?? ""
            if name.isEmpty {
                list.add(FieldError.required(p + ".name"))
            } else {
                list.invalid(p + ".name", string: name, NameValidation.isEnvVarName(name))
            }
            let value = list.string(ev, "value", p) ?? ""
            guard let from = list.object(ev, "valueFrom", p) else { continue }
            let fp = p + ".valueFrom"
            var sources = 0
            if let ref = list.object(from, "fieldRef", fp) {
                sources += 1
                validateFieldRef(ref, fp + ".fieldRef", into: &list)
            }
            if let ref = list.object(from, "resourceFieldRef", fp) {
                sources += 1
                let rp = fp + ".resourceFieldRef"
                let resource = list.string(ref, "resource", rp) ?? ""
                if resource.isEmpty {
                    list.add(FieldError.required(rp + ".resource"))
                } else if !resourceFieldPaths.contains(resource) && !resource.hasPrefix("requests.hugepages-")
                    && !resource.hasPrefix("limits.hugepages-")
                {
                    list.add(FieldError.notSupported(rp + ".resource", string: resource, resourceFieldPaths))
                }
            }
            for key in keyRefs {
                guard let ref = list.object(from, key, fp) else { continue }
                sources += 1
                let rp = fp + "." + key
                let refName = list.string(ref, "name", rp) ?? ""
                list.invalid(rp + ".name", string: refName, NameValidation.isDNS1123Subdomain(refName))
                let refKey = list.string(ref, "key", rp) ?? ""
                if refKey.isEmpty {
                    list.add(FieldError.required(rp + ".key"))
                } else {
                    list.invalid(rp + ".key", string: refKey, NameValidation.isConfigMapKey(refKey))
                }
                _ = list.bool(ref, "optional", rp)
            }
            if sources == 0 {
                list.add(
                    FieldError.invalid(
                        fp, string: "",
                        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
            } else if !value.isEmpty {
                list.add(FieldError.invalid(fp, string: "", "may not be specified when `value` is not empty"))
            } else if sources > 1 {
                list.add(FieldError.invalid(fp, string: "", "may not have more than one field specified at a time"))
            }
        }
    }

    static func validateFieldRef(_ ref: JSONObject, _ path: String, into list: inout CauseList) {
        let apiVersion = list.string(ref, "apiVersion", path) ?? ""
        if apiVersion.isEmpty {
            list.add(FieldError.required(path + ".apiVersion"))
            return
        }
        let fieldPath = list.string(ref, "fieldPath", path) ?? ""
        if fieldPath.isEmpty {
            list.add(FieldError.required(path + ".fieldPath"))
            return
        }
        if apiVersion != "v1" {
            list.add(
                FieldError.invalid(
                    path + ".fieldPath", string: fieldPath,
                    "error converting fieldPath: unsupported pod version: " + apiVersion))
            return
        }
        if let open = fieldPath.firstIndex(of: "["), fieldPath.hasSuffix("']"),
            fieldPath[fieldPath.index(after: open)...].hasPrefix("'")
        {
            let base = String(fieldPath[..<open])
            guard base == "metadata.labels" || base == "metadata.annotations" else {
                list.add(
                    FieldError.invalid(
                        path + ".fieldPath", string: fieldPath,
                        "error converting fieldPath: field label does not support subscript: " + fieldPath))
                return
            }
            let key = String(fieldPath[fieldPath.index(open, offsetBy: 2)...].dropLast(2))
            let checked = base == "metadata.annotations" ? key.lowercased() : key
            list.invalid(path, string: checked, NameValidation.isQualifiedName(checked))
            return
        }
        if !convertibleFieldPaths.contains(fieldPath) {
            list.add(
                FieldError.invalid(
                    path + ".fieldPath", string: fieldPath,
                    "error converting fieldPath: field label not supported: " + fieldPath))
        } else if !envFieldPaths.contains(fieldPath == "spec.host" ? "spec.nodeName" : fieldPath) {
            list.add(FieldError.notSupported(path + ".fieldPath", string: fieldPath, envFieldPaths))
        }
    }

    static func validateEnvFrom(_ sources: [JSONValue], _ path: String, into list: inout CauseList) {
        for (i, entry) in sources.enumerated() {
            let p = FieldPath.index(path, i)
            guard let src = list.element(entry, p) else { continue }
            if let prefix = list.string(src, "prefix", p), !prefix.isEmpty {
                list.invalid(p + ".prefix", string: prefix, NameValidation.isEnvVarName(prefix))
            }
            var count = 0
            for key in sourceRefs {
                guard let ref = list.object(src, key, p) else { continue }
                count += 1
                let name = list.string(ref, "name", p + "." + key) ?? ""
                if name.isEmpty {
                    list.add(FieldError.required(p + "." + key + ".name"))
                } else {
                    list.invalid(
                        p + "." + key + ".name", string: name, NameRule.dnsSubdomain.messages(name, prefix: true))
                }
            }
            if count == 0 {
                list.add(FieldError.invalid(path, string: "", "must specify one of: `configMapRef` or `secretRef`"))
            } else if count > 1 {
                list.add(FieldError.invalid(path, string: "", "may not have more than one field specified at a time"))
            }
        }
    }

    static func validateVolumeMounts(
        _ mounts: [JSONValue], _ path: String, volumes: [String], into list: inout CauseList
    ) {
        var mountPoints: [String] = []
        for (i, entry) in mounts.enumerated() {
            let p = FieldPath.index(path, i)
            guard let m = list.element(entry, p) else { continue }
            let name = list.string(m, "name", p) ?? ""
            if name.isEmpty { list.add(FieldError.required(p + ".name")) }
            if !volumes.contains(name) { list.add(FieldError.notFound(p + ".name", string: name)) }
            let mountPath = list.string(m, "mountPath", p) ?? ""
            if mountPath.isEmpty { list.add(FieldError.required(p + ".mountPath")) }
            if mountPoints.contains(mountPath) {
                list.add(FieldError.invalid(p + ".mountPath", string: mountPath, "must be unique"))
            }
            mountPoints.append(mountPath)
            _ = list.bool(m, "readOnly", p)
            if let sub = list.string(m, "subPath", p), !sub.isEmpty {
                PodSpecValidation.validateLocalDescendingPath(sub, path + ".subPath", into: &list)
            }
        }
    }
}
