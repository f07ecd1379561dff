import Hummingbird
import KubeAPI

extension APIHandler {
    /// The patch content types, as listed in 415 errors.
    static let patchTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml",
        "application/strategic-merge-patch+json",
    ]

    /// `PATCH` of an object or its status/scale subresource, in any of the four patch formats.
    func patch(_ api: APIRequest, _ t: ResourceTarget, name: String, subresource: String?) async throws(APIError) -> Response {
        let r = t.resource
        let type = api.contentType.split(separator: ";").first.map { String($0.trimmingWhitespace()) } ?? ""
        guard Self.patchTypes.contains(type) else {
            throw APIError(
                code: 415, reason: "UnsupportedMediaType",
                message: "the body of the request was in an unknown format - accepted media types include: "
                    + Self.patchTypes.joined(separator: ", "))
        }
        var options = try api.writeOptions()
        let patchBody = try api.bodyObject()
        if type == "application/apply-patch+yaml" {
            guard let manager = api.param("fieldManager") else {
                throw APIError.badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set")
            }
            options.fieldManager = manager
            let result = try await registry.apply(
                r, namespace: t.namespace, name: name, subresource: subresource, applied: patchBody,
                force: api.flag("force"), options: options)
            return try writeResponse(api, t, result)
        }
        let schema = registry.schema
        let mutate = { (old: JSONValue) throws(APIError) -> JSONValue in
            switch type {
            case "application/json-patch+json": return try JSONPatch.apply(patchBody, to: old)
            case "application/merge-patch+json": return try JSONMergePatch.apply(patchBody, to: old)
            default: return try StrategicMergePatch.apply(patchBody, to: old, schema: schema, root: r.definition)
            }
        }
        if subresource == "scale" {
            let scale = try await registry.getScale(r, namespace: t.namespace, name: name)
            let patched = try mutate(scale)
            let updated = try await registry.updateScale(r, namespace: t.namespace, name: name, body: patched, options: options)
            return APIResponse.json(200, updated)
        }
        let result = try await registry.guaranteedUpdate(
            r, namespace: t.namespace, name: name, subresource: subresource, options: options, mutate: mutate)
        return try writeResponse(api, t, result)
    }
}
