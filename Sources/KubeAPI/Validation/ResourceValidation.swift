/// Compute resource requirements (`validateResourceRequirements`) and resource names.
enum ResourceValidation {
    /// Unprefixed resource names Kubernetes knows (`IsStandardResourceName`).
    static let standardResources: Set<String> = [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
        "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage",
        "services.nodeports", "services.loadbalancers",
    ]

    /// Reads a quantity value (a JSON string or number); text Kubernetes cannot parse adds a cause
    /// carrying Kubernetes' parse message.
    static func amount(_ value: JSONValue, _ path: String, into list: inout CauseList) -> Quantity? {
        let text: String
        switch value {
        case .string(let s): text = s
        case .number(let n): text = n
        default:
            list.typeError(path, value, expected: "string")
            return nil
        }
        do {
            return try Quantity(parsing: text)
        } catch {
            list.add(FieldError.invalid(path, string: text, error.message))
            return nil
        }
    }

    /// The resource names nearly every container uses; they need no further checks.
    @inline(__always)
    static func isCommon(_ name: String) -> Bool { name == "cpu" || name == "memory" || name == "ephemeral-storage" }
    static func isHugePages(_ name: String) -> Bool { name.hasPrefix("hugepages-") }
    @inline(__always)
    static func hasSlash(_ name: String) -> Bool { name.utf8.contains(0x2F) }
    static func isNative(_ name: String) -> Bool { !hasSlash(name) || containsKubernetesIO(name) }
    static func isExtended(_ name: String) -> Bool {
        !isNative(name) && !name.hasPrefix("requests.") && NameValidation.isQualifiedName("requests." + name).isEmpty
    }

    /// True when the name contains `kubernetes.io/` (a Kubernetes-owned, native resource).
    static func containsKubernetesIO(_ name: String) -> Bool {
        let needle = Array("kubernetes.io/".utf8)
        let hay = Array(name.utf8)
        guard hay.count >= needle.count else { return false }
        for start in 0...(hay.count - needle.count) where hay[start] == needle[0] {
            if Array(hay[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
    static func overcommitAllowed(_ name: String) -> Bool { isNative(name) && !isHugePages(name) }

    /// The messages for a container resource name (`validateContainerResourceName`).
    static func containerResourceNameCauses(_ name: String, _ path: String, into list: inout CauseList) {
        if isCommon(name) { return }
        let qualified = NameValidation.isQualifiedName(name)
        if !qualified.isEmpty {
            list.invalid(path, string: name, qualified)
        } else if !hasSlash(name) && !standardResources.contains(name) && !isHugePages(name)
            && !name.hasPrefix("requests.hugepages-")
        {
            list.add(FieldError.invalid(path, string: name, "must be a standard resource type or fully qualified"))
        }
        if !hasSlash(name) {
            if !(name == "cpu" || name == "memory" || name == "ephemeral-storage" || isHugePages(name)) {
                list.add(FieldError.invalid(path, string: name, "must be a standard resource for containers"))
            }
        } else if !isNative(name) && !isExtended(name) {
            list.add(FieldError.invalid(path, string: name, "doesn't follow extended resource name standard"))
        }
    }

    /// Validates a container's `resources`: names, quantities, and requests against limits.
    static func validateRequirements(_ res: JSONObject, _ path: String, into list: inout CauseList) {
        let limPath = path + ".limits"
        let reqPath = path + ".requests"
        var limits: [String: Quantity] = [:]
        var limitsHaveCPUOrMemory = false
        var requestsHaveCPUOrMemory = false
        var hugePages = false
        if let lim = list.object(res, "limits", path) {
            for m in lim.members {
                let p = FieldPath.key(limPath, m.key)
                containerResourceNameCauses(m.key, p, into: &list)
                guard let q = amount(m.value, p, into: &list) else { continue }
                validateQuantityValue(m.key, q, p, into: &list)
                limits[m.key] = q
                if isHugePages(m.key) { hugePages = true }
                if m.key == "cpu" || m.key == "memory" { limitsHaveCPUOrMemory = true }
            }
        }
        if let req = list.object(res, "requests", path) {
            for m in req.members {
                let p = FieldPath.key(reqPath, m.key)
                containerResourceNameCauses(m.key, p, into: &list)
                guard let q = amount(m.value, p, into: &list) else { continue }
                validateQuantityValue(m.key, q, p, into: &list)
                if let limit = limits[m.key] {
                    if q != limit && !overcommitAllowed(m.key) {
                        list.add(
                            FieldError.invalid(
                                reqPath, string: q.canonicalString,
                                "must be equal to \(m.key) limit of \(limit.canonicalString)"))
                    } else if q > limit {
                        list.add(
                            FieldError.invalid(
                                reqPath, string: q.canonicalString,
                                "must be less than or equal to \(m.key) limit of \(limit.canonicalString)"))
                    }
                } else if !overcommitAllowed(m.key) {
                    list.add(FieldError.required(limPath, "Limit must be set for non overcommitable resources"))
                }
                if isHugePages(m.key) { hugePages = true }
                if m.key == "cpu" || m.key == "memory" { requestsHaveCPUOrMemory = true }
            }
        }
        if hugePages && !limitsHaveCPUOrMemory && !requestsHaveCPUOrMemory {
            list.add(FieldError.forbidden(path, "HugePages require cpu or memory"))
        }
        _ = list.array(res, "claims", path)
    }

    /// Quantities may not be negative; extended resources must be whole numbers.
    static func validateQuantityValue(_ name: String, _ q: Quantity, _ path: String, into list: inout CauseList) {
        if q.sign < 0 {
            list.add(FieldError.invalid(path, string: q.canonicalString, "must be greater than or equal to 0"))
        }
        if !q.amount.isInteger && hasSlash(name) && isExtended(name) {
            list.add(FieldError.invalid(path, string: q.canonicalString, "must be an integer"))
        }
    }

    /// Validates a plain resource list such as a node's capacity (`ValidateResourceQuantityValue`).
    static func validateResourceList(_ obj: JSONObject, _ path: String, into list: inout CauseList) {
        for m in obj.members {
            let p = FieldPath.child(path, m.key)
            guard let q = amount(m.value, p, into: &list) else { continue }
            validateQuantityValue(m.key, q, p, into: &list)
        }
    }
}
