import KubeAPI

/// Kubernetes' Node authorizer, together with the ownership checks of NodeRestriction: a
/// kubelet (user `system:node:<name>` in group `system:nodes`) may write only its own Node and
/// Lease and the pods bound to it, and may read only the Secrets, ConfigMaps and service
/// account tokens of pods bound to it. What it asks outside these resources is left to the
/// next authorizer (RBAC's `system:node` role). Other users get no opinion.
struct NodeAuthorizer: Authorizer {
    let registry: Registry

    /// The node a user is, when it is a node's identity.
    static func nodeName(of user: UserInfo) -> String? {
        guard user.groups.contains("system:nodes"), user.username.hasPrefix("system:node:") else { return nil }
        let name = String(user.username.dropFirst("system:node:".count))
        return name.isEmpty ? nil : name
    }

    func authorize(_ a: AuthorizationAttributes) async -> AuthorizationDecision {
        guard let node = Self.nodeName(of: a.user), a.isResourceRequest else { return .noOpinion(reason: "") }
        let reads = ["get", "list", "watch"].contains(a.verb)
        switch (a.apiGroup, a.resource) {
        case ("", "nodes"):
            // A create names the node in its body only (NodeRestriction's part in Kubernetes).
            if (reads && a.subresource.isEmpty) || a.verb == "create" { return .noOpinion(reason: "") }
            return a.name == node ? .noOpinion(reason: "") : .deny(reason: "node '\(node)' cannot modify node '\(a.name)'")
        case ("coordination.k8s.io", "leases"):
            guard a.namespace == "kube-node-lease" else { return .noOpinion(reason: "") }
            if a.verb == "create" || a.name == node { return .noOpinion(reason: "") }
            return .deny(reason: "node '\(node)' can only access its own lease")
        case ("", "pods"):
            if reads && a.subresource.isEmpty { return .noOpinion(reason: "") }
            if a.verb == "create" && a.subresource.isEmpty {
                return .deny(reason: "node '\(node)' can only create mirror pods, which Skiff does not support")
            }
            return boundHere(a.namespace, a.name, node)
                ? .noOpinion(reason: "") : .deny(reason: "node '\(node)' can only modify pods bound to it")
        case ("", "secrets"), ("", "configmaps"):
            guard a.verb == "get", !a.name.isEmpty else {
                return .deny(reason: "node '\(node)' can only get individual \(a.resource)")
            }
            return referenced(a.resource, a.namespace, a.name, node)
                ? .allow : .deny(reason: "no relationship found between node '\(node)' and this object")
        case ("", "serviceaccounts") where a.subresource == "token":
            return podsOn(node, namespace: a.namespace).contains { Self.serviceAccount(of: $0) == a.name }
                ? .allow : .deny(reason: "no relationship found between node '\(node)' and this object")
        default:
            return .noOpinion(reason: "")
        }
    }

    /// Whether pod `name` in `namespace` is bound to `node`.
    func boundHere(_ namespace: String, _ name: String, _ node: String) -> Bool {
        let key = ResourceInfo.pods.storageKey(namespace: namespace, name: name)
        return (try? registry.cache(.pods).get(key))?.fields["spec.nodeName"] == node
    }

    /// The pods bound to `node` in `namespace`, parsed.
    func podsOn(_ node: String, namespace: String) -> [JSONValue] {
        let filter = ObjectFilter(namespace: namespace, fields: { $0["spec.nodeName"] == node })
        let cached = (try? registry.cache(.pods).list(filter).objects) ?? []
        return cached.compactMap { try? $0.parsed() }
    }

    /// Whether a pod bound to `node` uses Secret or ConfigMap `name` (volumes, projections,
    /// env, envFrom, image pull secrets).
    func referenced(_ resource: String, _ namespace: String, _ name: String, _ node: String) -> Bool {
        podsOn(node, namespace: namespace).contains { PodReferences.names(in: $0, resource: resource).contains(name) }
    }

    static func serviceAccount(of pod: JSONValue) -> String {
        let name = pod["spec"]?["serviceAccountName"]?.stringValue ?? ""
        return name.isEmpty ? "default" : name
    }
}

/// The Secrets and ConfigMaps a pod refers to.
enum PodReferences {
    /// The names of `resource` (`secrets` or `configmaps`) `pod` refers to.
    static func names(in pod: JSONValue, resource: String) -> Set<String> {
        let secrets = resource == "secrets"
        var out = Set<String>()
        let spec = pod["spec"]
        for volume in spec?["volumes"]?.arrayValue ?? [] {
            if secrets, let name = volume["secret"]?["secretName"]?.stringValue { out.insert(name) }
            if !secrets, let name = volume["configMap"]?["name"]?.stringValue { out.insert(name) }
            for source in volume["projected"]?["sources"]?.arrayValue ?? [] {
                if let name = source[secrets ? "secret" : "configMap"]?["name"]?.stringValue { out.insert(name) }
            }
        }
        if secrets {
            for ref in spec?["imagePullSecrets"]?.arrayValue ?? [] {
                if let name = ref["name"]?.stringValue { out.insert(name) }
            }
        }
        let lists = ["containers", "initContainers", "ephemeralContainers"]
        for container in lists.flatMap({ spec?[$0]?.arrayValue ?? [] }) {
            for env in container["env"]?.arrayValue ?? [] {
                if let name = env["valueFrom"]?[secrets ? "secretKeyRef" : "configMapKeyRef"]?["name"]?.stringValue { out.insert(name) }
            }
            for from in container["envFrom"]?.arrayValue ?? [] {
                if let name = from[secrets ? "secretRef" : "configMapRef"]?["name"]?.stringValue { out.insert(name) }
            }
        }
        return out
    }
}
