/// Node, Endpoints and EndpointSlice validation.
enum NetworkObjectsValidation {
    static let addressTypes = ["FQDN", "IPv4", "IPv6"]

    static func validateNode(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "")
        if let taints = list.array(spec, "taints", "spec") {
            // Kubernetes reports node taints under `metadata.taints`.
            PodSpecValidation.validateTaints(taints, "metadata.taints", into: &list)
        }
        let status = list.object(obj, "status", "")
        for key in ["capacity", "allocatable"] {
            if let resources = list.object(status, key, "status") {
                ResourceValidation.validateResourceList(resources, "status." + key, into: &list)
            }
        }
        let cidrs = list.stringArray(spec, "podCIDRs", "spec") ?? []
        for (i, cidr) in cidrs.enumerated() {
            IPValidation.validateLegacyCIDR(cidr, FieldPath.index("spec.podCIDRs", i), into: &list)
        }
        if cidrs.count > 1 {
            let families = cidrs.map { $0.contains(":") }
            if cidrs.count > 2 || families[0] == families[1] {
                list.add(
                    FieldError.invalid(
                        "spec.podCIDRs", .array(cidrs.map { .string($0) }),
                        "may specify no more than one CIDR for each IP family"))
            }
            var seen: Set<String> = []
            for (i, c) in cidrs.enumerated() where !seen.insert(c).inserted {
                list.add(FieldError.duplicate(FieldPath.index("spec.podCIDRs", i), string: c))
            }
        }
        _ = list.bool(spec, "unschedulable", "spec")
        _ = list.string(spec, "providerID", "spec")
        guard let old else { return }
        var addresses: [JSONValue] = []
        for (i, a) in (list.array(status, "addresses", "status") ?? []).enumerated() {
            if addresses.contains(a) {
                list.add(FieldError.duplicate(FieldPath.index("status.addresses", i), a))
            } else {
                addresses.append(a)
            }
        }
        let oldSpec = old["spec"]?.objectValue
        let oldCIDRs = (oldSpec?["podCIDRs"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !oldCIDRs.isEmpty && oldCIDRs != cidrs {
            list.add(
                FieldError.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"))
        }
        let oldProvider = oldSpec?["providerID"]?.stringValue ?? ""
        if !oldProvider.isEmpty && oldProvider != (spec?["providerID"]?.stringValue ?? "") {
            list.add(
                FieldError.forbidden(
                    "spec.providerID", "node updates may not change providerID except from \"\" to valid"))
        }
        if (spec?["externalID"]?.stringValue ?? "") != (oldSpec?["externalID"]?.stringValue ?? "") {
            list.add(FieldError.forbidden("spec.externalID", "may not be updated"))
        }
    }

    static func validateEndpoints(_ obj: JSONObject, into list: inout CauseList) {
        for (i, entry) in (list.array(obj, "subsets", "") ?? []).enumerated() {
            let p = FieldPath.index("subsets", i)
            guard let ss = list.element(entry, p) else { continue }
            let addresses = list.array(ss, "addresses", p) ?? []
            let notReady = list.array(ss, "notReadyAddresses", p) ?? []
            if addresses.isEmpty && notReady.isEmpty {
                list.add(FieldError.required(p, "must specify `addresses` or `notReadyAddresses`"))
            }
            for (key, items) in [("addresses", addresses), ("notReadyAddresses", notReady)] {
                for (j, a) in items.enumerated() {
                    let ap = FieldPath.index(p + "." + key, j)
                    guard let address = list.element(a, ap) else { continue }
                    let ip = list.string(address, "ip", ap) ?? ""
                    IPValidation.validateLegacyIP(ip, ap + ".ip", into: &list)
                    if let host = list.string(address, "hostname", ap), !host.isEmpty {
                        list.invalid(ap + ".hostname", string: host, NameValidation.isDNS1123Label(host))
                    }
                    if let node = list.string(address, "nodeName", ap) {
                        list.invalid(ap + ".nodeName", string: node, NameValidation.isDNS1123Subdomain(node))
                    }
                    IPValidation.validateNonSpecialIP(ip, ap + ".ip", into: &list)
                }
            }
            let ports = list.array(ss, "ports", p) ?? []
            for (j, entry) in ports.enumerated() {
                let pp = FieldPath.index(p + ".ports", j)
                guard let port = list.element(entry, pp) else { continue }
                validateEndpointPort(port, pp, requireName: ports.count > 1, checkNumber: true, into: &list)
            }
        }
    }

    /// A port of an Endpoints subset or an EndpointSlice.
    static func validateEndpointPort(
        _ port: JSONObject, _ p: String, requireName: Bool, checkNumber: Bool, into list: inout CauseList
    ) {
        let name = list.string(port, "name", p) ?? ""
        if requireName && name.isEmpty {
            list.add(FieldError.required(p + ".name"))
        } else if !name.isEmpty {
            list.invalid(p + ".name", string: name, NameValidation.isDNS1123Label(name))
        }
        let number = list.int(port, "port", p) ?? 0
        if checkNumber && (number < 1 || number > 65535) {
            list.add(FieldError.invalid(p + ".port", int: number, NameValidation.inclusiveRangeError(1, 65535)))
        }
        let proto = list.string(port, "protocol", p) ?? ""
        if proto.isEmpty {
            list.add(FieldError.required(p + ".protocol"))
        } else if !ContainerValidation.protocols.contains(proto) {
            list.add(FieldError.notSupported(p + ".protocol", string: proto, ContainerValidation.protocols))
        }
        if let app = list.string(port, "appProtocol", p) {
            list.invalid(p + ".appProtocol", string: app, NameValidation.isQualifiedName(app))
        }
    }

    static func validateEndpointSlice(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        let addressType = list.string(obj, "addressType", "") ?? ""
        if addressType.isEmpty {
            list.add(FieldError.required("addressType"))
        } else if !addressTypes.contains(addressType) {
            list.add(FieldError.notSupported("addressType", string: addressType, addressTypes))
        }
        let endpoints = list.array(obj, "endpoints", "") ?? []
        if endpoints.count > 1000 {
            list.add(FieldError.tooMany("endpoints", actual: endpoints.count, max: 1000))
        } else {
            for (i, entry) in endpoints.enumerated() {
                let p = FieldPath.index("endpoints", i)
                guard let e = list.element(entry, p) else { continue }
                let addresses = list.stringArray(e, "addresses", p) ?? []
                if addresses.isEmpty {
                    list.add(FieldError.required(p + ".addresses", "must contain at least 1 address"))
                } else if addresses.count > 100 {
                    list.add(FieldError.tooMany(p + ".addresses", actual: addresses.count, max: 100))
                }
                for (j, a) in addresses.enumerated() {
                    validateSliceAddress(a, addressType, FieldPath.index(p + ".addresses", j), into: &list)
                }
                if let node = list.string(e, "nodeName", p) {
                    list.invalid(p + ".nodeName", string: node, NameValidation.isDNS1123Subdomain(node))
                }
                if let host = list.string(e, "hostname", p) {
                    list.invalid(p + ".hostname", string: host, NameValidation.isDNS1123Label(host))
                }
                _ = list.object(e, "conditions", p)
            }
        }
        let ports = list.array(obj, "ports", "") ?? []
        if ports.count > 20000 {
            list.add(FieldError.tooMany("ports", actual: ports.count, max: 20000))
        } else {
            var names: Set<String> = []
            for (i, entry) in ports.enumerated() {
                let p = FieldPath.index("ports", i)
                guard let port = list.element(entry, p) else { continue }
                let name = port["name"]?.stringValue ?? ""
                validateEndpointPort(port, p, requireName: false, checkNumber: false, into: &list)
                if !names.insert(name).inserted { list.add(FieldError.duplicate(p + ".name", string: name)) }
            }
        }
        if let old, let oldType = old["addressType"]?.stringValue, oldType != addressType {
            list.add(FieldError.invalid("addressType", string: addressType, "field is immutable"))
        }
    }

    static func validateSliceAddress(_ a: String, _ type: String, _ p: String, into list: inout CauseList) {
        switch type {
        case "IPv4", "IPv6":
            let ip = ParsedIP(a)
            if ip == nil || ip?.isV4 != (type == "IPv4") {
                list.add(FieldError.invalid(p, string: a, "must be a valid \(type) address"))
            }
            IPValidation.validateNonSpecialIP(a, p, into: &list)
        case "FQDN":
            validateFQDN(a, p, into: &list)
        default:
            break
        }
    }

    /// A fully qualified domain name with at least two labels; a trailing dot is accepted.
    static func validateFQDN(_ value: String, _ path: String, into list: inout CauseList) {
        var name = value
        if name.isEmpty {
            list.add(FieldError.required(path))
            return
        }
        if name.hasSuffix(".") { name.removeLast() }
        let errs = NameValidation.isDNS1123Subdomain(name)
        if !errs.isEmpty {
            list.add(FieldError.invalid(path, string: name, errs.joined(separator: ",")))
            return
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 {
            list.add(
                FieldError.invalid(
                    path, string: name, "should be a domain with at least two segments separated by dots"))
            return
        }
        for label in labels {
            let e = NameValidation.isDNS1123Label(String(label))
            if !e.isEmpty {
                list.add(FieldError.invalid(path, string: String(label), e.joined(separator: ",")))
                return
            }
        }
    }
}
