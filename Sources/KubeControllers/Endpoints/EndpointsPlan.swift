import KubeAPI

/// The Endpoints object Kubernetes' endpoints controller derives from a Service and the pods it
/// selects: one subset per distinct set of ports, ready pods in `addresses`, the others in
/// `notReadyAddresses`, everything sorted so that equal inputs give equal objects.
enum EndpointsPlan {
    /// The label Kubernetes puts on the Endpoints (and slices) of a headless Service.
    static let headlessLabel = "service.kubernetes.io/headless"

    /// The subsets for `service` over `pods` (already filtered by its selector).
    static func subsets(service: JSONValue, pods: [JSONValue]) -> [JSONValue] {
        let publishNotReady = service["spec"]?["publishNotReadyAddresses"]?.boolValue == true
        let servicePorts = service["spec"]?["ports"]?.arrayValue ?? []
        let headless = service["spec"]?["clusterIP"]?.stringValue == "None"
        // Port set (serialized, sorted) -> (ports, ready addresses, not-ready addresses).
        var groups: [String: (ports: [JSONValue], ready: [JSONValue], notReady: [JSONValue])] = [:]
        for pod in pods {
            guard EndpointPods.shouldBeInEndpoints(pod, includeTerminating: publishNotReady),
                let ip = EndpointPods.ip(of: pod, service: service)
            else { continue }
            var address: JSONValue = ["ip": .string(ip)]
            if let hostname = EndpointPods.hostname(of: pod, service: service) { address["hostname"] = .string(hostname) }
            if let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty { address["nodeName"] = .string(node) }
            address["targetRef"] = EndpointPods.targetRef(pod)
            var ports: [JSONValue] = []
            for servicePort in servicePorts {
                if let number = EndpointPods.targetPort(of: servicePort, in: pod) {
                    ports.append(EndpointPods.port(servicePort, number: number))
                }
            }
            // A pod with none of the ports is left out, except behind a port-less headless Service.
            guard !ports.isEmpty || (servicePorts.isEmpty && headless) else { continue }
            ports.sort { sortKey($0) < sortKey($1) }
            let key = ports.map(sortKey).joined(separator: ";")
            var group = groups[key] ?? (ports: ports, ready: [], notReady: [])
            if publishNotReady || EndpointPods.isReady(pod) { group.ready.append(address) } else { group.notReady.append(address) }
            groups[key] = group
        }
        return groups.sorted { $0.key < $1.key }.map { _, group in
            var subset: JSONValue = [:]
            if !group.ready.isEmpty { subset["addresses"] = .array(group.ready.sorted(by: addressOrder)) }
            if !group.notReady.isEmpty { subset["notReadyAddresses"] = .array(group.notReady.sorted(by: addressOrder)) }
            if !group.ports.isEmpty { subset["ports"] = .array(group.ports) }
            return subset
        }
    }

    /// The labels of the Endpoints: the Service's, plus the headless label when it is headless.
    static func labels(service: JSONValue) -> JSONValue? {
        var labels = service["metadata"]?["labels"]?.objectValue ?? JSONObject()
        labels[headlessLabel] = service["spec"]?["clusterIP"]?.stringValue == "None" ? JSONValue.string("") : Optional.none
        return labels.isEmpty ? nil : .object(labels)
    }

    /// The Endpoints to write for `service`, starting from `existing` (kept for its metadata);
    /// nil when `existing` already says the same.
    static func desired(service: JSONValue, pods: [JSONValue], existing: JSONValue?) -> JSONValue? {
        var subsets = subsets(service: service, pods: pods)
        let truncated = truncate(&subsets)
        let labels = labels(service: service)
        let overCapacity = existing?.annotations[overCapacityAnnotation] != nil
        if let existing, (existing["subsets"]?.arrayValue ?? []) == subsets, existing["metadata"]?["labels"] == labels,
            overCapacity == truncated
        {
            return nil
        }
        var endpoints: JSONValue =
            existing ?? [
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": ["name": .string(service.name), "namespace": .string(service.namespace)],
            ]
        endpoints.setMetadata("labels", labels)
        var annotations = endpoints["metadata"]?["annotations"]?.objectValue ?? JSONObject()
        annotations[overCapacityAnnotation] = truncated ? JSONValue.string("truncated") : Optional.none
        endpoints.setMetadata("annotations", annotations.isEmpty ? Optional.none : JSONValue.object(annotations))
        endpoints["subsets"] = subsets.isEmpty ? nil : .array(subsets)
        return endpoints
    }

    /// The most addresses one Endpoints holds.
    static let maxCapacity = 1000
    /// The annotation marking an Endpoints cut down to `maxCapacity`.
    static let overCapacityAnnotation = "endpoints.kubernetes.io/over-capacity"

    /// Cuts `subsets` to `maxCapacity` addresses as Kubernetes' `truncateEndpoints` does: not-ready
    /// addresses go first; each subset keeps its share, rounded up. Returns whether it cut.
    static func truncate(_ subsets: inout [JSONValue]) -> Bool {
        func count(_ field: String) -> Int { subsets.reduce(0) { $0 + ($1[field]?.arrayValue?.count ?? 0) } }
        let (ready, notReady) = (count("addresses"), count("notReadyAddresses"))
        guard ready + notReady > maxCapacity else { return false }
        let cutReady = ready > maxCapacity
        let allowed = cutReady ? maxCapacity : maxCapacity - ready
        let total = cutReady ? ready : notReady
        var left = allowed
        for i in subsets.indices {
            let field = cutReady ? "addresses" : "notReadyAddresses"
            let list = subsets[i][field]?.arrayValue ?? []
            let share = min(left, Int((Double(list.count) / Double(max(1, total)) * Double(allowed)).rounded(.up)))
            left -= share
            if cutReady { subsets[i]["notReadyAddresses"] = nil }
            subsets[i][field] = share == 0 ? Optional.none : JSONValue.array(Array(list.prefix(share)))
        }
        return true
    }

    static func sortKey(_ port: JSONValue) -> String {
        "\(port["name"]?.stringValue ?? "")/\(port["port"]?.intValue ?? 0)/\(port["protocol"]?.stringValue ?? "")"
    }

    static func addressOrder(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let (ipA, ipB) = (a["ip"]?.stringValue ?? "", b["ip"]?.stringValue ?? "")
        if ipA != ipB { return ipA < ipB }
        return (a["targetRef"]?["uid"]?.stringValue ?? "") < (b["targetRef"]?["uid"]?.stringValue ?? "")
    }
}
