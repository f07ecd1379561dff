import Hummingbird
import KubeAPI

extension APIHandler {
    /// `POST pods/NAME/eviction` with a policy/v1 Eviction: deletes the pod with the Eviction's
    /// `deleteOptions` and answers 201 with a Success Status, as Kubernetes does. Kubernetes first
    /// checks the pod's PodDisruptionBudgets; Skiff serves none, so no budget can refuse (429).
    /// 400 when the Eviction names another pod, 404 when the pod does not exist.
    func evict(_ api: APIRequest, _ t: ResourceTarget, name: String) async throws(APIError) -> Response {
        let eviction = try api.bodyObject()
        guard eviction.objectValue != nil else { throw APIError.badRequest("the body of the request must be a JSON object") }
        let named = eviction["metadata"]?["name"]?.stringValue ?? ""
        guard named == name else {
            throw APIError.badRequest("name in URL does not match name in Eviction object")
        }
        if let namespace = eviction["metadata"]?["namespace"]?.stringValue, !namespace.isEmpty, namespace != t.namespace {
            throw APIError.badRequest("namespace in URL does not match namespace in Eviction object")
        }
        var request = DeleteRequest()
        if let options = eviction["deleteOptions"], !options.isNull {
            request = try Self.deleteRequest(options: options)
        }
        if api.param("dryRun") == "All" { request.dryRun = true }
        _ = try await registry.delete(t.resource, namespace: t.namespace, name: name, request: request)
        return APIResponse.json(201, ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201])
    }
}
