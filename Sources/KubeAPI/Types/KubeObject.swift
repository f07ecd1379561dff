/// A top-level Kubernetes object that has a typed view: a `Codable` value with the Kubernetes JSON
/// field names, an `apiVersion`/`kind` pair fixed per type, and `ObjectMeta` metadata.
///
/// Conforming types describe where they are served through the static members; the instance's own
/// `apiVersion` and `kind` fields mirror the JSON (they default to the static values when a value is
/// created in Swift, and stay absent when decoded JSON omitted them). Typed views decode only the
/// fields Skiff models: fields they do not model are dropped when a view is re-encoded, so writers
/// that must preserve unknown fields patch or merge into the stored JSON instead.
public protocol KubeObject: Codable, Sendable {
    /// The `apiVersion` of every object of this type: `v1` or `group/version`.
    static var apiVersion: String { get }
    /// The `kind` of every object of this type, e.g. `Pod`.
    static var kind: String { get }
    /// The plural resource name in URLs, e.g. `pods`.
    static var resource: String { get }
    /// Standard object metadata.
    var metadata: ObjectMeta { get set }
}

extension KubeObject {
    /// The API group: the part of `apiVersion` before `/`, or `""` for the core group.
    public static var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// The version: the part of `apiVersion` after `/`, or all of it for the core group.
    public static var version: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return apiVersion }
        return String(apiVersion[apiVersion.index(after: slash)...])
    }

    /// What the API server serves for this type, from `ResourceCatalog`; nil for kinds that are not
    /// served as a resource of their own (such as `Scale`, or kinds the catalog does not list yet).
    public static var resourceInfo: ResourceInfo? {
        ResourceCatalog.lookup(apiVersion: apiVersion, kind: kind)
    }
}

/// A list response (`PodList`, `DeploymentList`, ...) of objects of one type.
///
/// Decoding reads a missing `metadata` as empty and a missing or null `items` as an empty array
/// (Kubernetes writes `"items": null` for some empty lists).
public struct ObjectList<Item: KubeObject>: Codable, Sendable {
    /// The schema version, the item type's `apiVersion`.
    public var apiVersion: String?
    /// The list kind, e.g. `PodList`.
    public var kind: String?
    /// List metadata: the resource version the list was read at and the continue token.
    public var metadata: ListMeta
    /// The objects.
    public var items: [Item]

    /// Creates a list; `apiVersion` and `kind` default to the item type's (`kind` + `List`).
    public init(
        apiVersion: String? = Item.apiVersion, kind: String? = Item.kind + "List", metadata: ListMeta = ListMeta(),
        items: [Item] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, items
    }

    /// Decodes a list, reading missing `metadata` as empty and missing or null `items` as `[]`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

extension ObjectList: Equatable where Item: Equatable {}
extension ObjectList: Hashable where Item: Hashable {}

extension KeyedDecodingContainer {
    /// Reads a missing or null `metadata` as an empty `ObjectMeta`. Internal: the synthesized
    /// decoders of this module's object types pick this overload, so objects without metadata decode.
    func decode(_ type: ObjectMeta.Type, forKey key: Key) throws -> ObjectMeta {
        try decodeIfPresent(ObjectMeta.self, forKey: key) ?? ObjectMeta()
    }
}
