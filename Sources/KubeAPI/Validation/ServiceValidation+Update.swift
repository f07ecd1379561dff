/// Service traffic policies and the rules for updates.
extension ServiceValidation {
    /// `externalTrafficPolicy`, `healthCheckNodePort`, `internalTrafficPolicy`, `trafficDistribution`.
    static func validateTrafficPolicies(_ spec: JSONObject, type: String, into list: inout CauseList) {
        let external = list.string(spec, "externalTrafficPolicy", "spec") ?? ""
        let hasExternalIPs = !(spec["externalIPs"]?.arrayValue ?? []).isEmpty
        let accessible = type == "LoadBalancer" || type == "NodePort" || (type == "ClusterIP" && hasExternalIPs)
        if !accessible {
            if !external.isEmpty {
                list.add(
                    FieldError.invalid(
                        "spec.externalTrafficPolicy", string: external,
                        "may only be set for externally-accessible services"))
            }
        } else if external.isEmpty {
            list.add(FieldError.required("spec.externalTrafficPolicy"))
        } else if !trafficPolicies.contains(external) {
            list.add(FieldError.notSupported("spec.externalTrafficPolicy", string: external, trafficPolicies))
        }
        let healthPort = list.int(spec, "healthCheckNodePort", "spec") ?? 0
        let needsHealthCheck = type == "LoadBalancer" && external == "Local"
        if !needsHealthCheck && healthPort != 0 {
            list.add(
                FieldError.invalid(
                    "spec.healthCheckNodePort", int: healthPort,
                    "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
        } else if needsHealthCheck && healthPort != 0 && (healthPort < 1 || healthPort > 65535) {
            list.add(
                FieldError.invalid(
                    "spec.healthCheckNodePort", int: healthPort, NameValidation.inclusiveRangeError(1, 65535)))
        }
        let internalPolicy = list.string(spec, "internalTrafficPolicy", "spec")
        if let internalPolicy {
            if !trafficPolicies.contains(internalPolicy) {
                list.add(FieldError.notSupported("spec.internalTrafficPolicy", string: internalPolicy, trafficPolicies))
            }
        } else if type == "NodePort" || type == "LoadBalancer" || type == "ClusterIP" {
            list.add(FieldError.required("spec.internalTrafficPolicy"))
        }
        if let distribution = list.string(spec, "trafficDistribution", "spec"),
            !trafficDistributions.contains(distribution)
        {
            list.add(FieldError.notSupported("spec.trafficDistribution", string: distribution, trafficDistributions))
        }
        _ = list.bool(spec, "publishNotReadyAddresses", "spec")
    }

    /// Cluster IPs and IP families may only be added or released, not changed; an update that
    /// omits them keeps the allocated ones (the API server copies them before validating).
    static func validateUpdate(_ spec: JSONObject, oldSpec: JSONObject, into list: inout CauseList) {
        let type = spec["type"]?.stringValue ?? ""
        let oldType = oldSpec["type"]?.stringValue ?? ""
        guard type != "ExternalName" && oldType != "ExternalName" else { return }
        let ips = (spec["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        let oldIPs = (oldSpec["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        let headless = ips == ["None"]
        let oldHeadless = oldIPs == ["None"]
        let rendered = JSONValue.array(ips.map { .string($0) })
        let policy = spec["ipFamilyPolicy"]?.stringValue
        if !ips.isEmpty && !(headless && oldHeadless) {
            if ips.count == oldIPs.count {
                for (i, ip) in oldIPs.enumerated() where ip != ips[i] {
                    list.add(
                        FieldError.invalid(FieldPath.index("spec.clusterIPs", i), rendered, "may not change once set"))
                }
            } else if let first = oldIPs.first, first != ips[0] {
                list.add(FieldError.invalid("spec.clusterIPs[0]", rendered, "may not change once set"))
            } else if oldIPs.count > ips.count && ips.count == 1 && policy != "SingleStack" {
                list.add(
                    FieldError.invalid(
                        "spec.ipFamilyPolicy", policy.map { .string($0) } ?? .null,
                        "must be set to 'SingleStack' when releasing the secondary clusterIP"))
            }
        }
        let fams = (spec["ipFamilies"]?.arrayValue ?? []).compactMap(\.stringValue)
        let oldFams = (oldSpec["ipFamilies"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !fams.isEmpty && headless == oldHeadless && !headless {
            let renderedFams = JSONValue.array(fams.map { .string($0) })
            if fams.count == oldFams.count {
                if fams != oldFams {
                    list.add(FieldError.invalid("spec.ipFamilies[0]", renderedFams, "may not change once set"))
                }
            } else if let first = oldFams.first, first != fams[0] {
                list.add(FieldError.invalid("spec.ipFamilies[0]", rendered, "may not change once set"))
            } else if oldFams.count > fams.count && fams.count == 1 && policy != "SingleStack" {
                list.add(
                    FieldError.invalid(
                        "spec.ipFamilyPolicy", policy.map { .string($0) } ?? .null,
                        "must be set to 'SingleStack' when releasing the secondary ipFamily"))
            }
        }
        if type == "LoadBalancer" && oldType == "LoadBalancer"
            && spec["loadBalancerClass"] != oldSpec["loadBalancerClass"]
        {
            list.add(
                FieldError.invalid(
                    "spec.loadBalancerClass", spec["loadBalancerClass"] ?? .null, "may not change once set"))
        }
        let local = type == "LoadBalancer" && spec["externalTrafficPolicy"]?.stringValue == "Local"
        let oldLocal = oldType == "LoadBalancer" && oldSpec["externalTrafficPolicy"]?.stringValue == "Local"
        if local && oldLocal, let new = spec["healthCheckNodePort"]?.intValue, new != 0,
            new != (oldSpec["healthCheckNodePort"]?.intValue ?? 0)
        {
            list.add(FieldError.forbidden("spec.healthCheckNodePort", "field is immutable"))
        }
    }
}
