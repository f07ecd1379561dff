import KubeAPI

/// The writes that bring a Service's EndpointSlices to the desired endpoints, as Kubernetes'
/// EndpointSlice reconciler plans them: endpoints stay in the slice that holds them, stale ones
/// are removed, new ones fill slices already being updated, then slices with room, then new
/// slices of at most `maxPerSlice`; a slice that would be deleted is reused for a new one; a
/// Service with no endpoints keeps one empty placeholder slice.
struct EndpointSlicePlan: Equatable {
    /// Slices to create (with `generateName`).
    var creates: [JSONValue] = []
    /// Existing slices with new content (metadata kept, so updates carry their resourceVersion).
    var updates: [JSONValue] = []
    /// Names of slices to delete.
    var deletes: [String] = []

    static let serviceNameLabel = "kubernetes.io/service-name"
    static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    static let managerName = "endpointslice-controller.k8s.io"

    /// The labels of every slice of `service`.
    static func labels(service: JSONValue) -> JSONValue {
        var labels = service["metadata"]?["labels"]?.objectValue ?? JSONObject()
        labels[serviceNameLabel] = .string(service.name)
        labels[managedByLabel] = .string(managerName)
        labels[EndpointsPlan.headlessLabel] = service["spec"]?["clusterIP"]?.stringValue == "None" ? JSONValue.string("") : Optional.none
        return .object(labels)
    }

    /// A new slice of `service` (no endpoints or ports yet).
    static func newSlice(service: JSONValue) -> JSONValue {
        [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": [
                "generateName": .string("\(service.name)-"), "namespace": .string(service.namespace),
                "labels": labels(service: service),
                "ownerReferences": [ControllerRef.make(for: service, apiVersion: "v1", kind: "Service")],
            ],
            "addressType": "IPv4", "endpoints": [],
        ]
    }

    /// The plan for `service` with `groups` (from `EndpointPods.sliceGroups`) over its `existing` slices.
    static func plan(service: JSONValue, groups: [String: DesiredSliceGroup], existing: [JSONValue], maxPerSlice: Int) -> EndpointSlicePlan {
        let maxPerSlice = max(1, maxPerSlice)
        let labels = labels(service: service)
        let owner = ControllerRef.make(for: service, apiVersion: "v1", kind: "Service")
        var plan = EndpointSlicePlan()
        var spare: [JSONValue] = []  // slices no group keeps, reusable for new ones
        let existing = existing.sorted { $0.name < $1.name }
        var byGroup: [String: [JSONValue]] = [:]
        for slice in existing {
            let key = EndpointPods.portsKey(slice["ports"]?.arrayValue ?? [])
            if groups[key] != nil, slice["addressType"]?.stringValue == "IPv4" { byGroup[key, default: []].append(slice) } else { spare.append(slice) }
        }
        var fresh: [[JSONValue]] = []  // (ports, endpoints) of slices to create, as [ports, endpoints]
        for (key, group) in groups.sorted(by: { $0.key < $1.key }) {
            let desired = Dictionary(group.endpoints.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            var placed = Set<String>()
            var kept: [(slice: JSONValue, endpoints: [JSONValue], changed: Bool)] = []
            for slice in byGroup[key] ?? [] {
                let old = slice["endpoints"]?.arrayValue ?? []
                var now: [JSONValue] = []
                for e in old {
                    let k = EndpointPods.sliceKey(e)
                    guard let d = desired[k], !placed.contains(k) else { continue }
                    placed.insert(k)
                    now.append(d)
                }
                if now.isEmpty { spare.append(slice) } else { kept.append((slice, now, now != old)) }
            }
            var remaining = group.endpoints.filter { !placed.contains($0.key) }.map(\.value)[...]
            // Fill slices being updated anyway, then the others with room.
            for pass in [true, false] {
                for i in kept.indices where kept[i].changed == pass && !remaining.isEmpty {
                    let room = maxPerSlice - kept[i].endpoints.count
                    guard room > 0 else { continue }
                    kept[i].endpoints += remaining.prefix(room)
                    remaining = remaining.dropFirst(room)
                    kept[i].changed = true
                }
            }
            for entry in kept where entry.changed || entry.slice["metadata"]?["labels"] != labels
                || entry.slice["metadata"]?["ownerReferences"] != [owner] {
                plan.updates.append(fill(entry.slice, labels: labels, owner: owner, ports: group.ports, endpoints: entry.endpoints))
            }
            while !remaining.isEmpty {
                fresh.append([.array(group.ports), .array(Array(remaining.prefix(maxPerSlice)))])
                remaining = remaining.dropFirst(maxPerSlice)
            }
        }
        if groups.isEmpty {
            // The placeholder: an existing empty slice without ports stays as it is.
            if let i = spare.firstIndex(where: { ($0["endpoints"]?.arrayValue ?? []).isEmpty && $0["ports"] == nil
                && $0["metadata"]?["labels"] == labels && $0["metadata"]?["ownerReferences"] == [owner]
                && $0["addressType"]?.stringValue == "IPv4" }) {
                spare.remove(at: i)
            } else {
                fresh.append([.null, []])
            }
        }
        for item in fresh {
            let ports = item[0].arrayValue, endpoints = item[1].arrayValue ?? []
            if !spare.isEmpty {
                plan.updates.append(fill(spare.removeFirst(), labels: labels, owner: owner, ports: ports, endpoints: endpoints))
            } else {
                plan.creates.append(fill(newSlice(service: service), labels: labels, owner: owner, ports: ports, endpoints: endpoints))
            }
        }
        plan.deletes = spare.map(\.name)
        return plan
    }

    static func fill(_ slice: JSONValue, labels: JSONValue, owner: JSONValue, ports: [JSONValue]?, endpoints: [JSONValue]) -> JSONValue {
        var slice = slice
        slice.setMetadata("labels", labels)
        slice.setMetadata("ownerReferences", [owner])
        slice["addressType"] = "IPv4"
        slice["endpoints"] = .array(endpoints)
        slice["ports"] = ports.map { .array($0) }
        return slice
    }
}
