/// What the API server serves for one resource: where it lives, what it is called and what can be
/// done with it. Discovery, routing, OpenAPI and clients all read the same table.
public struct ResourceInfo: Sendable, Hashable {
    /// The API group; empty for the core group.
    public var group: String
    /// The version served, e.g. `v1`.
    public var version: String
    /// The plural resource name in URLs, e.g. `pods`.
    public var resource: String
    /// The singular name, e.g. `pod`.
    public var singular: String
    /// The kind of the objects, e.g. `Pod`.
    public var kind: String
    /// The kind of list responses, e.g. `PodList`.
    public var listKind: String { kind + "List" }
    /// Whether objects live in a namespace.
    public var namespaced: Bool
    /// Short names accepted by kubectl (`po`, `svc`, ...).
    public var shortNames: [String]
    /// Categories such as `all`.
    public var categories: [String]
    /// Subresources served under the object path (`status`, `scale`, `binding`, ...).
    public var subresources: [Subresource]
    /// The OpenAPI definition name of the object type.
    public var definition: String
    /// The verbs served (`standardVerbs` for stored resources; `create` only for reviews).
    public var verbs: [String]

    /// A subresource of a resource.
    public struct Subresource: Sendable, Hashable {
        /// The path segment, e.g. `status`.
        public var name: String
        /// The kind exchanged on it, e.g. `Scale` for `scale`.
        public var kind: String
        /// The group of that kind (`autoscaling` for Scale); empty for the resource's own group.
        public var group: String
        /// The version of that kind.
        public var version: String
        /// Verbs allowed on it.
        public var verbs: [String]

        public init(name: String, kind: String, group: String, version: String, verbs: [String]) {
            self.name = name
            self.kind = kind
            self.group = group
            self.version = version
            self.verbs = verbs
        }
    }

    public init(
        group: String, version: String, resource: String, singular: String, kind: String, namespaced: Bool,
        shortNames: [String] = [], categories: [String] = [], subresources: [Subresource] = [], definition: String,
        verbs: [String] = ResourceInfo.standardVerbs
    ) {
        self.verbs = verbs
        self.group = group
        self.version = version
        self.resource = resource
        self.singular = singular
        self.kind = kind
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
        self.definition = definition
    }

    /// Whether objects of this resource are stored (false for create-only reviews, which are
    /// answered and forgotten).
    public var isStored: Bool { verbs.contains("get") }

    /// The `apiVersion` of the objects: `v1` or `group/version`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The group/version/kind of the objects.
    public var gvk: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }

    /// The verbs every resource serves.
    public static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// The URL prefix of the group version: `/api/v1` or `/apis/group/version`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path, in `namespace` when the resource is namespaced.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace { return "\(groupVersionPath)/namespaces/\(namespace)/\(resource)" }
        return "\(groupVersionPath)/\(resource)"
    }

    /// The path of the object `name`.
    public func objectPath(namespace: String?, name: String) -> String {
        "\(collectionPath(namespace: namespace))/\(name)"
    }

    /// The key prefix under which the objects are stored, e.g. `/registry/pods/`.
    public var storagePrefix: String {
        let base = group.isEmpty || group == "apps" || group == "batch" ? resource : "\(group)/\(resource)"
        return "/registry/\(base)/"
    }

    /// The storage key of one object.
    public func storageKey(namespace: String?, name: String) -> String {
        if namespaced { return "\(storagePrefix)\(namespace ?? "")/\(name)" }
        return "\(storagePrefix)\(name)"
    }
}
