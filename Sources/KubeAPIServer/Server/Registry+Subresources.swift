import KubeAPI

extension Registry {
    /// The autoscaling/v1 `Scale` of a deployment, replica set or replication controller.
    func getScale(_ r: ResourceInfo, namespace: String?, name: String) async throws(APIError) -> JSONValue {
        let (object, _) = try await current(r, namespace: namespace, name: name)
        return Self.scale(of: object, r)
    }

    /// Sets `spec.replicas` from a `Scale` body (honouring its resourceVersion) and returns the new Scale.
    func updateScale(_ r: ResourceInfo, namespace: String?, name: String, body: JSONValue, options: WriteOptions) async throws(APIError) -> JSONValue {
        var scale = body
        try checkKind(&scale, r, kind: "Scale", apiVersion: "autoscaling/v1")
        if !scale.name.isEmpty, scale.name != name {
            throw APIError.badRequest("the name of the object (\(scale.name)) does not match the name on the URL (\(name))")
        }
        guard let replicas = scale["spec"]?["replicas"]?.intValue ?? (scale["spec"]?["replicas"] == nil ? 0 : nil) else {
            throw APIError.invalid(
                group: "autoscaling", kind: "Scale", name: name,
                causes: [.invalid("spec.replicas", value: scale["spec"]?["replicas"]?.jsonString ?? "", "must be an integer")])
        }
        if replicas < 0 {
            throw APIError.invalid(
                group: "autoscaling", kind: "Scale", name: name,
                causes: [.invalid("spec.replicas", value: String(replicas), "must be greater than or equal to 0")])
        }
        let precondition = scale.resourceVersion
        let result = try await guaranteedUpdate(r, namespace: namespace, name: name, subresource: nil, options: options) { old throws(APIError) in
            var new = old
            if !precondition.isEmpty { new.setMetadata("resourceVersion", .string(precondition)) }
            new.set(.int(replicas), at: ["spec", "replicas"])
            return new
        }
        guard let object = try? JSONValue.parse(result.body) else { throw APIError.internalError("invalid object") }
        return Self.scale(of: object, r)
    }

    /// Builds the Scale view of `object`.
    static func scale(of object: JSONValue, _ r: ResourceInfo) -> JSONValue {
        var meta = JSONObject()
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let v = object["metadata"]?[key] { meta[key] = v }
        }
        var status: JSONValue = ["replicas": .int(object["status"]?["replicas"]?.intValue ?? 0)]
        if let selector = Self.selectorString(object, r) { status["selector"] = .string(selector) }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(meta),
            "spec": ["replicas": .int(object["spec"]?["replicas"]?.intValue ?? 0)], "status": status,
        ]
    }

    /// The label selector of a workload in string form (`a=b,c in (d)`).
    static func selectorString(_ object: JSONValue, _ r: ResourceInfo) -> String? {
        guard let selector = object["spec"]?["selector"] else { return nil }
        if r.group.isEmpty {
            // ReplicationController: a plain map.
            let pairs = (selector.objectValue ?? JSONObject()).compactMap { m in m.value.stringValue.map { "\(m.key)=\($0)" } }
            return pairs.sorted().joined(separator: ",")
        }
        return (try? LabelSelector(selectorObject: selector))?.description
    }

    /// `POST pods/NAME/binding`: assigns the pod to the target node, once.
    func bind(namespace: String?, name: String, body: JSONValue, options: WriteOptions) async throws(APIError) -> WriteResult {
        guard let pods = ResourceCatalog.lookup(group: "", version: "v1", resource: "pods") else {
            throw APIError.internalError("pods are not served")
        }
        guard let node = body["target"]?["name"]?.stringValue, !node.isEmpty else {
            throw APIError.invalid(kind: "Binding", name: name, causes: [.required("target.name")])
        }
        if let kind = body["target"]?["kind"]?.stringValue, !kind.isEmpty, kind != "Node" {
            throw APIError.invalid(
                kind: "Binding", name: name, causes: [.notSupported("target.kind", value: kind, supported: ["Node"])])
        }
        let uid = body["metadata"]?["uid"]?.stringValue
        let stamp = timestamp
        _ = try await guaranteedUpdate(pods, namespace: namespace, name: name, subresource: "binding", options: options) { old throws(APIError) in
            if let uid, !uid.isEmpty, uid != old.uid {
                throw APIError.conflict(resource: "pods", name: name, detail: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.uid)")
            }
            if old.deletionTimestamp != nil {
                throw APIError.conflict(resource: "pods", name: name, detail: "pod \(name) is being deleted, cannot be assigned to a host")
            }
            if let current = old["spec"]?["nodeName"]?.stringValue, !current.isEmpty {
                throw APIError.conflict(resource: "pods", name: name, detail: "pod \(name) is already assigned to node \"\(current)\"")
            }
            var new = old
            new.set(.string(node), at: ["spec", "nodeName"])
            var conditions = (old["status"]?["conditions"]?.arrayValue ?? []).filter { $0["type"]?.stringValue != "PodScheduled" }
            conditions.append(["type": "PodScheduled", "status": "True", "lastProbeTime": nil, "lastTransitionTime": .string(stamp)])
            new.set(.array(conditions), at: ["status", "conditions"])
            return new
        }
        return WriteResult(status: 201, body: Self.bindingSucceeded)
    }

    /// The body of every successful binding: a `Status` of `Success`, encoded once.
    private static let bindingSucceeded =
        (["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201] as JSONValue).serialized()
}
