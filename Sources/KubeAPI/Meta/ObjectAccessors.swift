/// Accessors for the `metadata` fields every Kubernetes object has, read from and written to the
/// JSON tree directly.
extension JSONValue {
    /// `metadata.name` ("" when absent).
    public var name: String { self["metadata"]?["name"]?.stringValue ?? "" }
    /// `metadata.namespace` ("" when absent).
    public var namespace: String { self["metadata"]?["namespace"]?.stringValue ?? "" }
    /// `metadata.uid` ("" when absent).
    public var uid: String { self["metadata"]?["uid"]?.stringValue ?? "" }
    /// `metadata.resourceVersion` ("" when absent).
    public var resourceVersion: String { self["metadata"]?["resourceVersion"]?.stringValue ?? "" }
    /// `kind` ("" when absent).
    public var kind: String { self["kind"]?.stringValue ?? "" }
    /// `apiVersion` ("" when absent).
    public var apiVersion: String { self["apiVersion"]?.stringValue ?? "" }
    /// `metadata.deletionTimestamp`, when set.
    public var deletionTimestamp: String? { self["metadata"]?["deletionTimestamp"]?.stringValue }
    /// `metadata.generation` (0 when absent).
    public var generation: Int64 { self["metadata"]?["generation"]?.intValue ?? 0 }

    /// `metadata.labels` as a dictionary; non-string values are skipped.
    public var labels: [String: String] { stringMap(at: ["metadata", "labels"]) }
    /// `metadata.annotations` as a dictionary; non-string values are skipped.
    public var annotations: [String: String] { stringMap(at: ["metadata", "annotations"]) }

    /// `metadata.finalizers`; non-string entries are skipped.
    public var finalizers: [String] {
        (self["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The object at `path` read as a string-to-string map.
    public func stringMap(at path: [String]) -> [String: String] {
        guard let obj = value(at: path)?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for m in obj { if let s = m.value.stringValue { out[m.key] = s } }
        return out
    }

    /// Sets `metadata.<field>`; nil removes it.
    public mutating func setMetadata(_ field: String, _ value: JSONValue?) {
        set(value, at: ["metadata", field])
    }
}
