import KubeAPI

/// One object as the watch cache holds it: its encoded bytes (resourceVersion included) and the
/// few values that list and watch filters read, so that filtering never re-parses the JSON.
struct CachedObject: Sendable {
    /// The storage key.
    var key: String
    /// `metadata.namespace` ("" for cluster-scoped objects).
    var namespace: String
    /// `metadata.name`.
    var name: String
    /// The revision of the object's last change (its resourceVersion).
    var revision: Int64
    /// The object's JSON with its resourceVersion.
    var bytes: [UInt8]
    /// `metadata.labels`.
    var labels: [String: String]
    /// The values of the resource's selectable fields (`spec.nodeName`, `status.phase`, ...).
    var fields: [String: String]

    /// Builds the cache entry for stored bytes at `revision`, reading only what `reader` names;
    /// nil if the bytes are not a JSON object.
    init?(key: String, stored: [UInt8], revision: Int64, reading reader: CachedFieldReader) {
        guard let object = try? JSONValue.parse(stored, keeping: reader.filter) else { return nil }
        self.init(key: key, stored: stored, revision: revision, tree: object, reading: reader)
    }

    /// Builds the cache entry for stored bytes at `revision` from `tree`, the object they encode
    /// (or at least the parts `reader` names); nil if it is not a JSON object.
    init?(key: String, stored: [UInt8], revision: Int64, tree object: JSONValue, reading reader: CachedFieldReader) {
        guard object.objectValue != nil else { return nil }
        self.key = key
        self.revision = revision
        namespace = object.namespace
        name = object.name
        labels = object.labels
        fields = reader.values(of: object)
        bytes = StoredObject.withResourceVersion(stored, revision)
    }

    /// The object parsed back into a tree.
    func parsed() throws(APIError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw APIError.internalError("stored object \(key) is not valid JSON: \(error)")
        }
    }
}

/// The fields each resource can be filtered on with a field selector, as in Kubernetes.
enum SelectableFields {
    /// Field names (besides metadata.name and metadata.namespace) and the JSON path of each.
    static func paths(for resource: ResourceInfo) -> [String: [String]] {
        switch (resource.group, resource.resource) {
        case ("", "pods"):
            return [
                "spec.nodeName": ["spec", "nodeName"], "spec.restartPolicy": ["spec", "restartPolicy"],
                "spec.schedulerName": ["spec", "schedulerName"],
                "spec.serviceAccountName": ["spec", "serviceAccountName"],
                "spec.hostNetwork": ["spec", "hostNetwork"], "status.phase": ["status", "phase"],
                "status.podIP": ["status", "podIP"], "status.nominatedNodeName": ["status", "nominatedNodeName"],
            ]
        case ("", "events"):
            var out: [String: [String]] = [
                "reason": ["reason"], "reportingComponent": ["reportingComponent"], "source": ["source", "component"],
                "type": ["type"],
            ]
            for f in ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"] {
                out["involvedObject.\(f)"] = ["involvedObject", f]
            }
            return out
        case ("", "nodes"): return ["spec.unschedulable": ["spec", "unschedulable"]]
        case ("", "namespaces"): return ["status.phase": ["status", "phase"]]
        case ("", "secrets"): return ["type": ["type"]]
        case ("", "replicationcontrollers"), ("apps", "replicasets"): return ["status.replicas": ["status", "replicas"]]
        case ("batch", "jobs"): return ["status.successful": ["status", "successful"]]
        default: return [:]
        }
    }

    /// Values the server itself reads from cached objects (a PriorityClass's value for priority
    /// admission), kept with the selectable ones; field selectors cannot name them.
    static func indexedPaths(for resource: ResourceInfo) -> [String: [String]] {
        switch (resource.group, resource.resource) {
        case ("scheduling.k8s.io", "priorityclasses"):
            return ["value": ["value"], "globalDefault": ["globalDefault"], "preemptionPolicy": ["preemptionPolicy"]]
        default: return [:]
        }
    }

    /// Whether `field` can be selected on for `resource`.
    static func supports(_ field: String, resource: ResourceInfo) -> Bool {
        field == "metadata.name" || field == "metadata.namespace" || paths(for: resource)[field] != nil
    }

    /// A scalar as a field value (absent fields are "", booleans "true"/"false", numbers their
    /// text).
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "true" : "false"
        case .number(let n)?: return n
        default: return ""
        }
    }
}

/// What the watch cache reads of each object of one resource, worked out once per resource:
/// the metadata it indexes (name, namespace, labels), the selectable fields and the indexed
/// values. Everything else, `managedFields` included, is skipped without being built.
struct CachedFieldReader: Sendable {
    /// The parts of the JSON to parse.
    let filter: JSONKeyFilter
    /// Selectable fields and indexed values, each with its JSON path.
    let paths: [(field: String, path: [String])]

    init(resource: ResourceInfo) {
        let named = SelectableFields.paths(for: resource).merging(SelectableFields.indexedPaths(for: resource)) { a, _ in a }
        paths = named.map { (field: $0.key, path: $0.value) }
        filter = JSONKeyFilter(
            paths: [["metadata", "name"], ["metadata", "namespace"], ["metadata", "labels"]] + paths.map(\.path))
    }

    /// The selectable field and indexed values of `object` as strings.
    func values(of object: JSONValue) -> [String: String] {
        // Sized once: the watch cache builds this for every write it sees.
        var out = [String: String](minimumCapacity: paths.count + 2)
        out["metadata.name"] = object.name
        out["metadata.namespace"] = object.namespace
        for (field, path) in paths { out[field] = SelectableFields.text(object.value(at: path)) }
        return out
    }
}
