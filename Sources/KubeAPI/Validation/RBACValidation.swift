/// Validation of rbac.authorization.k8s.io/v1 Roles, ClusterRoles and their bindings
/// (`ValidateRole`, `ValidateClusterRole`, `ValidateRoleBinding`, `ValidateClusterRoleBinding` and
/// their updates): names are path segments, rules need verbs and either resources with API groups
/// or non-resource URLs, subjects are users, groups or service accounts, and a binding's roleRef
/// never changes.
enum RBACValidation {
    /// The API group of roles and bindings.
    static let group = "rbac.authorization.k8s.io"

    /// A Role (`namespaced`) or ClusterRole.
    static func validateRole(_ obj: JSONObject, namespaced: Bool, into list: inout CauseList) {
        MetadataValidation.validateCreate(obj, namespaced: namespaced, nameRule: .pathSegment, into: &list)
        guard let rules = list.array(obj, "rules", "") else { return }
        for (i, value) in rules.enumerated() {
            let path = FieldPath.index("rules", i)
            guard let rule = list.element(value, path) else { continue }
            validateRule(rule, namespaced: namespaced, path: path, into: &list)
        }
        if !namespaced, let aggregation = list.object(obj, "aggregationRule", "") {
            _ = list.array(aggregation, "clusterRoleSelectors", "aggregationRule")
        }
    }

    /// `validatePolicyRule`.
    static func validateRule(_ rule: JSONObject, namespaced: Bool, path: String, into list: inout CauseList) {
        let verbs = list.stringArray(rule, "verbs", path) ?? []
        let groups = list.stringArray(rule, "apiGroups", path) ?? []
        let resources = list.stringArray(rule, "resources", path) ?? []
        let names = list.stringArray(rule, "resourceNames", path) ?? []
        let urls = list.stringArray(rule, "nonResourceURLs", path) ?? []
        if verbs.isEmpty {
            list.add(FieldError.required(FieldPath.child(path, "verbs"), "verbs must contain at least one value"))
        }
        if !urls.isEmpty {
            let urlsValue = JSONValue.array(urls.map(JSONValue.string))
            let field = FieldPath.child(path, "nonResourceURLs")
            if namespaced {
                list.add(FieldError.invalid(field, urlsValue, "namespaced rules cannot apply to non-resource URLs"))
            }
            if !groups.isEmpty || !resources.isEmpty || !names.isEmpty {
                list.add(
                    FieldError.invalid(field, urlsValue, "rules cannot apply to both regular resources and non-resource URLs"))
            }
            return
        }
        if groups.isEmpty {
            list.add(
                FieldError.required(FieldPath.child(path, "apiGroups"), "resource rules must supply at least one api group"))
        }
        if resources.isEmpty {
            list.add(
                FieldError.required(FieldPath.child(path, "resources"), "resource rules must supply at least one resource"))
        }
        if !names.isEmpty, resources.count > 1 {
            list.add(
                FieldError.required(
                    FieldPath.child(path, "resourceNames"), "resource names cannot apply to multiple resources"))
        }
    }

    /// A RoleBinding (`namespaced`) or ClusterRoleBinding; on update also that roleRef is unchanged.
    static func validateBinding(_ obj: JSONObject, old: JSONObject?, namespaced: Bool, into list: inout CauseList) {
        MetadataValidation.validateCreate(obj, namespaced: namespaced, nameRule: .pathSegment, into: &list)
        let ref = list.object(obj, "roleRef", "") ?? JSONObject()
        let apiGroup = list.string(ref, "apiGroup", "roleRef") ?? ""
        let kind = list.string(ref, "kind", "roleRef") ?? ""
        let name = list.string(ref, "name", "roleRef") ?? ""
        if apiGroup != group { list.add(FieldError.notSupported("roleRef.apiGroup", string: apiGroup, [group])) }
        let kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"]
        if !kinds.contains(kind) { list.add(FieldError.notSupported("roleRef.kind", string: kind, kinds)) }
        if name.isEmpty {
            list.add(FieldError.required("roleRef.name"))
        } else {
            list.invalid("roleRef.name", string: name, NameValidation.isPathSegmentName(name))
        }
        if let subjects = list.array(obj, "subjects", "") {
            for (i, value) in subjects.enumerated() {
                let path = FieldPath.index("subjects", i)
                guard let subject = list.element(value, path) else { continue }
                validateSubject(subject, namespaced: namespaced, path: path, into: &list)
            }
        }
        if let old {
            let oldRef = old["roleRef"]?.objectValue ?? JSONObject()
            let before = (
                oldRef["apiGroup"]?.stringValue ?? "", oldRef["kind"]?.stringValue ?? "", oldRef["name"]?.stringValue ?? ""
            )
            if before != (apiGroup, kind, name) {
                let shown =
                    "rbac.RoleRef{APIGroup:\(goQuoted(apiGroup)), Kind:\(goQuoted(kind)), Name:\(goQuoted(name))}"
                list.add(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: \(shown): cannot change roleRef",
                        field: "roleRef"))
            }
        }
    }

    /// `validateRoleBindingSubject`.
    static func validateSubject(_ subject: JSONObject, namespaced: Bool, path: String, into list: inout CauseList) {
        let name = list.string(subject, "name", path) ?? ""
        let kind = list.string(subject, "kind", path) ?? ""
        let apiGroup = list.string(subject, "apiGroup", path) ?? ""
        let namespace = list.string(subject, "namespace", path) ?? ""
        let nameField = FieldPath.child(path, "name")
        if name.isEmpty { list.add(FieldError.required(nameField)) }
        switch kind {
        case "ServiceAccount":
            if !name.isEmpty { list.invalid(nameField, string: name, NameValidation.isDNS1123Subdomain(name)) }
            if !apiGroup.isEmpty {
                list.add(FieldError.notSupported(FieldPath.child(path, "apiGroup"), string: apiGroup, [""]))
            }
            if !namespaced, namespace.isEmpty { list.add(FieldError.required(FieldPath.child(path, "namespace"))) }
        case "User", "Group":
            if name.isEmpty {
                let what = kind == "User" ? "user" : "group"
                list.add(FieldError.invalid(nameField, string: name, "\(what) name cannot be empty"))
            }
            if apiGroup != group {
                list.add(FieldError.notSupported(FieldPath.child(path, "apiGroup"), string: apiGroup, [group]))
            }
        default:
            list.add(FieldError.notSupported(FieldPath.child(path, "kind"), string: kind, Subject.kinds))
        }
    }
}
