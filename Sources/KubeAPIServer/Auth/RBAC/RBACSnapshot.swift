import KubeAPI

/// One RoleBinding or ClusterRoleBinding as the policy index keeps it.
struct IndexedBinding: Sendable {
    /// `ClusterRoleBinding` or `RoleBinding`.
    var kind: String
    var name: String
    /// "" for ClusterRoleBindings.
    var namespace: String
    var roleRef: RoleRef
    var subjects: [Subject]
}

/// Whom a binding subject names, as the index keys it: service accounts become their user
/// names (`system:serviceaccount:<ns>:<name>`).
enum SubjectKey: Hashable, Sendable {
    case user(String)
    case group(String)
}

/// Roles and bindings at one moment, with the bindings indexed by subject so that a decision
/// reads only the bindings naming the user or one of its groups.
struct RBACSnapshot: Sendable {
    var roles: [String: [PolicyRule]] = [:]
    var clusterRoles: [String: [PolicyRule]] = [:]
    var bindings: [IndexedBinding] = []
    /// ClusterRoleBindings by subject (indices into `bindings`).
    var clusterBySubject: [SubjectKey: [Int]] = [:]
    /// RoleBindings by namespace, then subject.
    var namespacedBySubject: [String: [SubjectKey: [Int]]] = [:]

    init() {}

    /// Indexes `roles`, `clusterRoles` and the bindings.
    init(roles: [Role], clusterRoles: [ClusterRole], roleBindings: [RoleBinding], clusterRoleBindings: [ClusterRoleBinding]) {
        for r in roles { self.roles[(r.metadata.namespace ?? "") + "/" + (r.metadata.name ?? "")] = r.rules ?? [] }
        for r in clusterRoles { self.clusterRoles[r.metadata.name ?? ""] = r.rules ?? [] }
        for b in clusterRoleBindings {
            add(IndexedBinding(
                kind: "ClusterRoleBinding", name: b.metadata.name ?? "", namespace: "", roleRef: b.roleRef,
                subjects: b.subjects ?? []))
        }
        for b in roleBindings {
            add(IndexedBinding(
                kind: "RoleBinding", name: b.metadata.name ?? "", namespace: b.metadata.namespace ?? "",
                roleRef: b.roleRef, subjects: b.subjects ?? []))
        }
    }

    private mutating func add(_ binding: IndexedBinding) {
        let index = bindings.count
        bindings.append(binding)
        for subject in binding.subjects {
            guard let key = Self.key(subject, bindingNamespace: binding.namespace) else { continue }
            if binding.namespace.isEmpty {
                clusterBySubject[key, default: []].append(index)
            } else {
                namespacedBySubject[binding.namespace, default: [:]][key, default: []].append(index)
            }
        }
    }

    /// The index key of a subject; a ServiceAccount without a namespace takes its RoleBinding's.
    static func key(_ subject: Subject, bindingNamespace: String) -> SubjectKey? {
        switch subject.kind {
        case "User": return .user(subject.name)
        case "Group": return .group(subject.name)
        case "ServiceAccount":
            let ns = (subject.namespace ?? "").isEmpty ? bindingNamespace : subject.namespace ?? ""
            return ns.isEmpty ? nil : .user("system:serviceaccount:\(ns):\(subject.name)")
        default: return nil
        }
    }

    /// The keys a user matches: its name and each of its groups.
    static func keys(for user: UserInfo) -> [SubjectKey] {
        [.user(user.username)] + user.groups.map { .group($0) }
    }

    /// The rules of the role a binding in `namespace` refers to, or the error Kubernetes reports.
    func rules(of ref: RoleRef, namespace: String) -> Result<[PolicyRule], RBACError> {
        switch ref.kind {
        case "Role":
            guard let rules = roles[namespace + "/" + ref.name] else {
                return .failure(RBACError("role.rbac.authorization.k8s.io \(goQuoted(ref.name)) not found"))
            }
            return .success(rules)
        case "ClusterRole":
            guard let rules = clusterRoles[ref.name] else {
                return .failure(RBACError("clusterrole.rbac.authorization.k8s.io \(goQuoted(ref.name)) not found"))
            }
            return .success(rules)
        default:
            return .failure(RBACError("unsupported role reference kind: \(goQuoted(ref.kind))"))
        }
    }

    /// The bindings that apply to `user` in `namespace` (ClusterRoleBindings first, then the
    /// namespace's RoleBindings), each once, in index order.
    func bindings(for user: UserInfo, namespace: String) -> [IndexedBinding] {
        let keys = Self.keys(for: user)
        var cluster = Set<Int>()
        for k in keys { cluster.formUnion(clusterBySubject[k] ?? []) }
        var local = Set<Int>()
        if !namespace.isEmpty, let byKey = namespacedBySubject[namespace] {
            for k in keys { local.formUnion(byKey[k] ?? []) }
        }
        return cluster.sorted().map { bindings[$0] } + local.sorted().map { bindings[$0] }
    }

    /// Every rule `user` holds in `namespace` ("" for cluster-wide only), and the errors met
    /// resolving role references (`RulesFor`).
    func rules(for user: UserInfo, namespace: String) -> (rules: [PolicyRule], errors: [RBACError]) {
        var rules: [PolicyRule] = []
        var errors: [RBACError] = []
        for b in bindings(for: user, namespace: namespace) {
            switch self.rules(of: b.roleRef, namespace: b.namespace) {
            case .success(let r): rules += r
            case .failure(let e): errors.append(e)
            }
        }
        return (rules, errors)
    }

    /// The RBAC decision for `attributes`: allowed by the first rule that matches; otherwise no
    /// opinion, with the resolution errors as the reason (`RBAC: ...`).
    func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision {
        var errors: [RBACError] = []
        for b in bindings(for: attributes.user, namespace: attributes.namespace) {
            switch rules(of: b.roleRef, namespace: b.namespace) {
            case .success(let rules):
                if rules.contains(where: { RuleMatching.allows($0, attributes) }) { return .allow }
            case .failure(let e):
                errors.append(e)
            }
        }
        return .noOpinion(reason: errors.isEmpty ? "" : "RBAC: " + RBACError.aggregate(errors))
    }
}

/// A failure to resolve RBAC policy (a binding naming a missing role).
struct RBACError: Error, Sendable, Hashable {
    var message: String
    init(_ message: String) { self.message = message }

    /// Errors joined as Go's `utilerrors.NewAggregate` prints them: one alone, several as `[a, b]`.
    static func aggregate(_ errors: [RBACError]) -> String {
        if errors.count == 1 { return errors[0].message }
        return "[" + errors.map(\.message).joined(separator: ", ") + "]"
    }
}
