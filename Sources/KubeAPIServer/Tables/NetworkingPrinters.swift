import Foundation
import KubeAPI

/// Ingresses, IngressClasses and NetworkPolicies, following `printIngress`, `printIngressClass`
/// and `printNetworkPolicy`.
enum NetworkingPrinters {
    /// NAME CLASS HOSTS ADDRESS PORTS AGE.
    static let ingresses = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Class", type: "string", description: "The IngressClass whose controller serves the ingress"),
            TableColumn(name: "Hosts", type: "string", description: "The hosts the rules match"),
            TableColumn(name: "Address", type: "string", description: "Where the load balancer serves the ingress"),
            TableColumn(name: "Ports", type: "string", description: "The ports served (443 when TLS is set)"),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            let spec = object["spec"]
            return [
                .string(TableFields.name(object)),
                .string(spec?["ingressClassName"]?.stringValue ?? "<none>"),
                .string(hosts(TableFields.array(spec?["rules"]))),
                .string(address(object["status"]?["loadBalancer"])),
                .string(TableFields.array(spec?["tls"]).isEmpty ? "80" : "80, 443"),
                TableFields.age(object, now: now),
            ]
        })

    /// HOSTS: the first three hosts the rules name, then "+ N more..." (N counting rules past
    /// three) when a rule follows the third host; `*` when no rule names a host.
    static func hosts(_ rules: [JSONValue]) -> String {
        var named: [String] = []
        var more = false
        for rule in rules {
            if named.count == 3 { more = true }
            let host = TableFields.string(rule["host"])
            if !more && !host.isEmpty { named.append(host) }
        }
        if named.isEmpty { return "*" }
        let shown = named.joined(separator: ",")
        return more ? "\(shown) + \(rules.count - 3) more..." : shown
    }

    /// ADDRESS: the distinct IPs (else host names) of the load balancer's entries, sorted.
    static func address(_ status: JSONValue?) -> String {
        var seen = Set<String>()
        for entry in TableFields.array(status?["ingress"]) {
            let ip = TableFields.string(entry["ip"])
            let value = ip.isEmpty ? TableFields.string(entry["hostname"]) : ip
            if !value.isEmpty { seen.insert(value) }
        }
        return seen.sorted().joined(separator: ",")
    }

    /// NAME CONTROLLER PARAMETERS AGE.
    static let ingressClasses = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Controller", type: "string", description: "The controller that serves ingresses of the class"),
            TableColumn(name: "Parameters", type: "string", description: "The object holding the controller's settings"),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            let spec = object["spec"]
            var parameters = "<none>"
            if let p = spec?["parameters"], !p.isNull {
                parameters = TableFields.string(p["kind"])
                if let group = p["apiGroup"]?.stringValue { parameters += "." + group }
                parameters += "/" + TableFields.string(p["name"])
            }
            return [
                .string(TableFields.name(object)), .string(TableFields.string(spec?["controller"])),
                .string(parameters), TableFields.age(object, now: now),
            ]
        })

    /// NAME POD-SELECTOR AGE.
    static let networkPolicies = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Pod-Selector", type: "string", description: "The pods the policy applies to"),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [
                .string(TableFields.name(object)),
                .string(TableFields.formatLabelSelector(object["spec"]?["podSelector"])),
                TableFields.age(object, now: now),
            ]
        })
}
