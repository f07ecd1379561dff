import KubeAPI

/// The request parameters of Kubernetes REST operations, as OpenAPI v3 parameter objects.
enum OpenAPIParameters {
    /// A query parameter.
    static func query(_ name: String, _ type: String, _ description: String) -> JSONValue {
        [
            "description": .string(description),
            "in": "query",
            "name": .string(name),
            "schema": ["type": .string(type), "uniqueItems": true],
        ]
    }

    /// A required path parameter.
    static func path(_ name: String, _ description: String) -> JSONValue {
        [
            "description": .string(description),
            "in": "path",
            "name": .string(name),
            "required": true,
            "schema": ["type": "string", "uniqueItems": true],
        ]
    }

    /// `{name}` of an object of `kind`.
    static func name(kind: String) -> JSONValue { path("name", "name of the \(kind)") }
    /// `{namespace}`.
    static let namespace = path("namespace", "object name and auth scope, such as for teams and projects")
    /// `pretty`.
    static let pretty = query("pretty", "string", "If 'true', the output is pretty printed.")

    static let allowWatchBookmarks = query(
        "allowWatchBookmarks", "boolean", "Ask for BOOKMARK watch events; servers may ignore it.")
    static let continueToken = query(
        "continue", "string", "The token from a previous paged list response, to fetch the next page.")
    static let dryRun = query(
        "dryRun", "string", "When present, modifications are not persisted. Valid value: All.")
    static let fieldManager = query(
        "fieldManager", "string",
        "The name of the actor making the change; required for apply patches, at most 128 characters.")
    static let fieldSelector = query(
        "fieldSelector", "string", "Restrict the returned objects by their fields. Defaults to everything.")
    static let fieldValidation = query(
        "fieldValidation", "string",
        "How to treat unknown or duplicate fields in the request object: Ignore (drop them silently), "
            + "Warn (drop them with a warning header, the default) or Strict (fail the request).")
    static let force = query(
        "force", "boolean",
        "Force an apply request: take ownership of fields other managers own. Must be unset for other patches.")
    static let gracePeriodSeconds = query(
        "gracePeriodSeconds", "integer",
        "Seconds before the object is deleted; zero means immediately. Defaults per type when unset.")
    static let labelSelector = query(
        "labelSelector", "string", "Restrict the returned objects by their labels. Defaults to everything.")
    static let limit = query(
        "limit", "integer",
        "The most items to return; when more exist the list metadata carries a continue token.")
    static let orphanDependents = query(
        "orphanDependents", "boolean", "Deprecated: use propagationPolicy. Orphan the dependents if true.")
    static let propagationPolicy = query(
        "propagationPolicy", "string",
        "How dependents are garbage collected: Orphan, Background or Foreground.")
    static let resourceVersion = query(
        "resourceVersion", "string", "Constrains which resource versions a list or watch may be served from.")
    static let resourceVersionMatch = query(
        "resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan.")
    static let sendInitialEvents = query(
        "sendInitialEvents", "boolean",
        "With watch=true, first send synthetic ADDED events for the current state, then a BOOKMARK "
            + "annotated k8s.io/initial-events-end, then changes.")
    static let timeoutSeconds = query(
        "timeoutSeconds", "integer", "Limits the duration of the list or watch call.")
    static let watch = query(
        "watch", "boolean", "Watch for changes and stream them as add, update and remove notifications.")

    /// Query parameters of list (and watch) operations.
    static let list: [JSONValue] = [
        allowWatchBookmarks, continueToken, fieldSelector, labelSelector, limit, resourceVersion,
        resourceVersionMatch, sendInitialEvents, timeoutSeconds, watch,
    ]
    /// Query parameters of create and replace operations.
    static let write: [JSONValue] = [dryRun, fieldManager, fieldValidation]
    /// Query parameters of patch operations.
    static let patch: [JSONValue] = [dryRun, fieldManager, fieldValidation, force]
    /// Query parameters of delete operations.
    static let delete: [JSONValue] = [dryRun, gracePeriodSeconds, orphanDependents, propagationPolicy]
    /// Query parameters of delete-collection operations.
    static let deleteCollection: [JSONValue] = [
        continueToken, dryRun, fieldSelector, gracePeriodSeconds, labelSelector, limit, orphanDependents,
        propagationPolicy, resourceVersion, resourceVersionMatch, sendInitialEvents, timeoutSeconds,
    ]
}
