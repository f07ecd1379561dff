/// Namespace, ConfigMap, Secret, Event and Lease validation.
enum CoreObjectsValidation {
    /// The largest total size of a ConfigMap's or Secret's data (`core.MaxSecretSize`).
    static let maxDataSize = 1024 * 1024

    static func validateNamespace(_ obj: JSONObject, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "")
        for f in list.stringArray(spec, "finalizers", "spec") ?? [] {
            list.invalid("spec.finalizers", string: f, NameValidation.isQualifiedName(f))
            if !f.utf8.contains(0x2F) && !MetadataValidation.standardFinalizers.contains(f) {
                list.add(
                    FieldError.invalid(
                        "spec.finalizers", string: f,
                        "name is neither a standard finalizer name nor is it fully qualified"))
            }
        }
    }

    /// The decoded length of base64 text (the value was validated as base64 by the decoder).
    static func decodedLength(_ base64: String) -> Int {
        let n = base64.utf8.count
        var padding = 0
        if base64.hasSuffix("==") { padding = 2 } else if base64.hasSuffix("=") { padding = 1 }
        return max(0, n / 4 * 3 - padding)
    }

    static func validateConfigMap(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        var total = 0
        let data = list.stringMap(obj, "data", "") ?? []
        let binary = list.stringMap(obj, "binaryData", "") ?? []
        let binaryKeys = Set(binary.map(\.key))
        for (k, v) in data {
            let p = FieldPath.key("data", k)
            list.invalid(p, string: k, NameValidation.isConfigMapKey(k))
            if binaryKeys.contains(k) {
                list.add(FieldError.invalid(p, string: k, "duplicate of key present in binaryData"))
            }
            total += v.utf8.count
        }
        for (k, v) in binary {
            list.invalid(FieldPath.key("binaryData", k), string: k, NameValidation.isConfigMapKey(k))
            total += decodedLength(v)
        }
        if total > maxDataSize { list.add(FieldError.tooLong("", max: maxDataSize)) }
        _ = list.bool(obj, "immutable", "")
        if let old { checkImmutableData(obj, old: old, keys: ["data", "binaryData"], into: &list) }
    }

    /// Once `immutable` is true, it and the data can no longer change.
    static func checkImmutableData(_ obj: JSONObject, old: JSONObject, keys: [String], into list: inout CauseList) {
        guard old["immutable"]?.boolValue == true else { return }
        let message = "field is immutable when `immutable` is set"
        if obj["immutable"]?.boolValue != true { list.add(FieldError.forbidden("immutable", message)) }
        for key in keys {
            let new = obj[key]?.objectValue ?? JSONObject()
            let previous = old[key]?.objectValue ?? JSONObject()
            if new != previous { list.add(FieldError.forbidden(key, message)) }
        }
    }

    static func validateSecret(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        var total = 0
        let data = list.stringMap(obj, "data", "") ?? []
        var present: [String: Int] = [:]
        for (k, v) in data {
            list.invalid(FieldPath.key("data", k), string: k, NameValidation.isConfigMapKey(k))
            let size = decodedLength(v)
            total += size
            present[k] = size
        }
        if total > maxDataSize { list.add(FieldError.tooLong("data", max: maxDataSize)) }
        let type = list.string(obj, "type", "") ?? ""
        switch type {
        case "kubernetes.io/service-account-token":
            let name = obj["metadata"]?["annotations"]?["kubernetes.io/service-account.name"]?.stringValue ?? ""
            if name.isEmpty {
                list.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]"))
            }
        case "kubernetes.io/dockercfg":
            if present[".dockercfg"] == nil { list.add(FieldError.required("data[.dockercfg]")) }
        case "kubernetes.io/dockerconfigjson":
            if present[".dockerconfigjson"] == nil { list.add(FieldError.required("data[.dockerconfigjson]")) }
        case "kubernetes.io/basic-auth":
            if present["username"] == nil && present["password"] == nil {
                list.add(FieldError.required("data[username]"))
                list.add(FieldError.required("data[password]"))
            }
        case "kubernetes.io/ssh-auth":
            if (present["ssh-privatekey"] ?? 0) == 0 { list.add(FieldError.required("data[ssh-privatekey]")) }
        case "kubernetes.io/tls":
            if present["tls.crt"] == nil { list.add(FieldError.required("data[tls.crt]")) }
            if present["tls.key"] == nil { list.add(FieldError.required("data[tls.key]")) }
        default:
            break
        }
        _ = list.bool(obj, "immutable", "")
        if let old {
            let oldType = old["type"]?.stringValue ?? ""
            if type != oldType { list.add(FieldError.invalid("type", string: type, "field is immutable")) }
            checkImmutableData(obj, old: old, keys: ["data"], into: &list)
        }
    }

    static func validateEvent(_ obj: JSONObject, into list: inout CauseList) {
        let namespace = obj["metadata"]?["namespace"]?.stringValue ?? ""
        guard let involved = list.object(obj, "involvedObject", "") else {
            list.add(FieldError.required("involvedObject"))
            return
        }
        let involvedNamespace = list.string(involved, "namespace", "involvedObject") ?? ""
        _ = list.string(involved, "kind", "involvedObject")
        _ = list.string(involved, "name", "involvedObject")
        let mismatch = FieldError.invalid(
            "involvedObject.namespace", string: involvedNamespace, "does not match event.namespace")
        let eventTime = list.string(obj, "eventTime", "") ?? ""
        if eventTime.isEmpty {
            if involvedNamespace.isEmpty {
                if !namespace.isEmpty && namespace != "default" { list.add(mismatch) }
            } else if namespace != involvedNamespace {
                list.add(mismatch)
            }
        } else {
            if involvedNamespace.isEmpty && namespace != "default" && namespace != "kube-system" { list.add(mismatch) }
            let controller = list.string(obj, "reportingComponent", "") ?? ""
            if controller.isEmpty { list.add(FieldError.required("reportingComponent")) }
            list.invalid("reportingComponent", string: controller, NameValidation.isQualifiedName(controller))
            for (key, limit) in [("reportingInstance", 128), ("action", 128), ("reason", 128)] {
                let v = list.string(obj, key, "") ?? ""
                if v.isEmpty { list.add(FieldError.required(key)) }
                if v.utf8.count > limit {
                    list.add(FieldError.invalid(key, string: "", "can have at most \(limit) characters"))
                }
            }
            if (list.string(obj, "message", "") ?? "").utf8.count > 1024 {
                list.add(FieldError.invalid("message", string: "", "can have at most 1024 characters"))
            }
        }
        _ = list.int(obj, "count", "")
        list.invalid("namespace", string: namespace, NameValidation.isDNS1123Subdomain(namespace))
    }

    static func validateLease(_ obj: JSONObject, into list: inout CauseList) {
        guard let spec = list.object(obj, "spec", "") else { return }
        if let d = list.int(spec, "leaseDurationSeconds", "spec"), d <= 0 {
            list.add(FieldError.invalid("spec.leaseDurationSeconds", int: d, "must be greater than 0"))
        }
        if let t = list.int(spec, "leaseTransitions", "spec"), t < 0 {
            list.add(FieldError.invalid("spec.leaseTransitions", int: t, "must be greater than or equal to 0"))
        }
        _ = list.string(spec, "holderIdentity", "spec")
        _ = list.string(spec, "acquireTime", "spec")
        _ = list.string(spec, "renewTime", "spec")
    }
}
