import KubeAPI

/// A page of a list.
public struct ListResult: Sendable {
    /// The objects.
    public var items: [JSONValue]
    /// The list's resourceVersion: watch from here to see every later change.
    public var resourceVersion: String
    /// The token for the next page, if any.
    public var continueToken: String?
}

/// What a list or watch selects.
public struct ListOptions: Sendable {
    public var labelSelector: String?
    public var fieldSelector: String?
    public var limit: Int?
    public var resourceVersion: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, resourceVersion: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.resourceVersion = resourceVersion
    }

    var query: [(String, String)] {
        var q: [(String, String)] = []
        if let labelSelector { q.append(("labelSelector", labelSelector)) }
        if let fieldSelector { q.append(("fieldSelector", fieldSelector)) }
        if let limit { q.append(("limit", String(limit))) }
        if let resourceVersion { q.append(("resourceVersion", resourceVersion)) }
        return q
    }
}

extension KubeClient {
    /// One page of `resource` (in `namespace`, or all namespaces when nil). Of each item only
    /// what `keeping` keeps is parsed, as in `watch`.
    public func list(
        _ resource: ResourceInfo, namespace: String? = nil, options: ListOptions = ListOptions(), continueToken: String? = nil,
        keeping: JSONKeyFilter = .whole
    ) async throws -> ListResult {
        var query = options.query
        if let continueToken { query.append(("continue", continueToken)) }
        let filter: JSONKeyFilter = keeping.keepAll ? .whole : .object(["items": keeping], keepingOthers: true)
        let list = try parse(try await request(.GET, resource.collectionPath(namespace: namespace), query: query), keeping: filter)
        return ListResult(
            items: list["items"]?.arrayValue ?? [], resourceVersion: list["metadata"]?["resourceVersion"]?.stringValue ?? "",
            continueToken: list["metadata"]?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every object, following `continue` tokens; the resourceVersion is the first page's.
    /// `transform`, when given, is applied to each page's items as it arrives, so that a caller
    /// keeping only part of each object never holds every full object at once.
    public func listAll(
        _ resource: ResourceInfo, namespace: String? = nil, options: ListOptions = ListOptions(),
        transform: (@Sendable (JSONValue) -> JSONValue)? = nil, keeping: JSONKeyFilter = .whole
    ) async throws -> ListResult {
        var page = try await list(resource, namespace: namespace, options: options, keeping: keeping)
        var all = transform.map { page.items.map($0) } ?? page.items
        let rv = page.resourceVersion
        while let token = page.continueToken {
            page = try await list(resource, namespace: namespace, options: options, continueToken: token, keeping: keeping)
            all.append(contentsOf: transform.map { page.items.map($0) } ?? page.items)
        }
        return ListResult(items: all, resourceVersion: rv, continueToken: nil)
    }
}
