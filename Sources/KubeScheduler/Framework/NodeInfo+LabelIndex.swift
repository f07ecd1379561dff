import KubeAPI

/// A label of a pod in a namespace: the key of `NodeInfo.labelCounts`.
public struct LabelIndexKey: Hashable, Sendable {
    /// The pod's namespace.
    public let namespace: String
    /// The label key.
    public let key: String
    /// The label value.
    public let value: String

    /// The key for label `key=value` on pods in `namespace`.
    public init(_ namespace: String, _ key: String, _ value: String) {
        self.namespace = namespace
        self.key = key
        self.value = value
    }
}

extension NodeInfo {
    /// An upper bound on how many non-terminating pods here, in `namespaces`, `selector` matches:
    /// the smallest count among its equality requirements (`key=value`, `key in (value)`), or nil
    /// when it has none (then only a scan can tell). Zero means no pod here can match.
    public func matchingUpperBound(_ selector: LabelSelector, namespaces: some Sequence<String>) -> Int? {
        var bound: Int?
        for (key, value) in selector.singleValueEqualities {
            var n = 0
            for ns in namespaces { n += labelCounts[LabelIndexKey(ns, key, value)] ?? 0 }
            bound = min(bound ?? n, n)
            if n == 0 { return 0 }
        }
        return bound
    }
}

extension LabelSelector {
    /// The label of each requirement that only one value satisfies (`key=value`, `key==value`,
    /// `key in (value)`), in order: a pod the selector matches carries every one of them. Read
    /// lazily, without an allocation.
    var singleValueEqualities: some Collection<(key: String, value: String)> {
        requirements.lazy.compactMap { r -> (key: String, value: String)? in
            switch r.operator {
            case .equals, .doubleEquals, .in:
                guard r.values.count == 1, let value = r.values.first else { return nil }
                return (r.key, value)
            default:
                return nil
            }
        }
    }
}
