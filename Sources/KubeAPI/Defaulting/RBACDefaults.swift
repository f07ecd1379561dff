/// Defaults of RoleBindings and ClusterRoleBindings (`SetDefaults_RoleBinding`,
/// `SetDefaults_ClusterRoleBinding`, `SetDefaults_Subject`).
enum RBACDefaults {
    /// The roleRef's API group is `rbac.authorization.k8s.io` when unset; a User or Group
    /// subject's API group is `rbac.authorization.k8s.io` when unset (a ServiceAccount's stays "").
    static func applyBinding(_ obj: inout JSONObject) {
        obj.withObject("roleRef", create: false) { $0.setDefaultString("apiGroup", RBACValidation.group) }
        obj.withEach("subjects") { subject in
            switch subject["kind"]?.stringValue {
            case "User"?, "Group"?: subject.setDefaultString("apiGroup", RBACValidation.group)
            default: break
            }
        }
    }
}
