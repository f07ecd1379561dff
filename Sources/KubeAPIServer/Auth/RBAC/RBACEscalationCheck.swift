import Foundation
import KubeAPI

/// Kubernetes' RBAC escalation prevention: no one writes a Role or ClusterRole granting rules
/// they do not hold unless they may `escalate` it, and no one binds a role whose rules they do
/// not hold unless they may `bind` it. Members of `system:masters` may do both.
struct RBACEscalationCheck: Sendable {
    /// Where the user's own rules come from.
    let policy: RBACPolicy
    /// Decides the `escalate` and `bind` verbs.
    let authorizer: any Authorizer

    /// Everything, as `cluster-admin` holds it: needed to set an aggregationRule.
    static let fullAuthority = [
        PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
    ]

    /// Throws 403 Forbidden when `user` writing `object` of `r` would grant what they do not
    /// hold. Writes without a user (the server's own) and objects that do not decode (validation
    /// reports them) pass.
    func check(_ object: JSONValue, _ r: ResourceInfo, user: UserInfo?, creating: Bool) async throws(APIError) {
        guard let user, r.group == RBACEscalationCheck.group, !user.groups.contains("system:masters") else { return }
        let namespace = r.namespaced ? object.namespace : ""
        let name = object.name
        switch r.resource {
        case "roles", "clusterroles":
            if await allowed(user, "escalate", r.resource, namespace: namespace, name: creating ? "" : name) { return }
            guard let role = try? JSONValueDecoder().decode(ClusterRole.self, from: object) else { return }
            try confirmNoEscalation(await policy.snapshot(), user, namespace: namespace, rules: role.rules ?? [], r, name)
            if r.resource == "clusterroles", role.aggregationRule != nil {
                let (owner, _) = await policy.snapshot().rules(for: user, namespace: "")
                if !RuleMatching.covers(owner, Self.fullAuthority).covered {
                    throw APIError.forbidden(
                        group: r.group, resource: r.resource, name: name,
                        reason: "must have cluster-admin privileges to use the aggregationRule")
                }
            }
        case "rolebindings", "clusterrolebindings":
            guard let binding = try? JSONValueDecoder().decode(RoleBinding.self, from: object) else { return }
            let ref = binding.roleRef
            let refResource = ref.kind == "Role" ? "roles" : "clusterroles"
            if await allowed(user, "bind", refResource, namespace: namespace, name: ref.name) { return }
            let snapshot = await policy.snapshot()
            switch snapshot.rules(of: ref, namespace: namespace) {
            case .failure(let e):
                throw APIError.forbidden(group: r.group, resource: r.resource, name: name, reason: e.message)
            case .success(let rules):
                try confirmNoEscalation(snapshot, user, namespace: namespace, rules: rules, r, name)
            }
        default:
            return
        }
    }

    static let group = "rbac.authorization.k8s.io"

    private func allowed(_ user: UserInfo, _ verb: String, _ resource: String, namespace: String, name: String) async -> Bool {
        let attributes = AuthorizationAttributes(
            user: user, verb: verb, apiGroup: Self.group, apiVersion: "*", resource: resource, namespace: namespace,
            name: name)
        return await authorizer.authorize(attributes) == .allow
    }

    /// `ConfirmNoEscalation`: the user's rules in `namespace` must cover `rules`.
    func confirmNoEscalation(
        _ snapshot: RBACSnapshot, _ user: UserInfo, namespace: String, rules: [PolicyRule], _ r: ResourceInfo,
        _ name: String
    ) throws(APIError) {
        let (owner, errors) = snapshot.rules(for: user, namespace: namespace)
        let (covered, missing) = RuleMatching.covers(owner, rules)
        if covered { return }
        let descriptions = Set(RuleMatching.compact(missing).map(RuleMatching.compactString)).sorted()
        let groups = "[" + user.groups.map { goQuoted($0) }.joined(separator: " ") + "]"
        var message =
            "user \(goQuoted(user.username)) (groups=\(groups)) is attempting to grant RBAC permissions not currently held:\n"
            + descriptions.joined(separator: "\n")
        if !errors.isEmpty { message += "; resolution errors: [" + errors.map(\.message).joined(separator: " ") + "]" }
        throw APIError.forbidden(group: r.group, resource: r.resource, name: name, reason: message)
    }
}
