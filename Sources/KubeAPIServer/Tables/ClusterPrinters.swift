import Foundation
import KubeAPI

/// Nodes, Namespaces, ConfigMaps, Secrets, ServiceAccounts, Leases and PriorityClasses, following
/// `printNode`, `printNamespace`, `printConfigMap`, `printSecret`, `printServiceAccount`, `printLease`
/// and `printPriorityClass`.
enum ClusterPrinters {
    /// NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
    static let nodes = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Status", type: "string", description: "The status of the node"),
            TableColumn(name: "Roles", type: "string", description: "The roles of the node"),
            WorkloadPrinters.ageColumn,
            TableColumn(name: "Version", type: "string", description: TableDocs.nodeSystemInfoKubeletVersion),
            TableColumn(name: "Internal-IP", type: "string", description: TableDocs.nodeStatusAddresses, priority: 1),
            TableColumn(name: "External-IP", type: "string", description: TableDocs.nodeStatusAddresses, priority: 1),
            TableColumn(name: "OS-Image", type: "string", description: TableDocs.nodeSystemInfoOsImage, priority: 1),
            TableColumn(
                name: "Kernel-Version", type: "string", description: TableDocs.nodeSystemInfoKernelVersion,
                priority: 1),
            TableColumn(
                name: "Container-Runtime", type: "string",
                description: TableDocs.nodeSystemInfoContainerRuntimeVersion, priority: 1),
        ],
        cells: { object, now in
            let info = object["status"]?["nodeInfo"]
            func orUnknown(_ field: String) -> JSONValue {
                let value = TableFields.string(info?[field])
                return .string(value.isEmpty ? "<unknown>" : value)
            }
            let roles = nodeRoles(object)
            return [
                .string(TableFields.name(object)),
                .string(nodeStatus(object)),
                .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")),
                TableFields.age(object, now: now),
                .string(TableFields.string(info?["kubeletVersion"])),
                .string(nodeAddress(object, type: "InternalIP")),
                .string(nodeAddress(object, type: "ExternalIP")),
                orUnknown("osImage"), orUnknown("kernelVersion"), orUnknown("containerRuntimeVersion"),
            ]
        })

    /// STATUS: `Ready`/`NotReady` from the (last) Ready condition, `Unknown` without one, then
    /// `SchedulingDisabled` when cordoned.
    static func nodeStatus(_ node: JSONValue) -> String {
        var parts: [String] = []
        if let ready = TableFields.array(node["status"]?["conditions"]).last(where: {
            TableFields.string($0["type"]) == "Ready"
        }) {
            parts.append(TableFields.string(ready["status"]) == "True" ? "Ready" : "NotReady")
        } else {
            parts.append("Unknown")
        }
        if node["spec"]?["unschedulable"]?.boolValue == true { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    /// ROLES: the sorted, distinct roles from `node-role.kubernetes.io/<role>` label keys and the
    /// value of a `kubernetes.io/role` label.
    static func nodeRoles(_ node: JSONValue) -> [String] {
        let prefix = "node-role.kubernetes.io/"
        var roles = Set<String>()
        for (key, value) in TableFields.stringMap(node["metadata"]?["labels"]) {
            if key.hasPrefix(prefix) {
                let role = String(key.dropFirst(prefix.count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role", !value.isEmpty {
                roles.insert(value)
            }
        }
        return roles.sorted()
    }

    /// The first address of a type in `status.addresses`, or `<none>`.
    static func nodeAddress(_ node: JSONValue, type: String) -> String {
        let match = TableFields.array(node["status"]?["addresses"]).first { TableFields.string($0["type"]) == type }
        return match.map { TableFields.string($0["address"]) } ?? "<none>"
    }

    /// NAME STATUS AGE.
    static let namespaces = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Status", type: "string", description: "The status of the namespace"),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)), .string(TableFields.string(object["status"]?["phase"])),
                TableFields.age(object, now: now),
            ]
        })

    /// NAME DATA AGE (DATA counts `data` and `binaryData` keys).
    static let configMaps = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Data", type: "string", description: TableDocs.configMapData),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)),
                .int(TableFields.count(object["data"]) + TableFields.count(object["binaryData"])),
                TableFields.age(object, now: now),
            ]
        })

    /// NAME TYPE DATA AGE.
    static let secrets = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Type", type: "string", description: TableDocs.secretType),
            TableColumn(name: "Data", type: "string", description: TableDocs.secretData),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)), .string(TableFields.string(object["type"])),
                .int(TableFields.count(object["data"])), TableFields.age(object, now: now),
            ]
        })

    /// NAME SECRETS AGE.
    static let serviceAccounts = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Secrets", type: "string", description: TableDocs.serviceAccountSecrets),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)), .int(Int64(TableFields.array(object["secrets"]).count)),
                TableFields.age(object, now: now),
            ]
        })

    /// NAME HOLDER AGE.
    static let leases = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Holder", type: "string", description: TableDocs.leaseSpecHolderIdentity),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)), .string(TableFields.string(object["spec"]?["holderIdentity"])),
                TableFields.age(object, now: now),
            ]
        })

    /// NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY (the server prints wide, so the policy is
    /// always there; an unset policy prints as "").
    static let priorityClasses = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Value", type: "integer", description: TableDocs.priorityClassValue),
            TableColumn(name: "Global-Default", type: "boolean", description: TableDocs.priorityClassGlobalDefault),
            WorkloadPrinters.ageColumn,
            TableColumn(name: "PreemptionPolicy", type: "string", description: TableDocs.priorityClassPreemptionPolicy),
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)), .int(TableFields.int(object["value"])),
                .bool(object["globalDefault"]?.boolValue ?? false), TableFields.age(object, now: now),
                .string(TableFields.string(object["preemptionPolicy"])),
            ]
        })
}
