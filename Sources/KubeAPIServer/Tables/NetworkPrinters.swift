import Foundation
import KubeAPI

/// Services, Endpoints and EndpointSlices, following `printService`, `printEndpoints` and
/// `printEndpointSlice`.
enum NetworkPrinters {
    /// NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR.
    static let services = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Type", type: "string", description: TableDocs.serviceSpecType),
            TableColumn(name: "Cluster-IP", type: "string", description: TableDocs.serviceSpecClusterIP),
            TableColumn(name: "External-IP", type: "string", description: TableDocs.serviceSpecExternalIPs),
            TableColumn(name: "Port(s)", type: "string", description: TableDocs.serviceSpecPorts),
            WorkloadPrinters.ageColumn,
            TableColumn(name: "Selector", type: "string", description: TableDocs.serviceSpecSelector, priority: 1),
        ],
        cells: { object, now in
            let spec = object["spec"]
            var clusterIP = TableFields.string(TableFields.array(spec?["clusterIPs"]).first)
            if clusterIP.isEmpty { clusterIP = TableFields.string(spec?["clusterIP"]) }
            let ports = portString(spec?["ports"])
            return [
                .string(TableFields.name(object)),
                .string(serviceType(object)),
                .string(clusterIP.isEmpty ? "<none>" : clusterIP),
                .string(externalIP(object)),
                .string(ports.isEmpty ? "<none>" : ports),
                TableFields.age(object, now: now),
                .string(TableFields.formatLabels(spec?["selector"])),
            ]
        })

    /// `spec.type`, `ClusterIP` when unset (the API server's default).
    static func serviceType(_ service: JSONValue) -> String {
        service["spec"]?["type"]?.stringValue ?? "ClusterIP"
    }

    /// EXTERNAL-IP as `getServiceExternalIP` computes it for the (always wide) server-side table.
    static func externalIP(_ service: JSONValue) -> String {
        let spec = service["spec"]
        let externalIPs = TableFields.array(spec?["externalIPs"]).compactMap(\.stringValue)
        switch serviceType(service) {
        case "ClusterIP", "NodePort":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            var addresses = Set<String>()
            for ingress in TableFields.array(service["status"]?["loadBalancer"]?["ingress"]) {
                let ip = TableFields.string(ingress["ip"])
                let hostname = TableFields.string(ingress["hostname"])
                if !ip.isEmpty {
                    addresses.insert(ip)
                } else if !hostname.isEmpty {
                    addresses.insert(hostname)
                }
            }
            let balancer = addresses.sorted()
            if !externalIPs.isEmpty { return (balancer + externalIPs).joined(separator: ",") }
            return balancer.isEmpty ? "<pending>" : balancer.joined(separator: ",")
        case "ExternalName":
            return TableFields.string(spec?["externalName"])
        default:
            return "<unknown>"
        }
    }

    /// PORT(S): `port/protocol` or `port:nodePort/protocol`, joined by commas.
    static func portString(_ ports: JSONValue?) -> String {
        TableFields.array(ports).map { port in
            let number = TableFields.int(port["port"])
            let proto = port["protocol"]?.stringValue ?? "TCP"
            let nodePort = TableFields.int(port["nodePort"])
            return nodePort > 0 ? "\(number):\(nodePort)/\(proto)" : "\(number)/\(proto)"
        }.joined(separator: ",")
    }

    /// NAME ENDPOINTS AGE.
    static let endpoints = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Endpoints", type: "string", description: TableDocs.endpointsSubsets),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            [.string(TableFields.name(object)), .string(formatEndpoints(object)), TableFields.age(object, now: now)]
        })

    /// `formatEndpoints` for all ports: up to three `ip:port`, then "+ N more...".
    static func formatEndpoints(_ endpoints: JSONValue) -> String {
        let subsets = TableFields.array(endpoints["subsets"])
        if subsets.isEmpty { return "<none>" }
        let max = 3
        var list: [String] = []
        var count = 0
        var more = false
        for subset in subsets {
            let addresses = TableFields.array(subset["addresses"]).map { TableFields.string($0["ip"]) }
            let ports = TableFields.array(subset["ports"])
            if ports.isEmpty {
                // Headless services may have no ports.
                count += addresses.count
                for ip in addresses {
                    if list.count == max {
                        more = true
                        break
                    }
                    list.append(ip)
                }
                continue
            }
            for port in ports {
                count += addresses.count
                for ip in addresses {
                    if list.count == max {
                        more = true
                        break
                    }
                    list.append(TableFields.joinHostPort(ip, TableFields.int(port["port"])))
                }
            }
        }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(count - max) more..." : joined
    }

    /// NAME ADDRESSTYPE PORTS ENDPOINTS AGE.
    static let endpointSlices = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "AddressType", type: "string", description: TableDocs.endpointSliceAddressType),
            TableColumn(name: "Ports", type: "string", description: TableDocs.endpointSlicePorts),
            TableColumn(name: "Endpoints", type: "string", description: TableDocs.endpointSliceEndpoints),
            WorkloadPrinters.ageColumn,
        ],
        cells: { object, now in
            let ports = TableFields.array(object["ports"]).map { port -> String in
                if let number = port["port"]?.intValue { return String(number) }
                if let name = port["name"]?.stringValue { return name }
                return "*"
            }
            let addresses = TableFields.array(object["endpoints"]).flatMap { endpoint in
                TableFields.array(endpoint["addresses"]).map { TableFields.string($0) }
            }
            return [
                .string(TableFields.name(object)),
                .string(TableFields.string(object["addressType"])),
                .string(TableFields.listWithMore(ports)),
                .string(TableFields.listWithMore(addresses)),
                TableFields.age(object, now: now),
            ]
        })
}
