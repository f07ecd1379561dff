/// networking.k8s.io/v1 validation: Ingress, IngressClass and NetworkPolicy, with Kubernetes'
/// field paths and messages.
enum NetworkingValidation {
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]
    static let protocols = ["SCTP", "TCP", "UDP"]
    static let policyTypes = ["Egress", "Ingress"]

    // MARK: Ingress

    static func validateIngress(_ obj: JSONObject, into list: inout CauseList) {
        guard let spec = list.object(obj, "spec", "") else { return }
        let rules = list.array(spec, "rules", "spec") ?? []
        let defaultBackend = list.object(spec, "defaultBackend", "spec")
        if rules.isEmpty && defaultBackend == nil {
            list.add(FieldError.invalid("spec", .array([]), "either `defaultBackend` or `rules` must be specified"))
        }
        if let defaultBackend { validateBackend(defaultBackend, "spec.defaultBackend", into: &list) }
        if let className = list.string(spec, "ingressClassName", "spec") {
            list.invalid("spec.ingressClassName", string: className, NameValidation.isDNS1123Subdomain(className))
        }
        for (i, entry) in (list.array(spec, "tls", "spec") ?? []).enumerated() {
            let p = FieldPath.index("spec.tls", i)
            guard let tls = list.element(entry, p) else { continue }
            for (j, host) in (list.stringArray(tls, "hosts", p) ?? []).enumerated() {
                validateHost(host, FieldPath.index(p + ".hosts", j), into: &list)
            }
            if let secret = list.string(tls, "secretName", p), !secret.isEmpty {
                list.invalid(p + ".secretName", string: secret, NameValidation.isDNS1123Subdomain(secret))
            }
        }
        for (i, entry) in rules.enumerated() {
            let p = FieldPath.index("spec.rules", i)
            guard let rule = list.element(entry, p) else { continue }
            if let host = list.string(rule, "host", p), !host.isEmpty { validateHost(host, p + ".host", into: &list) }
            guard let http = list.object(rule, "http", p) else { continue }
            let paths = list.array(http, "paths", p + ".http") ?? []
            if paths.isEmpty { list.add(FieldError.required(p + ".http.paths")) }
            for (j, item) in paths.enumerated() {
                let pp = FieldPath.index(p + ".http.paths", j)
                guard let path = list.element(item, pp) else { continue }
                validatePath(path, pp, into: &list)
            }
        }
    }

    /// A host: a DNS subdomain, or `*.` and one; never an IP address.
    static func validateHost(_ host: String, _ path: String, into list: inout CauseList) {
        if ParsedIP(host) != nil {
            list.add(FieldError.invalid(path, string: host, "must be a DNS name, not an IP address"))
        } else if host.hasPrefix("*.") {
            let rest = String(host.dropFirst(2))
            if !NameValidation.isDNS1123Subdomain(rest).isEmpty || host.utf8.count > 253 {
                list.add(FieldError.invalid(path, string: host, wildcardError))
            }
        } else if host.contains("*") {
            list.add(FieldError.invalid(path, string: host, wildcardError))
        } else {
            list.invalid(path, string: host, NameValidation.isDNS1123Subdomain(host))
        }
    }

    static let wildcardError = NameValidation.regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", ["*.example.com"])

    /// One HTTP path: its type, its form for that type, and its backend.
    static func validatePath(_ item: JSONObject, _ p: String, into list: inout CauseList) {
        let path = list.string(item, "path", p) ?? ""
        switch list.string(item, "pathType", p) {
        case nil:
            list.add(FieldError.required(p + ".pathType", "pathType must be specified"))
        case "Exact"?, "Prefix"?:
            if !path.hasPrefix("/") {
                list.add(FieldError.invalid(p + ".path", string: path, "must be an absolute path"))
            } else {
                for part in ["//", "/./", "/../", "%2f", "%2F"] where path.contains(part) {
                    list.add(FieldError.invalid(p + ".path", string: path, "must not contain '\(part)'"))
                }
                for suffix in ["/..", "/."] where path.hasSuffix(suffix) {
                    list.add(FieldError.invalid(p + ".path", string: path, "cannot end with '\(suffix)'"))
                }
            }
        case "ImplementationSpecific"?:
            if !path.isEmpty && !path.hasPrefix("/") {
                list.add(FieldError.invalid(p + ".path", string: path, "must be an absolute path"))
            }
        case let other?:
            list.add(FieldError.notSupported(p + ".pathType", string: other, pathTypes))
        }
        if let backend = list.object(item, "backend", p) {
            validateBackend(backend, p + ".backend", into: &list)
        } else {
            list.add(FieldError.invalid(p + ".backend", string: "", "resource or service backend is required"))
        }
    }

    /// A backend: a Service port (by name or number) or a typed object, exactly one.
    static func validateBackend(_ backend: JSONObject, _ p: String, into list: inout CauseList) {
        let service = list.object(backend, "service", p)
        let resource = list.object(backend, "resource", p)
        switch (service, resource) {
        case (_?, _?):
            list.add(FieldError.invalid(p, string: "", "cannot set both resource and service backends"))
        case (nil, let resource?):
            if (list.string(resource, "kind", p + ".resource") ?? "").isEmpty { list.add(FieldError.required(p + ".resource.kind")) }
            if (list.string(resource, "name", p + ".resource") ?? "").isEmpty { list.add(FieldError.required(p + ".resource.name")) }
        case (let service?, nil):
            let name = list.string(service, "name", p + ".service") ?? ""
            if name.isEmpty {
                list.add(FieldError.required(p + ".service.name"))
            } else {
                list.invalid(p + ".service.name", string: name, NameValidation.isDNS1035Label(name))
            }
            let port = list.object(service, "port", p + ".service")
            let portName = list.string(port, "name", p + ".service.port") ?? ""
            let number = list.int(port, "number", p + ".service.port") ?? 0
            if !portName.isEmpty && number != 0 {
                list.add(FieldError.invalid(p, string: "", "cannot set both port name & port number"))
            } else if !portName.isEmpty {
                list.invalid(p + ".service.port.name", string: portName, NameValidation.isValidPortName(portName))
            } else if number != 0 {
                if !(1...65535).contains(number) {
                    list.add(FieldError.invalid(p + ".service.port.number", int: number, NameValidation.inclusiveRangeError(1, 65535)))
                }
            } else {
                list.add(FieldError.required(p, "port name or number is required"))
            }
        case (nil, nil):
            list.add(FieldError.invalid(p, string: "", "resource or service backend is required"))
        }
    }

    // MARK: IngressClass

    static func validateIngressClass(_ obj: JSONObject, old: JSONObject?, into list: inout CauseList) {
        let spec = list.object(obj, "spec", "")
        let controller = list.string(spec, "controller", "spec") ?? ""
        if controller.isEmpty {
            list.add(FieldError.required("spec.controller"))
        } else if controller.utf8.count > 250 {
            list.add(FieldError.tooLong("spec.controller", max: 250))
        } else if let slash = controller.firstIndex(of: "/") {
            let domain = String(controller[..<slash])
            list.invalid("spec.controller", string: domain, NameValidation.isDNS1123Subdomain(domain))
        } else {
            list.add(FieldError.invalid("spec.controller", string: controller, "must be a domain-prefixed path (such as \"acme.io/foo\")"))
        }
        if let old, let oldController = old["spec"]?["controller"]?.stringValue, oldController != controller {
            list.add(FieldError.invalid("spec.controller", string: controller, "field is immutable"))
        }
        guard let parameters = list.object(spec, "parameters", "spec") else { return }
        let p = "spec.parameters"
        if (list.string(parameters, "kind", p) ?? "").isEmpty { list.add(FieldError.required(p + ".kind")) }
        if (list.string(parameters, "name", p) ?? "").isEmpty { list.add(FieldError.required(p + ".name")) }
        let namespace = list.string(parameters, "namespace", p)
        switch list.string(parameters, "scope", p) {
        case "Namespace"?:
            if (namespace ?? "").isEmpty { list.add(FieldError.required(p + ".namespace", "`parameters.scope` is set to 'Namespace'")) }
        case "Cluster"?, nil:
            if namespace != nil {
                list.add(FieldError.forbidden(p + ".namespace", "`parameters.scope` is set to 'Cluster'"))
            }
        case let other?:
            list.add(FieldError.notSupported(p + ".scope", string: other, ["Cluster", "Namespace"]))
        }
    }

    // MARK: NetworkPolicy

    static func validateNetworkPolicy(_ obj: JSONObject, into list: inout CauseList) {
        guard let spec = list.object(obj, "spec", "") else { return }
        if let selector = list.object(spec, "podSelector", "spec") {
            _ = LabelSelectorValidation.validate(selector, "spec.podSelector", into: &list)
        }
        for (direction, peers) in [("ingress", "from"), ("egress", "to")] {
            for (i, entry) in (list.array(spec, direction, "spec") ?? []).enumerated() {
                let p = FieldPath.index("spec." + direction, i)
                guard let rule = list.element(entry, p) else { continue }
                for (j, port) in (list.array(rule, "ports", p) ?? []).enumerated() {
                    let pp = FieldPath.index(p + ".ports", j)
                    if let port = list.element(port, pp) { validatePolicyPort(port, pp, into: &list) }
                }
                for (j, peer) in (list.array(rule, peers, p) ?? []).enumerated() {
                    let pp = FieldPath.index(p + "." + peers, j)
                    if let peer = list.element(peer, pp) { validatePeer(peer, pp, into: &list) }
                }
            }
        }
        let types = list.stringArray(spec, "policyTypes", "spec") ?? []
        for (i, type) in types.enumerated() {
            let p = FieldPath.index("spec.policyTypes", i)
            if !policyTypes.contains(type) {
                list.add(FieldError.notSupported(p, string: type, ["Ingress", "Egress"]))
            } else if types[..<i].contains(type) {
                list.add(FieldError.duplicate(p, string: type))
            }
        }
        if types.count > 2 {
            list.add(FieldError.invalid("spec.policyTypes", .array(types.map { .string($0) }), "may not specify more than two policyTypes"))
        }
    }

    static func validatePolicyPort(_ port: JSONObject, _ p: String, into list: inout CauseList) {
        if let proto = list.string(port, "protocol", p), !protocols.contains(proto) {
            list.add(FieldError.notSupported(p + ".protocol", string: proto, protocols))
        }
        let endPort = list.int(port, "endPort", p)
        switch list.intOrString(port, "port", p) {
        case .int(let number)?:
            if !(1...65535).contains(number) {
                list.add(FieldError.invalid(p + ".port", int: number, NameValidation.inclusiveRangeError(1, 65535)))
            }
            if let endPort {
                if endPort < number {
                    list.add(FieldError.invalid(p + ".endPort", int: endPort, "must be greater than or equal to `port`"))
                } else if !(1...65535).contains(endPort) {
                    list.add(FieldError.invalid(p + ".endPort", int: endPort, NameValidation.inclusiveRangeError(1, 65535)))
                }
            }
        case .string(let name)?:
            list.invalid(p + ".port", string: name, NameValidation.isValidPortName(name))
            if let endPort { list.add(FieldError.invalid(p + ".endPort", int: endPort, "may not be specified when `port` is non-numeric")) }
        case nil:
            if let endPort { list.add(FieldError.invalid(p + ".endPort", int: endPort, "may not be specified when `port` is not specified")) }
        }
    }

    static func validatePeer(_ peer: JSONObject, _ p: String, into list: inout CauseList) {
        var count = 0
        for key in ["podSelector", "namespaceSelector"] {
            guard let selector = list.object(peer, key, p) else { continue }
            count += 1
            _ = LabelSelectorValidation.validate(selector, p + "." + key, into: &list)
        }
        if let block = list.object(peer, "ipBlock", p) {
            count += 1
            let cidr = list.string(block, "cidr", p + ".ipBlock") ?? ""
            if cidr.isEmpty {
                list.add(FieldError.required(p + ".ipBlock.cidr"))
            } else {
                IPValidation.validateLegacyCIDR(cidr, p + ".ipBlock.cidr", into: &list)
            }
            for (i, except) in (list.stringArray(block, "except", p + ".ipBlock") ?? []).enumerated() {
                IPValidation.validateLegacyCIDR(except, FieldPath.index(p + ".ipBlock.except", i), into: &list)
            }
            if count > 1 { list.add(FieldError.forbidden(p, "may not specify both ipBlock and another peer")) }
        }
        if count == 0 { list.add(FieldError.required(p, "must specify a peer")) }
    }
}
