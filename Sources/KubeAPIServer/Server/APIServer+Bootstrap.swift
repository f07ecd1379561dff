import KubeAPI
import Logging

extension APIServer {
    /// The namespaces every cluster has.
    static let systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// Creates what must exist before clients arrive (the system namespaces and PriorityClasses,
    /// the `kubernetes` Service); existing objects are left as they are.
    func bootstrap(_ configuration: APIServerConfiguration) async throws {
        guard let namespaces = ResourceCatalog.lookup(group: "", version: "v1", resource: "namespaces"),
            let services = ResourceCatalog.lookup(group: "", version: "v1", resource: "services")
        else { return }
        let options = WriteOptions(fieldManager: "skiff-apiserver")
        for name in Self.systemNamespaces {
            let ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            try await createIfMissing(namespaces, namespace: nil, ns, options)
        }
        if let classes = Registry.priorityClasses {
            for pc in PriorityClass.system {
                let object: JSONValue = [
                    "apiVersion": .string(PriorityClass.apiVersion), "kind": .string(PriorityClass.kind),
                    "metadata": ["name": .string(pc.metadata.name ?? "")], "value": .int(pc.value),
                    "description": .string(pc.description ?? ""),
                ]
                try await createIfMissing(classes, namespace: nil, object, options)
            }
        }
        let service: JSONValue = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["component": "apiserver", "provider": "kubernetes"]],
            "spec": [
                "type": "ClusterIP", "clusterIP": .string(registry.allocator.apiServiceIP),
                "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": .int(configuration.advertisePort)]],
                "sessionAffinity": "None", "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                "ipFamilyPolicy": "SingleStack",
            ],
        ]
        try await createIfMissing(services, namespace: "default", service, options)
        // The `kubernetes` Endpoints list every live API server (`EndpointReconciler`).
        try await endpointReconciler.reconcile()
    }

    private func createIfMissing(_ r: ResourceInfo, namespace: String?, _ object: JSONValue, _ options: WriteOptions) async throws {
        if try registry.cache(r).get(r.storageKey(namespace: namespace, name: object.name)) != nil { return }
        do {
            _ = try await registry.create(r, namespace: namespace, body: object, options: options)
        } catch let e where e.code == 409 {
            return
        } catch {
            // Another API server on the same store may have made it meanwhile (its allocation of
            // the `kubernetes` Service IP then refuses this one's).
            if (try? await registry.current(r, namespace: namespace, name: object.name)) != nil { return }
            throw error
        }
    }
}
