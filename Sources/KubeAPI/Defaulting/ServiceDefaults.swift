/// Service defaults (`SetDefaults_Service`), plus the cluster IP and IP family fields the
/// Service REST strategy and allocator fill before an IP is assigned. Skiff's service network
/// is single-stack IPv4 unless a cluster IP says otherwise.
enum ServiceDefaults {
    /// The default `sessionAffinityConfig.clientIP.timeoutSeconds` (three hours).
    static let defaultClientIPTimeout = 10800

    static func apply(_ obj: inout JSONObject) {
        obj.withObject("spec", create: true) { spec in
            spec.setDefaultString("sessionAffinity", "None")
            switch spec["sessionAffinity"]?.stringValue {
            case "None"?:
                if spec["sessionAffinityConfig"] != nil { spec["sessionAffinityConfig"] = nil }
            case "ClientIP"?:
                if spec["sessionAffinityConfig"]?["clientIP"]?["timeoutSeconds"]?.intValue == nil {
                    spec["sessionAffinityConfig"] = ["clientIP": ["timeoutSeconds": .int(defaultClientIPTimeout)]]
                }
            default:
                break
            }
            spec.setDefaultString("type", "ClusterIP")
            spec.withEach("ports") { port in
                port.setDefaultString("protocol", "TCP")
                let target = port["targetPort"]
                if target == nil || target == .null || target?.intValue == 0 || target == .string(""),
                    let p = port["port"]
                {
                    port["targetPort"] = p
                }
            }
            let type = spec["type"]?.stringValue ?? ""
            let hasExternalIPs = !(spec["externalIPs"]?.arrayValue ?? []).isEmpty
            if type == "NodePort" || type == "LoadBalancer" || (type == "ClusterIP" && hasExternalIPs) {
                spec.setDefaultString("externalTrafficPolicy", "Cluster")
            }
            if type == "NodePort" || type == "LoadBalancer" || type == "ClusterIP" {
                spec.setDefault("internalTrafficPolicy", "Cluster")
            }
            if type == "LoadBalancer" { spec.setDefault("allocateLoadBalancerNodePorts", true) }
            if type != "ExternalName" { applyIPFamilies(&spec) }
        }
        obj.withObject("status", create: true) { $0.setDefault("loadBalancer", .object(JSONObject())) }
    }

    /// Keeps `clusterIP` and `clusterIPs` in step and picks the IP family fields.
    static func applyIPFamilies(_ spec: inout JSONObject) {
        var ipsUnset = false
        switch spec["clusterIPs"] {
        case nil, .null?: ipsUnset = true
        case .array(let a)?: ipsUnset = a.isEmpty
        default: break
        }
        if let ip = spec["clusterIP"]?.stringValue, !ip.isEmpty, ipsUnset {
            spec["clusterIPs"] = [.string(ip)]
        } else if spec.isUnsetString("clusterIP"), let first = spec["clusterIPs"]?.arrayValue?.first?.stringValue {
            spec["clusterIP"] = .string(first)
        }
        let ips = (spec["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        let headless = ips == ["None"]
        let selectorless = spec["selector"]?.objectValue?.isEmpty ?? true
        if spec.isUnset("ipFamilyPolicy") && ips.count <= 1 {
            spec["ipFamilyPolicy"] = headless && selectorless ? "RequireDualStack" : "SingleStack"
        }
        guard spec.isUnset("ipFamilies") || spec["ipFamilies"]?.arrayValue?.isEmpty == true else { return }
        let family: (String) -> String = { ParsedIP($0).map { $0.isV4 ? "IPv4" : "IPv6" } ?? "IPv4" }
        let real = ips.filter { $0 != "None" }
        if real.count == 2 {
            spec["ipFamilies"] = .array(real.map { .string(family($0)) })
        } else if spec["ipFamilyPolicy"]?.stringValue == "RequireDualStack" {
            let primary = real.first.map(family) ?? "IPv4"
            spec["ipFamilies"] = primary == "IPv4" ? ["IPv4", "IPv6"] : ["IPv6", "IPv4"]
        } else {
            spec["ipFamilies"] = [.string(real.first.map(family) ?? "IPv4")]
        }
    }
}
