import KubeAPI

/// OpenAPI v3 as the Kubernetes API server publishes it and kubectl reads it.
///
/// `GET /openapi/v3` answers `index(...)`: one entry per served group version, keyed `api/v1` or
/// `apis/<group>/<version>`, whose `serverRelativeURL` carries the hash of that document. Each
/// document (`GET /openapi/v3/apis/apps/v1?hash=...`) lists the paths and operations of the group
/// version's resources and the schemas of every type they reach. kubectl uses these documents to
/// detect server-side field validation (the `fieldValidation` parameter of a PATCH operation whose
/// `x-kubernetes-group-version-kind` is the object's kind), to compute client-side apply patches
/// (the `x-kubernetes-patch-*` extensions) and for `kubectl explain`.
public enum OpenAPIV3 {
    /// The key of a group version in the index and its URL path under `/openapi/v3/`:
    /// `api/v1` for the core group, else `apis/<group>/<version>`.
    public static func path(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }

    /// The `/openapi/v3` index: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=HEX"}, ...}}`
    /// with one entry per group version of `resources`, in discovery order.
    public static func index(schema: SchemaRegistry, resources: [ResourceInfo]) -> JSONValue {
        var hashes: [(String, String)] = []
        for (group, version) in groupVersions(resources) {
            guard let doc = document(group: group, version: version, schema: schema, resources: resources) else {
                continue
            }
            hashes.append((path(group: group, version: version), hash(doc)))
        }
        return index(hashes: hashes)
    }

    /// The index for documents whose paths and hashes are known.
    static func index(hashes: [(path: String, hash: String)]) -> JSONValue {
        var paths = JSONObject()
        for (path, hash) in hashes {
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// The document of one group version, or `nil` when no resource of `resources` is served in it.
    /// Its `components.schemas` hold every definition of `schema` reachable from the resources'
    /// types, their list types, subresource kinds and the meta/v1 types the operations use.
    public static func document(
        group: String, version: String, schema: SchemaRegistry, resources: [ResourceInfo]
    ) -> JSONValue? {
        let served = resources.filter { $0.group == group && $0.version == version }
        guard !served.isEmpty else { return nil }
        let builder = OpenAPIPaths(group: group, version: version, schema: schema)
        let paths = builder.paths(resources: served)
        let schemas = OpenAPISchemas.components(roots: builder.rootDefinitions(resources: served), schema: schema)
        let bearer: JSONValue = [
            "description": "Bearer Token authentication", "in": "header", "name": "authorization", "type": "apiKey",
        ]
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": "unversioned"],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas), "securitySchemes": ["BearerToken": bearer]],
            "security": [["BearerToken": []]],
        ]
    }

    /// A stable hash of a document's compact serialization: equal content, equal hash.
    public static func hash(_ document: JSONValue) -> String { hash(document.serialized()) }

    /// A stable 128-bit hash of `bytes` as 32 upper-case hex digits (two FNV-1a 64 passes with
    /// different offsets). Kubernetes uses SHA-512 here; clients only compare the value.
    public static func hash(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        let prime: UInt64 = 0x0000_0100_0000_01b3
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* prime
            b = (b ^ UInt64(byte ^ 0x5a)) &* prime
        }
        return hex(a) + hex(b)
    }

    /// 16 upper-case hex digits.
    private static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789ABCDEF")
        var out = ""
        for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((value >> UInt64(shift)) & 0xF)]) }
        return out
    }

    /// The distinct group versions of `resources`, in order of first appearance.
    static func groupVersions(_ resources: [ResourceInfo]) -> [(group: String, version: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for r in resources where seen.insert(r.apiVersion).inserted { out.append((r.group, r.version)) }
        return out
    }
}

/// The OpenAPI v3 index and every group-version document, serialized once, for serving.
///
/// Build it when the served resources change; answer `GET /openapi/v3` with `index` and
/// `GET /openapi/v3/<path>` with `document(path:)` (when the request's `hash` differs from the
/// current one, Kubernetes redirects to the current URL).
public struct OpenAPIV3Documents: Sendable {
    /// The serialized `/openapi/v3` index.
    public let index: [UInt8]
    /// The serialized documents and their hashes by index path (`api/v1`, `apis/apps/v1`, ...).
    public let documents: [String: (bytes: [UInt8], hash: String)]

    /// Builds every document of `resources` from `schema`.
    public init(schema: SchemaRegistry = .standard, resources: [ResourceInfo] = ResourceCatalog.all) {
        var documents: [String: (bytes: [UInt8], hash: String)] = [:]
        var hashes: [(path: String, hash: String)] = []
        for (group, version) in OpenAPIV3.groupVersions(resources) {
            guard
                let doc = OpenAPIV3.document(group: group, version: version, schema: schema, resources: resources)
            else { continue }
            let bytes = doc.serialized()
            let path = OpenAPIV3.path(group: group, version: version)
            let hash = OpenAPIV3.hash(bytes)
            documents[path] = (bytes, hash)
            hashes.append((path, hash))
        }
        self.documents = documents
        self.index = OpenAPIV3.index(hashes: hashes).serialized()
    }

    /// The document at `path` (`api/v1`, `apis/apps/v1`; a leading `/openapi/v3/` is ignored).
    public func document(path: String) -> (bytes: [UInt8], hash: String)? {
        var key = Substring(path)
        if key.hasPrefix("/openapi/v3/") { key = key.dropFirst("/openapi/v3/".count) }
        while key.hasPrefix("/") { key = key.dropFirst() }
        while key.hasSuffix("/") { key = key.dropLast() }
        return documents[String(key)]
    }
}
