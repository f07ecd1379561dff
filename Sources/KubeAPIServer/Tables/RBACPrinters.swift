import Foundation
import KubeAPI

/// Roles, ClusterRoles, RoleBindings and ClusterRoleBindings, following `printRole`,
/// `printClusterRole`, `printRoleBinding` and `printClusterRoleBinding`.
enum RBACPrinters {
    /// NAME CREATED AT (roles and cluster roles alike).
    static let roles = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Created At", type: "date", description: TableDocs.objectMetaCreationTimestamp),
        ],
        cells: { object, _ in
            [.string(TableFields.name(object)), .string(TableFields.string(object["metadata"]?["creationTimestamp"]))]
        })

    /// NAME ROLE AGE | USERS GROUPS SERVICEACCOUNTS (role bindings and cluster role bindings alike).
    static let bindings = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Role", type: "string", description: TableDocs.roleBindingRoleRef),
            WorkloadPrinters.ageColumn,
            TableColumn(name: "Users", type: "string", description: TableDocs.roleBindingUsers, priority: 1),
            TableColumn(name: "Groups", type: "string", description: TableDocs.roleBindingGroups, priority: 1),
            TableColumn(
                name: "ServiceAccounts", type: "string", description: TableDocs.roleBindingServiceAccounts, priority: 1),
        ],
        cells: { object, now in
            let ref = object["roleRef"]
            let role = TableFields.string(ref?["kind"]) + "/" + TableFields.string(ref?["name"])
            let subjects = subjectStrings(object["subjects"])
            return [
                .string(TableFields.name(object)), .string(role), TableFields.age(object, now: now),
                .string(subjects.users.joined(separator: ", ")), .string(subjects.groups.joined(separator: ", ")),
                .string(subjects.serviceAccounts.joined(separator: ", ")),
            ]
        })

    /// The subjects' names by kind, as `SubjectsStrings` lists them (service accounts as
    /// `namespace/name` when they name a namespace).
    static func subjectStrings(_ value: JSONValue?) -> (users: [String], groups: [String], serviceAccounts: [String]) {
        var users: [String] = []
        var groups: [String] = []
        var serviceAccounts: [String] = []
        for subject in TableFields.array(value) {
            let name = TableFields.string(subject["name"])
            switch TableFields.string(subject["kind"]) {
            case "User": users.append(name)
            case "Group": groups.append(name)
            case "ServiceAccount":
                let ns = TableFields.string(subject["namespace"])
                serviceAccounts.append(ns.isEmpty ? name : "\(ns)/\(name)")
            default: break
            }
        }
        return (users, groups, serviceAccounts)
    }
}
