import KubeAPI

extension DiscoveryDocuments {
    /// A legacy `APIResourceList` for one group version, subresources included.
    static func resourceList(groupVersion: String, resources: [ResourceInfo]) -> JSONValue {
        var items: [JSONValue] = []
        for r in resources {
            var item: JSONValue = [
                "name": .string(r.resource), "singularName": .string(r.singular), "namespaced": .bool(r.namespaced),
                "kind": .string(r.kind), "verbs": .array(r.verbs.map { .string($0) }),
            ]
            if !r.shortNames.isEmpty { item["shortNames"] = .array(r.shortNames.map { .string($0) }) }
            if !r.categories.isEmpty { item["categories"] = .array(r.categories.map { .string($0) }) }
            items.append(item)
            for sub in r.subresources {
                var s: JSONValue = [
                    "name": .string("\(r.resource)/\(sub.name)"), "singularName": "", "namespaced": .bool(r.namespaced),
                    "kind": .string(sub.kind.isEmpty ? r.kind : sub.kind), "verbs": .array(sub.verbs.map { .string($0) }),
                ]
                if !sub.group.isEmpty {
                    s["group"] = .string(sub.group)
                    s["version"] = .string(sub.version)
                }
                items.append(s)
            }
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(items)]
    }

    /// An aggregated `APIGroupDiscoveryList` (apidiscovery.k8s.io/v2) of these resources.
    static func aggregated(_ resources: [ResourceInfo]) -> JSONValue {
        var items: [JSONValue] = []
        for gv in ResourceCatalog.groupVersions {
            let inGV = resources.filter { $0.group == gv.group && $0.version == gv.version }
            if inGV.isEmpty { continue }
            var resourceEntries: [JSONValue] = []
            for r in inGV {
                var e: JSONValue = [
                    "resource": .string(r.resource),
                    "responseKind": ["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)],
                    "scope": r.namespaced ? "Namespaced" : "Cluster", "singularResource": .string(r.singular),
                    "verbs": .array(r.verbs.map { .string($0) }),
                ]
                if !r.shortNames.isEmpty { e["shortNames"] = .array(r.shortNames.map { .string($0) }) }
                if !r.categories.isEmpty { e["categories"] = .array(r.categories.map { .string($0) }) }
                if !r.subresources.isEmpty {
                    e["subresources"] = .array(
                        r.subresources.map { sub in
                            [
                                "subresource": .string(sub.name),
                                "responseKind": [
                                    "group": .string(sub.kind.isEmpty ? r.group : sub.group),
                                    "version": .string(sub.kind.isEmpty ? r.version : sub.version),
                                    "kind": .string(sub.kind.isEmpty ? r.kind : sub.kind),
                                ],
                                "verbs": .array(sub.verbs.map { .string($0) }),
                            ]
                        })
                }
                resourceEntries.append(e)
            }
            var meta: JSONValue = ["creationTimestamp": nil]
            if !gv.group.isEmpty { meta["name"] = .string(gv.group) }
            items.append([
                "metadata": meta,
                "versions": [["version": .string(gv.version), "resources": .array(resourceEntries), "freshness": "Current"]],
            ])
        }
        return [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:], "items": .array(items),
        ]
    }
}
