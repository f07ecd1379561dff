import Foundation
import KubeAPI

extension KubeClient {
    /// The resource served for `T`; a `ClientError` when the catalog does not serve it.
    static func resource<T: KubeObject>(_: T.Type) throws -> ResourceInfo {
        guard let r = T.resourceInfo else { throw ClientError(code: 0, message: "\(T.kind) is not a served resource") }
        return r
    }

    /// Decodes a typed view from an object, straight from its parsed form (`JSONValueDecoder`).
    public static func decode<T: KubeObject>(_: T.Type, from object: JSONValue) throws -> T {
        try JSONValueDecoder().decode(T.self, from: object)
    }

    /// The typed view of the object `name`.
    public func get<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String) async throws -> T {
        try Self.decode(T.self, from: try await get(try Self.resource(type), namespace: namespace, name: name))
    }

    /// Every object of type `T` as typed views, with the list's resourceVersion.
    public func list<T: KubeObject>(_ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> (items: [T], resourceVersion: String) {
        let result = try await listAll(try Self.resource(type), namespace: namespace, options: options)
        return (try result.items.map { try Self.decode(T.self, from: $0) }, result.resourceVersion)
    }

    /// Creates a typed object (its JSON is exactly what the view encodes) and returns it as stored.
    public func create<T: KubeObject>(_ object: T, namespace: String? = nil) async throws -> T {
        let json = try JSONValue.parse([UInt8](try JSONEncoder().encode(object)))
        return try Self.decode(T.self, from: try await create(try Self.resource(T.self), namespace: namespace, json))
    }
}
