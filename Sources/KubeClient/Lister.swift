import KubeAPI
import Synchronization

/// A read-only cache of one resource's objects, kept by an `Informer`, with optional secondary
/// indexes (client-go's `Indexer`): each index maps an object to the values it is filed under,
/// so a controller can find "the pods on node N" or "the pods owned by U" without a scan.
/// Returned objects are values: changing them changes nothing in the cache.
public final class Lister: Sendable {
    /// Files an object under zero or more values of one index.
    public typealias IndexFunction = @Sendable (JSONValue) -> [String]

    private struct State {
        var objects: [String: JSONValue] = [:]
        var indexers: [String: IndexFunction] = [:]
        /// index name -> value -> object keys.
        var indices: [String: [String: Set<String>]] = [:]

        mutating func unindex(_ key: String, _ object: JSONValue) {
            for (name, fn) in indexers {
                for value in fn(object) {
                    indices[name]?[value]?.remove(key)
                    if indices[name]?[value]?.isEmpty == true { indices[name]?[value] = nil }
                }
            }
        }

        mutating func index(_ key: String, _ object: JSONValue) {
            for (name, fn) in indexers {
                for value in fn(object) { indices[name, default: [:]][value, default: []].insert(key) }
            }
        }

        mutating func put(_ key: String, _ object: JSONValue) -> JSONValue? {
            let old = objects.updateValue(object, forKey: key)
            if let old { unindex(key, old) }
            index(key, object)
            return old
        }

        mutating func remove(_ key: String) -> JSONValue? {
            guard let old = objects.removeValue(forKey: key) else { return nil }
            unindex(key, old)
            return old
        }
    }

    private let state = Mutex(State())

    public init() {}

    /// The cache key of an object: `namespace/name`, or `name` when cluster-scoped.
    public static func key(of object: JSONValue) -> String {
        object.namespace.isEmpty ? object.name : "\(object.namespace)/\(object.name)"
    }

    /// Adds the index `name`, filing every cached and future object under `function`'s values.
    /// Adding a name twice keeps the first function.
    public func addIndex(_ name: String, _ function: @escaping IndexFunction) {
        state.withLock { s in
            guard s.indexers[name] == nil else { return }
            s.indexers[name] = function
            for (key, object) in s.objects {
                for value in function(object) { s.indices[name, default: [:]][value, default: []].insert(key) }
            }
        }
    }

    /// The objects filed under `value` in index `name` (none if there is no such index).
    public func byIndex(_ name: String, _ value: String) -> [JSONValue] {
        state.withLock { s in (s.indices[name]?[value] ?? []).compactMap { s.objects[$0] } }
    }

    /// The keys of the objects filed under `value` in index `name`.
    public func keys(inIndex name: String, _ value: String) -> [String] {
        state.withLock { s in Array(s.indices[name]?[value] ?? []) }
    }

    /// The object with `key`.
    public func get(_ key: String) -> JSONValue? { state.withLock { $0.objects[key] } }

    /// Every object, optionally only those in `namespace`.
    public func list(namespace: String? = nil) -> [JSONValue] {
        state.withLock { s in
            guard let namespace else { return Array(s.objects.values) }
            return s.objects.values.filter { $0.namespace == namespace }
        }
    }

    /// The number of objects.
    public var count: Int { state.withLock { $0.objects.count } }

    func replace(_ items: [JSONValue]) -> [InformerEvent] {
        state.withLock { s in
            var events: [InformerEvent] = []
            var seen = Set<String>()
            for item in items {
                let key = Self.key(of: item)
                seen.insert(key)
                if let old = s.put(key, item) { events.append(.updated(old: old, new: item)) } else { events.append(.added(item)) }
            }
            for key in s.objects.keys where !seen.contains(key) {
                if let old = s.remove(key) { events.append(.deleted(old)) }
            }
            return events
        }
    }

    func apply(_ type: String, _ object: JSONValue) -> InformerEvent? {
        state.withLock { s in
            let key = Self.key(of: object)
            switch type {
            case "ADDED", "MODIFIED":
                return s.put(key, object).map { .updated(old: $0, new: object) } ?? .added(object)
            case "DELETED":
                _ = s.remove(key)
                return .deleted(object)
            default:
                return nil
            }
        }
    }
}

extension Lister {
    /// `namespace`: objects by namespace.
    public static let namespaceIndex = "namespace"
    /// `owner-uid`: objects by the uid of each of their ownerReferences.
    public static let ownerIndex = "owner-uid"
    /// `controller-uid`: objects by the uid of their controller ownerReference.
    public static let controllerIndex = "controller-uid"

    /// Adds the namespace index.
    public func indexByNamespace() { addIndex(Self.namespaceIndex) { [$0.namespace] } }

    /// Adds the owner and controller indexes.
    public func indexByOwner() {
        addIndex(Self.ownerIndex) { o in
            (o["metadata"]?["ownerReferences"]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
        }
        addIndex(Self.controllerIndex) { o in
            (o["metadata"]?["ownerReferences"]?.arrayValue ?? []).compactMap { ref in
                ref["controller"]?.boolValue == true ? ref["uid"]?.stringValue : nil
            }
        }
    }
}
