import KubeAPI

extension APIHandler {
    /// The namespace, label selector and field selector of a list, watch or deletecollection.
    func objectFilter(_ api: APIRequest, _ t: ResourceTarget) throws(APIError) -> ObjectFilter {
        var filter = ObjectFilter(namespace: t.resource.namespaced ? t.namespace : nil)
        if let text = api.param("labelSelector") {
            let selector = try LabelSelector(parsing: text)
            filter.labels = { selector.matches($0) }
        }
        if let text = api.param("fieldSelector") {
            let selector = try FieldSelector(parsing: text)
            for field in selector.fieldNames where !SelectableFields.supports(field, resource: t.resource) {
                throw APIError.badRequest("field label not supported: \(field)")
            }
            filter.fields = { values in selector.matches { values[$0] } }
        }
        return filter
    }
}
