import KubeAPI

/// The values the downward API exposes (env `fieldRef`/`resourceFieldRef` and downwardAPI
/// volume files), with Kubernetes' formats.
public struct DownwardAPIValues: Sendable {
    /// The pod the fields are read from.
    public var pod: JSONValue
    /// The pod's and the node's addresses (status may not carry them yet).
    public var podIPs: [String]
    public var hostIPs: [String]
    /// Node allocatable CPU (millicores) and memory (bytes): what a limit defaults to.
    public var nodeMilliCPU: Int64
    public var nodeMemoryBytes: Int64

    /// Values for `pod` on a node with the given addresses and allocatable resources.
    public init(pod: JSONValue, podIPs: [String], hostIPs: [String], nodeMilliCPU: Int64, nodeMemoryBytes: Int64) {
        self.pod = pod
        self.podIPs = podIPs
        self.hostIPs = hostIPs
        self.nodeMilliCPU = nodeMilliCPU
        self.nodeMemoryBytes = nodeMemoryBytes
    }

    /// The value of `fieldPath` (`metadata.name`, `metadata.labels['app']`, `status.podIP`, ...);
    /// whole `metadata.labels`/`metadata.annotations` only when `allowMaps` (volumes).
    public func field(_ fieldPath: String, allowMaps: Bool = false) throws -> String {
        if let key = Self.subscriptKey(fieldPath, "metadata.labels") { return pod.labels[key] ?? "" }
        if let key = Self.subscriptKey(fieldPath, "metadata.annotations") { return pod.annotations[key] ?? "" }
        switch fieldPath {
        case "metadata.name": return pod.name
        case "metadata.namespace": return pod.namespace
        case "metadata.uid": return pod.uid
        case "metadata.labels" where allowMaps: return Self.formatMap(pod.labels)
        case "metadata.annotations" where allowMaps: return Self.formatMap(pod.annotations)
        case "spec.nodeName": return pod["spec"]?["nodeName"]?.stringValue ?? ""
        case "spec.serviceAccountName":
            return pod["spec"]?["serviceAccountName"]?.stringValue ?? pod["spec"]?["serviceAccount"]?.stringValue ?? ""
        case "status.podIP": return podIPs.first ?? ""
        case "status.podIPs": return podIPs.joined(separator: ",")
        case "status.hostIP": return hostIPs.first ?? ""
        case "status.hostIPs": return hostIPs.joined(separator: ",")
        default: throw KubeletError(.unsupportedField, "unsupported fieldPath: \(fieldPath)")
        }
    }

    /// `key` of `metadata.labels['key']` when `path` has that shape for `prefix`.
    static func subscriptKey(_ path: String, _ prefix: String) -> String? {
        guard path.hasPrefix(prefix + "['"), path.hasSuffix("']") else { return nil }
        return String(path.dropFirst(prefix.count + 2).dropLast(2))
    }

    /// Kubernetes' `fieldpath.FormatMap`: sorted `key="value"` lines, values Go-quoted.
    static func formatMap(_ map: [String: String]) -> String {
        map.keys.sorted().map { key in "\(key)=\(goQuoted(map[key] ?? ""))" }.joined(separator: "\n")
    }

    /// The value of `resource` (`limits.cpu`, `requests.memory`, `limits.ephemeral-storage`, ...)
    /// of `container`, divided by `divisor` and rounded up, as Kubernetes'
    /// `ExtractContainerResourceValue`; a missing limit is the node's allocatable.
    public func resource(_ resource: String, divisor: Quantity?, container: Container?) throws -> String {
        let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "limits" || parts[0] == "requests" else {
            throw KubeletError(.unsupportedField, "unsupported container resource: \(resource)")
        }
        let name = parts[1]
        let resources = container?.resources
        var quantity = (parts[0] == "limits" ? resources?.limits : resources?.requests)?[name]
        if parts[0] == "requests", quantity == nil { quantity = resources?.limits?[name] }
        switch name {
        case "cpu":
            let divisorMilli = max(1, divisor?.milliValue ?? 1000)
            let milli = quantity?.milliValue ?? (parts[0] == "limits" ? nodeMilliCPU : 0)
            return String(Int64((Double(milli) / Double(divisorMilli)).rounded(.up)))
        case "memory", "ephemeral-storage":
            let divisorValue = max(1, divisor?.value ?? 1)
            let bytes = quantity?.value ?? (parts[0] == "limits" && name == "memory" ? nodeMemoryBytes : 0)
            return String(Int64((Double(bytes) / Double(divisorValue)).rounded(.up)))
        default:
            if name.hasPrefix("hugepages-") { return String(quantity?.value ?? 0) }
            throw KubeletError(.unsupportedField, "unsupported container resource: \(resource)")
        }
    }
}
