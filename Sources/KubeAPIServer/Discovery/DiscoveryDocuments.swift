import Hummingbird
import KubeAPI
import Synchronization

/// The discovery documents (legacy and aggregated) and OpenAPI documents, built once at start
/// from the resource catalog and the schema.
final class DiscoveryDocuments: Sendable {
    /// The content type of aggregated discovery responses.
    static let aggregatedType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    private let legacyAPI: [UInt8]
    private let legacyAPIs: [UInt8]
    private let aggregatedAPI: [UInt8]
    private let aggregatedAPIs: [UInt8]
    private let groups: [String: JSONValue]
    private let resourceLists: [String: [UInt8]]
    private let schema: SchemaRegistry
    private let resources: [ResourceInfo]
    /// Built on first use: start-up and idle memory do not pay for documents nobody asked for.
    private let openAPIDocuments = Mutex<OpenAPIV3Documents?>(nil)
    private let openAPIV2Document = Mutex<OpenAPIV2Documents?>(nil)

    /// Builds every document; `serverAddress` is advertised in `/api`.
    init(resources: [ResourceInfo], schema: SchemaRegistry, serverAddress: String) {
        legacyAPI = ([
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ] as JSONValue).serialized()
        var groupList: [JSONValue] = []
        var groups: [String: JSONValue] = [:]
        var lists: [String: [UInt8]] = [:]
        for gv in ResourceCatalog.groupVersions {
            let inGV = resources.filter { $0.group == gv.group && $0.version == gv.version }
            let groupVersion = gv.group.isEmpty ? gv.version : "\(gv.group)/\(gv.version)"
            lists[groupVersion] = Self.resourceList(groupVersion: groupVersion, resources: inGV).serialized()
            guard !gv.group.isEmpty else { continue }
            let version: JSONValue = ["groupVersion": .string(groupVersion), "version": .string(gv.version)]
            let group: JSONValue = [
                "kind": "APIGroup", "apiVersion": "v1", "name": .string(gv.group), "versions": [version],
                "preferredVersion": version,
            ]
            groups[gv.group] = group
            var entry = group
            entry["kind"] = nil
            entry["apiVersion"] = nil
            groupList.append(entry)
        }
        legacyAPIs = (["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groupList)] as JSONValue).serialized()
        self.groups = groups
        resourceLists = lists
        aggregatedAPI = Self.aggregated(resources.filter { $0.group.isEmpty }).serialized()
        aggregatedAPIs = Self.aggregated(resources.filter { !$0.group.isEmpty }).serialized()
        self.schema = schema
        self.resources = resources
    }

    /// `GET /api`.
    func api(_ request: APIRequest) -> Response {
        if request.accept.contains("g=apidiscovery.k8s.io;v=v2") {
            return aggregatedResponse(aggregatedAPI)
        }
        return APIResponse.json(200, legacyAPI)
    }

    /// `GET /apis`.
    func apis(_ request: APIRequest) -> Response {
        if request.accept.contains("g=apidiscovery.k8s.io;v=v2") {
            return aggregatedResponse(aggregatedAPIs)
        }
        return APIResponse.json(200, legacyAPIs)
    }

    /// `GET /apis/{group}`.
    func group(_ name: String) -> JSONValue? { groups[name] }

    /// `GET /api/v1` or `/apis/{group}/{version}`.
    func resourceList(group: String, version: String) -> Response {
        let gv = group.isEmpty ? version : "\(group)/\(version)"
        guard let list = resourceLists[gv] else {
            return APIResponse.error(APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
        }
        return APIResponse.json(200, list)
    }

    /// `GET /openapi/v3[/...]` and `GET /openapi/v2`.
    func openAPI(_ request: APIRequest) throws(APIError) -> Response {
        let s = request.segments
        if s.count == 2, s[1] == "v2" { return try openAPIV2(request) }
        guard s.count >= 2, s[1] == "v3" else {
            throw APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        let docs = openAPIDocuments.withLock { cached in
            if let cached { return cached }
            let built = OpenAPIV3Documents(schema: schema, resources: resources)
            cached = built
            return built
        }
        if s.count == 2 { return APIResponse.json(200, docs.index) }
        guard let doc = docs.document(path: s[2...].joined(separator: "/")) else {
            throw APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        return APIResponse.json(200, doc.bytes)
    }

    /// `GET /openapi/v2`: protobuf when the client accepts it (client-go asks for nothing else),
    /// else JSON.
    private func openAPIV2(_ request: APIRequest) throws(APIError) -> Response {
        let built: OpenAPIV2Documents
        do {
            built = try openAPIV2Document.withLock { cached in
                if let cached { return cached }
                let made = try OpenAPIV2Documents(schema: schema, resources: resources)
                cached = made
                return made
            }
        } catch {
            throw APIError(code: 500, reason: "InternalError", message: "encoding the OpenAPI v2 document: \(error)")
        }
        guard request.accept.contains(OpenAPIV2.protobufAccept) else { return APIResponse.json(200, built.json) }
        return Response(
            status: .ok, headers: [.contentType: OpenAPIV2.protobufType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: built.protobuf)))
    }

    private func aggregatedResponse(_ bytes: [UInt8]) -> Response {
        var r = APIResponse.json(200, bytes)
        r.headers[.contentType] = Self.aggregatedType
        return r
    }
}
