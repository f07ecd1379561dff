import KubeAPI

/// How a pod appears behind a Service, as Kubernetes' endpoints and EndpointSlice controllers
/// see it (`podutil.IsPodReady`, `endpointsliceutil.ShouldPodBeInEndpoints`, `podutil.FindPort`).
enum EndpointPods {
    /// Whether the pod's `Ready` condition is `True`.
    static func isReady(_ pod: JSONValue) -> Bool {
        (pod["status"]?["conditions"]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }

    /// Whether the pod belongs in a Service's endpoints at all: not terminal (Succeeded or
    /// Failed), has an IP, and is not terminating unless `includeTerminating`.
    static func shouldBeInEndpoints(_ pod: JSONValue, includeTerminating: Bool) -> Bool {
        let phase = pod["status"]?["phase"]?.stringValue
        if phase == "Succeeded" || phase == "Failed" { return false }
        if (pod["status"]?["podIP"]?.stringValue ?? "").isEmpty, (pod["status"]?["podIPs"]?.arrayValue ?? []).isEmpty {
            return false
        }
        return includeTerminating || pod.deletionTimestamp == nil
    }

    /// The pod's address of the Service's IP family (`IPv6` when the Service's first family says
    /// so, IPv4 otherwise), or nil when it has none of that family.
    static func ip(of pod: JSONValue, service: JSONValue) -> String? {
        let wantsV6 = service["spec"]?["ipFamilies"]?[0]?.stringValue == "IPv6"
        var candidates = (pod["status"]?["podIPs"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
        if let primary = pod["status"]?["podIP"]?.stringValue { candidates.insert(primary, at: 0) }
        return candidates.first { !$0.isEmpty && $0.contains(":") == wantsV6 }
    }

    /// The pod port a Service port targets: a numeric `targetPort` as is (the Service port when
    /// absent), a named one looked up in the pod's containers (and restartable init containers)
    /// by name and protocol; nil when the pod has no such named port.
    static func targetPort(of servicePort: JSONValue, in pod: JSONValue) -> Int64? {
        let protocolName = servicePort["protocol"]?.stringValue ?? "TCP"
        switch servicePort["targetPort"] {
        case .string(let name)?:
            let sidecars = (pod["spec"]?["initContainers"]?.arrayValue ?? []).filter {
                $0["restartPolicy"]?.stringValue == "Always"
            }
            for container in (pod["spec"]?["containers"]?.arrayValue ?? []) + sidecars {
                for port in container["ports"]?.arrayValue ?? []
                where port["name"]?.stringValue == name && (port["protocol"]?.stringValue ?? "TCP") == protocolName {
                    return port["containerPort"]?.intValue
                }
            }
            return nil
        case .number?: return servicePort["targetPort"]?.intValue
        default: return servicePort["port"]?.intValue
        }
    }

    /// Kubernetes' `ShouldSetHostname`: the pod names this Service as its subdomain.
    static func hostname(of pod: JSONValue, service: JSONValue) -> String? {
        guard let hostname = pod["spec"]?["hostname"]?.stringValue, !hostname.isEmpty,
            pod["spec"]?["subdomain"]?.stringValue == service.name, pod.namespace == service.namespace
        else { return nil }
        return hostname
    }

    /// The `targetRef` naming the pod.
    static func targetRef(_ pod: JSONValue) -> JSONValue {
        ["kind": "Pod", "namespace": .string(pod.namespace), "name": .string(pod.name), "uid": .string(pod.uid)]
    }

    /// An endpoint port (`name`, `port`, `protocol`, `appProtocol`) for `servicePort` at `number`.
    static func port(_ servicePort: JSONValue, number: Int64) -> JSONValue {
        var port: JSONValue = [:]
        if let name = servicePort["name"]?.stringValue, !name.isEmpty { port["name"] = .string(name) }
        port["port"] = .int(number)
        port["protocol"] = .string(servicePort["protocol"]?.stringValue ?? "TCP")
        if let app = servicePort["appProtocol"]?.stringValue { port["appProtocol"] = .string(app) }
        return port
    }

    /// The Service's selector as a label map; nil when it has none (or an empty one), which
    /// leaves its endpoints to whoever manages them.
    static func selector(of service: JSONValue) -> [String: String]? {
        let selector = service.stringMap(at: ["spec", "selector"])
        return selector.isEmpty ? nil : selector
    }

    /// Whether `labels` carry every key/value of `selector`.
    static func matches(_ selector: [String: String], _ labels: [String: String]) -> Bool {
        selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// The fields of a pod that endpoints depend on, to skip pod updates that change nothing here.
    static func fingerprint(_ pod: JSONValue) -> [JSONValue?] {
        [
            pod["metadata"]?["labels"], pod["metadata"]?["deletionTimestamp"], pod["status"]?["podIP"],
            pod["status"]?["podIPs"], pod["status"]?["phase"], .bool(isReady(pod)), pod["spec"]?["nodeName"],
            pod["spec"]?["hostname"], pod["spec"]?["subdomain"],
        ]
    }
}
