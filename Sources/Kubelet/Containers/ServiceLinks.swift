import KubeAPI

/// The Docker-link style variables Kubernetes gives every container for Services
/// (`{NAME}_SERVICE_HOST`, `{NAME}_SERVICE_PORT`, `{NAME}_PORT_443_TCP_ADDR`, ...): for the
/// `kubernetes` Service of the `default` namespace always, and for the Services of the pod's
/// own namespace unless the pod sets `enableServiceLinks: false`. Services without a cluster
/// IP (headless) or without ports give none.
enum ServiceLinks {
    /// The variables for a pod in `namespace`, sorted by name.
    static func variables(services: [JSONValue], namespace: String, enableServiceLinks: Bool) -> [(name: String, value: String)] {
        var chosen: [String: JSONValue] = [:]
        for service in services {
            let ip = service["spec"]?["clusterIP"]?.stringValue ?? ""
            guard !ip.isEmpty, ip != "None", !service.name.isEmpty else { continue }
            if service.namespace == "default", service.name == "kubernetes" {
                if chosen[service.name] == nil { chosen[service.name] = service }
            } else if service.namespace == namespace, enableServiceLinks {
                chosen[service.name] = service
            }
        }
        var out: [(name: String, value: String)] = []
        for service in chosen.values { out += variables(of: service) }
        return out.sorted { $0.name < $1.name }
    }

    /// One Service's variables.
    static func variables(of service: JSONValue) -> [(name: String, value: String)] {
        let ip = service["spec"]?["clusterIP"]?.stringValue ?? ""
        let ports = service["spec"]?["ports"]?.arrayValue ?? []
        guard let first = ports.first?["port"]?.intValue else { return [] }
        let prefix = envName(service.name)
        var out: [(name: String, value: String)] = [("\(prefix)_SERVICE_HOST", ip), ("\(prefix)_SERVICE_PORT", String(first))]
        for port in ports {
            if let name = port["name"]?.stringValue, !name.isEmpty, let number = port["port"]?.intValue {
                out.append(("\(prefix)_SERVICE_PORT_\(envName(name))", String(number)))
            }
        }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        for (index, port) in ports.enumerated() {
            guard let number = port["port"]?.intValue else { continue }
            let proto = port["protocol"]?.stringValue ?? "TCP"
            let url = "\(proto.lowercased())://\(host):\(number)"
            if index == 0 { out.append(("\(prefix)_PORT", url)) }
            let portPrefix = "\(prefix)_PORT_\(number)_\(proto.uppercased())"
            out += [(portPrefix, url), ("\(portPrefix)_PROTO", proto.lowercased()), ("\(portPrefix)_PORT", String(number)), ("\(portPrefix)_ADDR", ip)]
        }
        return out
    }

    /// `my-svc` → `MY_SVC`.
    static func envName(_ name: String) -> String {
        name.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}
