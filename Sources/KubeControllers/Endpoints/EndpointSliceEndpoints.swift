import KubeAPI

/// The endpoints and ports a Service wants in its EndpointSlices, grouped by port set, as
/// Kubernetes' EndpointSlice reconciler derives them from pods.
struct DesiredSliceGroup: Equatable {
    /// The ports every endpoint of the group serves (sorted).
    var ports: [JSONValue]
    /// Endpoints by identity (pod uid, or address), in a stable order.
    var endpoints: [(key: String, value: JSONValue)]

    static func == (a: DesiredSliceGroup, b: DesiredSliceGroup) -> Bool {
        a.ports == b.ports && a.endpoints.map(\.key) == b.endpoints.map(\.key) && a.endpoints.map(\.value) == b.endpoints.map(\.value)
    }
}

extension EndpointPods {
    /// The identity of an endpoint within a Service's slices.
    static func sliceKey(_ endpoint: JSONValue) -> String {
        let address = endpoint["addresses"]?[0]?.stringValue ?? ""
        return "\(endpoint["targetRef"]?["uid"]?.stringValue ?? "")|\(address)"
    }

    /// The key of a set of ports, equal for equal sets.
    static func portsKey(_ ports: [JSONValue]) -> String {
        ports.map { "\($0["name"]?.stringValue ?? "")/\($0["port"]?.intValue ?? 0)/\($0["protocol"]?.stringValue ?? "")" }
            .sorted().joined(separator: ";")
    }

    /// The EndpointSlice endpoints of `service` over `pods`, grouped by port-set key. Terminating
    /// pods are included with `terminating: true`; `zone` gives a node's zone label if known.
    static func sliceGroups(service: JSONValue, pods: [JSONValue], zone: (String) -> String? = { _ in nil }) -> [String: DesiredSliceGroup] {
        let publishNotReady = service["spec"]?["publishNotReadyAddresses"]?.boolValue == true
        let servicePorts = service["spec"]?["ports"]?.arrayValue ?? []
        let headless = service["spec"]?["clusterIP"]?.stringValue == "None"
        var groups: [String: DesiredSliceGroup] = [:]
        for pod in pods.sorted(by: { $0.name < $1.name }) {
            guard EndpointPods.shouldBeInEndpoints(pod, includeTerminating: true), let ip = EndpointPods.ip(of: pod, service: service)
            else { continue }
            var ports: [JSONValue] = []
            for servicePort in servicePorts {
                guard let number = EndpointPods.targetPort(of: servicePort, in: pod) else { continue }
                var p = EndpointPods.port(servicePort, number: number)
                if p["name"] == nil { p["name"] = "" }
                ports.append(p)
            }
            guard !ports.isEmpty || (servicePorts.isEmpty && headless) else { continue }
            ports.sort { portsKey([$0]) < portsKey([$1]) }
            let serving = EndpointPods.isReady(pod)
            let terminating = pod.deletionTimestamp != nil
            var endpoint: JSONValue = [
                "addresses": [.string(ip)],
                "conditions": [
                    "ready": .bool(publishNotReady || (serving && !terminating)), "serving": .bool(serving),
                    "terminating": .bool(terminating),
                ],
            ]
            if let hostname = EndpointPods.hostname(of: pod, service: service) { endpoint["hostname"] = .string(hostname) }
            endpoint["targetRef"] = EndpointPods.targetRef(pod)
            if let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty {
                endpoint["nodeName"] = .string(node)
                if let z = zone(node) { endpoint["zone"] = .string(z) }
            }
            let key = EndpointPods.portsKey(ports)
            groups[key, default: DesiredSliceGroup(ports: ports, endpoints: [])].endpoints.append((key: EndpointPods.sliceKey(endpoint), value: endpoint))
        }
        return groups
    }
}
