import KubeAPI

/// Which objects a list or watch wants: a namespace, a label selector and a field selector.
struct ObjectFilter: Sendable {
    /// Only this namespace, when set.
    var namespace: String?
    /// Label test; nil matches everything.
    var labels: (@Sendable ([String: String]) -> Bool)?
    /// Field test over selectable field values; nil matches everything.
    var fields: (@Sendable ([String: String]) -> Bool)?

    /// Matches every object.
    static let everything = ObjectFilter()

    init(
        namespace: String? = nil, labels: (@Sendable ([String: String]) -> Bool)? = nil,
        fields: (@Sendable ([String: String]) -> Bool)? = nil
    ) {
        self.namespace = namespace
        self.labels = labels
        self.fields = fields
    }

    /// Whether `object` passes every test.
    func matches(_ object: CachedObject) -> Bool {
        if let namespace, object.namespace != namespace { return false }
        if let labels, !labels(object.labels) { return false }
        if let fields, !fields(object.fields) { return false }
        return true
    }
}
