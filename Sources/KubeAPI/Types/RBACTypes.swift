/// rbac.authorization.k8s.io/v1 PolicyRule: the verbs allowed on resources of API groups
/// (optionally only the named objects), or on non-resource URLs.
public struct PolicyRule: Codable, Sendable, Hashable {
    /// The verbs allowed (`get`, `list`, `create`, ..., or `*`).
    public var verbs: [String]
    /// The API groups of `resources` (`""` is core; `*` is every group).
    public var apiGroups: [String]?
    /// The resources (`pods`, `pods/log`, `*/scale`, `*`).
    public var resources: [String]?
    /// The objects the rule is limited to; empty or absent means every object.
    public var resourceNames: [String]?
    /// Non-resource paths (`/healthz`, `/apis/*`); only in ClusterRoles bound cluster-wide.
    public var nonResourceURLs: [String]?

    /// Creates a rule; absent lists stay absent.
    public init(
        verbs: [String], apiGroups: [String]? = nil, resources: [String]? = nil, resourceNames: [String]? = nil,
        nonResourceURLs: [String]? = nil
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    private enum CodingKeys: String, CodingKey {
        case verbs, apiGroups, resources, resourceNames, nonResourceURLs
    }

    /// Decodes a rule, reading missing or null `verbs` as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        verbs = try c.decodeIfPresent([String].self, forKey: .verbs) ?? []
        apiGroups = try c.decodeIfPresent([String].self, forKey: .apiGroups)
        resources = try c.decodeIfPresent([String].self, forKey: .resources)
        resourceNames = try c.decodeIfPresent([String].self, forKey: .resourceNames)
        nonResourceURLs = try c.decodeIfPresent([String].self, forKey: .nonResourceURLs)
    }
}

/// rbac.authorization.k8s.io/v1 AggregationRule: the ClusterRoles whose rules fill a ClusterRole.
public struct AggregationRule: Codable, Sendable, Hashable {
    /// Selectors over ClusterRole labels; a role matching any of them contributes its rules.
    public var clusterRoleSelectors: [LabelSelectorObject]?

    /// Creates an aggregation rule.
    public init(clusterRoleSelectors: [LabelSelectorObject]? = nil) {
        self.clusterRoleSelectors = clusterRoleSelectors
    }
}

/// rbac.authorization.k8s.io/v1 Role: rules that apply in the Role's namespace.
public struct Role: KubeObject, Hashable {
    /// `rbac.authorization.k8s.io/v1`.
    public static let apiVersion = "rbac.authorization.k8s.io/v1"
    /// `Role`.
    public static let kind = "Role"
    /// `roles`.
    public static let resource = "roles"

    /// The schema version (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// The rules; absent or null reads as none.
    public var rules: [PolicyRule]?

    /// Creates a Role.
    public init(
        apiVersion: String? = Role.apiVersion, kind: String? = Role.kind, metadata: ObjectMeta = ObjectMeta(),
        rules: [PolicyRule]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.rules = rules
    }
}

/// rbac.authorization.k8s.io/v1 ClusterRole: rules that apply cluster-wide (through a
/// ClusterRoleBinding) or in one namespace (through a RoleBinding).
public struct ClusterRole: KubeObject, Hashable {
    /// `rbac.authorization.k8s.io/v1`.
    public static let apiVersion = "rbac.authorization.k8s.io/v1"
    /// `ClusterRole`.
    public static let kind = "ClusterRole"
    /// `clusterroles`.
    public static let resource = "clusterroles"

    /// The schema version (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// The rules; for an aggregated role, filled by the aggregation controller.
    public var rules: [PolicyRule]?
    /// Which ClusterRoles' rules make up this one's, when set.
    public var aggregationRule: AggregationRule?

    /// Creates a ClusterRole.
    public init(
        apiVersion: String? = ClusterRole.apiVersion, kind: String? = ClusterRole.kind,
        metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil, aggregationRule: AggregationRule? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }
}

/// rbac.authorization.k8s.io/v1 Subject: who a binding grants its role to.
public struct Subject: Codable, Sendable, Hashable {
    /// `User`, `Group` or `ServiceAccount`.
    public var kind: String
    /// `rbac.authorization.k8s.io` for users and groups, `""` for service accounts.
    public var apiGroup: String?
    /// The user, group or service account name.
    public var name: String
    /// The service account's namespace (defaults to a RoleBinding's own).
    public var namespace: String?

    /// Creates a subject.
    public init(kind: String, apiGroup: String? = nil, name: String, namespace: String? = nil) {
        self.kind = kind
        self.apiGroup = apiGroup
        self.name = name
        self.namespace = namespace
    }

    /// The subject kinds Kubernetes accepts, as its messages list them.
    public static let kinds = ["ServiceAccount", "User", "Group"]
}

/// rbac.authorization.k8s.io/v1 RoleRef: the role a binding grants (immutable).
public struct RoleRef: Codable, Sendable, Hashable {
    /// `rbac.authorization.k8s.io`.
    public var apiGroup: String
    /// `Role` or `ClusterRole`.
    public var kind: String
    /// The role's name.
    public var name: String

    /// Creates a role reference.
    public init(apiGroup: String = "rbac.authorization.k8s.io", kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// Where an RBAC binding applies: `RoleBinding` (its namespace) or `ClusterRoleBinding` (everywhere).
public protocol RBACBindingScope: Sendable {
    /// `RoleBinding` or `ClusterRoleBinding`.
    static var kind: String { get }
    /// `rolebindings` or `clusterrolebindings`.
    static var resource: String { get }
}

/// The scope of a RoleBinding: the binding's namespace.
public enum NamespaceBindingScope: RBACBindingScope {
    public static let kind = "RoleBinding"
    public static let resource = "rolebindings"
}

/// The scope of a ClusterRoleBinding: the whole cluster.
public enum ClusterBindingScope: RBACBindingScope {
    public static let kind = "ClusterRoleBinding"
    public static let resource = "clusterrolebindings"
}

/// rbac.authorization.k8s.io/v1 RoleBinding (grants a Role or ClusterRole to subjects in its
/// namespace) and ClusterRoleBinding (grants a ClusterRole to subjects everywhere): one shape.
public struct RBACBinding<Scope: RBACBindingScope>: KubeObject, Hashable {
    /// `rbac.authorization.k8s.io/v1`.
    public static var apiVersion: String { "rbac.authorization.k8s.io/v1" }
    /// `RoleBinding` or `ClusterRoleBinding`.
    public static var kind: String { Scope.kind }
    /// `rolebindings` or `clusterrolebindings`.
    public static var resource: String { Scope.resource }

    /// The schema version (absent when the source omitted it).
    public var apiVersion: String?
    /// The kind (absent when the source omitted it).
    public var kind: String?
    /// Standard object metadata; decoded as empty when absent.
    public var metadata: ObjectMeta
    /// Who is granted the role.
    public var subjects: [Subject]?
    /// The role granted.
    public var roleRef: RoleRef

    /// Creates a binding.
    public init(
        apiVersion: String? = Self.apiVersion, kind: String? = Self.kind, metadata: ObjectMeta = ObjectMeta(),
        subjects: [Subject]? = nil, roleRef: RoleRef
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// rbac.authorization.k8s.io/v1 RoleBinding.
public typealias RoleBinding = RBACBinding<NamespaceBindingScope>
/// rbac.authorization.k8s.io/v1 ClusterRoleBinding.
public typealias ClusterRoleBinding = RBACBinding<ClusterBindingScope>
