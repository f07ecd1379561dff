/// Service validation (`ValidateService`, `ValidateServiceUpdate`).
enum ServiceValidation {
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    static let affinities = ["ClientIP", "None"]
    static let families = ["IPv4", "IPv6"]
    static let familyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"]
    static let trafficPolicies = ["Cluster", "Local"]
    static let trafficDistributions = ["PreferClose", "PreferSameNode", "PreferSameZone"]

    static func validate(_ svc: JSONObject, old: JSONObject?, into list: inout CauseList) {
        MetadataValidation.validateCreate(svc, namespaced: true, nameRule: .dns1035Label, into: &list)
        let spec = list.object(svc, "spec", "") ?? JSONObject()
        let type = list.string(spec, "type", "spec") ?? ""
        let clusterIP = list.string(spec, "clusterIP", "spec") ?? ""
        let clusterIPs = list.stringArray(spec, "clusterIPs", "spec") ?? []
        let ipFamilies = list.stringArray(spec, "ipFamilies", "spec") ?? []
        let policy = list.string(spec, "ipFamilyPolicy", "spec")
        let headless = clusterIPs.count == 1 && clusterIPs[0] == "None"
        let ports = list.array(spec, "ports", "spec") ?? []
        if ports.isEmpty && !headless && type != "ExternalName" { list.add(FieldError.required("spec.ports")) }
        switch type {
        case "LoadBalancer", "NodePort":
            if headless {
                list.add(
                    FieldError.invalid(
                        "spec.clusterIPs[0]", string: "None", "may not be set to 'None' for \(type) services"))
            }
        case "ExternalName":
            if !clusterIPs.isEmpty {
                list.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"))
            }
            if !ipFamilies.isEmpty {
                list.add(FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"))
            }
            if policy != nil {
                list.add(FieldError.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"))
            }
            var cname = list.string(spec, "externalName", "spec") ?? ""
            if cname.hasSuffix(".") { cname.removeLast() }
            if cname.isEmpty {
                list.add(FieldError.required("spec.externalName"))
            } else {
                list.invalid("spec.externalName", string: cname, NameValidation.isDNS1123Subdomain(cname))
            }
        default:
            break
        }
        var names: Set<String> = []
        var parsedPorts: [(proto: String, port: Int64, nodePort: Int64)] = []
        for (i, entry) in ports.enumerated() {
            let p = FieldPath.index("spec.ports", i)
            guard let port = list.element(entry, p) else { continue }
            parsedPorts.append(validatePort(port, p, requireName: ports.count > 1, names: &names, into: &list))
        }
        MetadataValidation.validateLabels(in: spec, "selector", parent: "spec", reportAt: "spec.selector", into: &list)
        validateAffinity(spec, into: &list)
        if type != "ExternalName" {
            validateClusterIPs(clusterIP, clusterIPs, ipFamilies, policy, headless: headless, into: &list)
        }
        for (i, ip) in (list.stringArray(spec, "externalIPs", "spec") ?? []).enumerated() {
            let p = FieldPath.index("spec.externalIPs", i)
            if ParsedIP(ip) == nil {
                list.add(FieldError.invalid(p, string: ip, IPValidation.invalidIP))
            } else {
                IPValidation.validateNonSpecialIP(ip, p, into: &list)
            }
        }
        if type.isEmpty {
            list.add(FieldError.required("spec.type"))
        } else if !types.contains(type) {
            list.add(FieldError.notSupported("spec.type", string: type, types))
        }
        var nodePorts: Set<String> = []
        var portKeys: Set<String> = []
        for (i, p) in parsedPorts.enumerated() {
            let path = FieldPath.index("spec.ports", i)
            if type == "ClusterIP" && p.nodePort != 0 {
                list.add(FieldError.forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'"))
            }
            if p.nodePort != 0 {
                if !nodePorts.insert("\(p.proto)/\(p.nodePort)").inserted {
                    list.add(FieldError.duplicate(path + ".nodePort", .int(p.nodePort)))
                }
            }
            if !portKeys.insert("\(p.proto)/\(p.port)").inserted {
                let key =
                    "{\"Name\":\"\",\"Protocol\":\(FieldError.goQuote(p.proto)),\"AppProtocol\":null,\"Port\":\(p.port),\"TargetPort\":0,\"NodePort\":0}"
                list.add(StatusCause(reason: "FieldValueDuplicate", message: "Duplicate value: " + key, field: path))
            }
        }
        let ranges = list.stringArray(spec, "loadBalancerSourceRanges", "spec") ?? []
        if !ranges.isEmpty {
            if type != "LoadBalancer" {
                list.add(
                    FieldError.forbidden(
                        "spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"))
            }
            for (i, r) in ranges.enumerated() {
                IPValidation.validateLegacyCIDR(
                    r.trimmingWhitespace, FieldPath.index("spec.LoadBalancerSourceRanges", i), into: &list)
            }
        }
        let allocate = list.bool(spec, "allocateLoadBalancerNodePorts", "spec")
        if allocate != nil && type != "LoadBalancer" {
            list.add(
                FieldError.forbidden(
                    "spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"))
        }
        if type == "LoadBalancer" && allocate == nil { list.add(FieldError.required("allocateLoadBalancerNodePorts")) }
        if let lbClass = list.string(spec, "loadBalancerClass", "spec") {
            if type == "LoadBalancer" {
                list.invalid("spec.loadBalancerClass", string: lbClass, NameValidation.isQualifiedName(lbClass))
            } else {
                list.add(
                    FieldError.forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"))
            }
        }
        validateTrafficPolicies(spec, type: type, into: &list)
        if let old { validateUpdate(spec, oldSpec: old["spec"]?.objectValue ?? JSONObject(), into: &list) }
    }

    /// One entry of `spec.ports`; returns what the duplicate checks need.
    static func validatePort(
        _ port: JSONObject, _ p: String, requireName: Bool, names: inout Set<String>, into list: inout CauseList
    ) -> (proto: String, port: Int64, nodePort: Int64) {
        let name = list.string(port, "name", p) ?? ""
        if requireName && name.isEmpty {
            list.add(FieldError.required(p + ".name"))
        } else if !name.isEmpty {
            list.invalid(p + ".name", string: name, NameValidation.isDNS1123Label(name))
            if !names.insert(name).inserted { list.add(FieldError.duplicate(p + ".name", string: name)) }
        }
        let number = list.int(port, "port", p) ?? 0
        if number < 1 || number > 65535 {
            list.add(FieldError.invalid(p + ".port", int: number, NameValidation.inclusiveRangeError(1, 65535)))
        }
        let proto = list.string(port, "protocol", p) ?? ""
        if proto.isEmpty {
            list.add(FieldError.required(p + ".protocol"))
        } else if !ContainerValidation.protocols.contains(proto) {
            list.add(FieldError.notSupported(p + ".protocol", string: proto, ContainerValidation.protocols))
        }
        PodSpecValidation.validatePortNumOrName(
            list.intOrString(port, "targetPort", p) ?? .int(0), p + ".targetPort", into: &list)
        if let app = list.string(port, "appProtocol", p) {
            list.invalid(p + ".appProtocol", string: app, NameValidation.isQualifiedName(app))
        }
        return (proto, number, list.int(port, "nodePort", p) ?? 0)
    }

    static func validateAffinity(_ spec: JSONObject, into list: inout CauseList) {
        let affinity = list.string(spec, "sessionAffinity", "spec") ?? ""
        let config = list.object(spec, "sessionAffinityConfig", "spec")
        if affinity.isEmpty {
            list.add(FieldError.required("spec.sessionAffinity"))
        } else if !affinities.contains(affinity) {
            list.add(FieldError.notSupported("spec.sessionAffinity", string: affinity, affinities))
        }
        if affinity == "ClientIP" {
            let detail = "when session affinity type is ClientIP"
            guard let config else {
                list.add(FieldError.required("spec.sessionAffinityConfig", detail))
                return
            }
            guard let clientIP = list.object(config, "clientIP", "spec.sessionAffinityConfig") else {
                list.add(FieldError.required("spec.sessionAffinityConfig.clientIP", detail))
                return
            }
            let p = "spec.sessionAffinityConfig.clientIP"
            guard let timeout = list.int(clientIP, "timeoutSeconds", p) else {
                list.add(FieldError.required(p + ".timeoutSeconds", detail))
                return
            }
            if timeout <= 0 || timeout > 86400 {
                list.add(
                    FieldError.invalid(
                        p + ".timeoutSeconds", int: timeout, "must be greater than 0 and less than 86400"))
            }
        } else if affinity == "None" && config != nil {
            list.add(
                FieldError.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"))
        }
    }

    static func validateClusterIPs(
        _ clusterIP: String, _ ips: [String], _ fams: [String], _ policy: String?, headless: Bool,
        into list: inout CauseList
    ) {
        let rendered = JSONValue.array(ips.map { .string($0) })
        if !clusterIP.isEmpty {
            if ips.isEmpty {
                list.add(FieldError.required("spec.clusterIPs"))
            } else if ips[0] != clusterIP {
                list.add(FieldError.invalid("spec.clusterIPs", rendered, "first value must match `clusterIP`"))
            }
        } else if !ips.isEmpty {
            list.add(FieldError.invalid("spec.clusterIPs", rendered, "must be empty when `clusterIP` is not specified"))
        }
        var seen: Set<String> = []
        for (i, f) in fams.enumerated() {
            if !families.contains(f) {
                list.add(FieldError.notSupported(FieldPath.index("spec.ipFamilies", i), string: f, families))
            }
            if !seen.insert(f).inserted {
                list.add(FieldError.duplicate(FieldPath.index("spec.ipFamilies", i), string: f))
            }
        }
        if let policy, !familyPolicies.contains(policy) {
            list.add(FieldError.notSupported("spec.ipFamilyPolicy", string: policy, familyPolicies))
        }
        var invalid = false
        var parsed: [ParsedIP] = []
        for (i, ip) in ips.enumerated() {
            if i == 0 && ip == "None" {
                if ips.count > 1 {
                    invalid = true
                    list.add(FieldError.invalid("spec.clusterIPs", rendered, "'None' must be the first and only value"))
                }
                continue
            }
            if let p = ParsedIP(ip) {
                parsed.append(p)
            } else {
                invalid = true
                list.add(FieldError.invalid(FieldPath.index("spec.clusterIPs", i), string: ip, IPValidation.invalidIP))
            }
        }
        if ips.count > 2 { list.add(FieldError.invalid("spec.clusterIPs", rendered, "may only hold up to 2 values")) }
        if invalid { return }
        if parsed.count == 2 && parsed[0].isV4 == parsed[1].isV4 {
            list.add(
                FieldError.invalid("spec.clusterIPs", rendered, "may specify no more than one IP for each IP family"))
        }
        if !headless {
            for (i, ip) in parsed.enumerated() where i < fams.count {
                if fams[i] == "IPv4" && !ip.isV4 {
                    list.add(
                        FieldError.invalid(
                            FieldPath.index("spec.clusterIPs", i), string: ips[i],
                            "expected an IPv4 value as indicated by `ipFamilies[\(i)]`"))
                }
                if fams[i] == "IPv6" && ip.isV4 {
                    list.add(
                        FieldError.invalid(
                            FieldPath.index("spec.clusterIPs", i), string: ips[i],
                            "expected an IPv6 value as indicated by `ipFamilies[\(i)]`"))
                }
            }
        }
    }
}
