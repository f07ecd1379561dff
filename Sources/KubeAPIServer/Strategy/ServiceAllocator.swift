import KubeAPI

/// Hands out Service cluster IPs from the service CIDR and node ports from 30000-32767, never the
/// same one twice, and takes them back when a Service is deleted.
///
/// The state is rebuilt from the stored Services at start, so a crash loses no allocation that a
/// stored Service holds.
actor ServiceAllocator {
    /// The node port range.
    static let nodePorts = 30000...32767

    private let base: UInt32
    private let size: UInt32
    private var usedIPs: Set<UInt32> = []
    private var usedPorts: Set<Int> = []
    private var nextOffset: UInt32 = 10

    /// An allocator for `cidr` (IPv4, e.g. `10.43.0.0/16`).
    init(cidr: String) throws(APIError) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = UInt32(parts[1]), bits >= 8, bits <= 30,
            let ip = Self.parseIPv4(String(parts[0]))
        else { throw APIError.badRequest("invalid service CIDR \(cidr)") }
        size = 1 << (32 - bits)
        base = ip & ~(size - 1)
    }

    /// The first usable address, reserved for the `kubernetes` Service.
    nonisolated var apiServiceIP: String { Self.format(base + 1) }

    /// The CIDR's network address and size.
    nonisolated var range: (base: UInt32, size: UInt32) { (base, size) }

    /// Marks what the stored Services hold.
    func load(_ services: [JSONValue]) {
        for s in services { markUsed(s) }
    }

    private func markUsed(_ service: JSONValue) {
        for ip in Self.clusterIPs(service) { if let v = Self.parseIPv4(ip) { usedIPs.insert(v) } }
        for p in Self.nodePortsOf(service) { usedPorts.insert(p) }
    }

    /// Fills in and reserves the cluster IP and node ports `service` needs (given the stored
    /// `old` version on update). Returns what was newly reserved, for `release` if the write fails.
    func allocate(_ service: inout JSONValue, old: JSONValue?) throws(APIError) -> JSONValue {
        var reservedIPs: [UInt32] = []
        var reservedPorts: [Int] = []
        let type = service["spec"]?["type"]?.stringValue ?? "ClusterIP"
        let name = service.name
        func invalid(_ field: String, _ value: String, _ msg: String) -> APIError {
            .invalid(kind: "Service", name: name, causes: [.invalid(field, value: value, msg)])
        }
        if old == nil, type != "ExternalName" {
            let requested = service["spec"]?["clusterIP"]?.stringValue ?? ""
            if requested == "None" {
                service.set(["None"], at: ["spec", "clusterIPs"])
            } else if requested.isEmpty {
                guard let ip = nextFreeIP() else {
                    throw APIError(code: 500, reason: "InternalError", message: "Internal error occurred: failed to allocate a serviceIP: range is full")
                }
                usedIPs.insert(ip)
                reservedIPs.append(ip)
                service.set(.string(Self.format(ip)), at: ["spec", "clusterIP"])
                service.set([.string(Self.format(ip))], at: ["spec", "clusterIPs"])
            } else {
                guard let ip = Self.parseIPv4(requested), ip & ~(size - 1) == base else {
                    throw invalid("spec.clusterIPs", requested, "failed to allocate IP \(requested): the provided IP (\(requested)) is not in the valid range. The range of valid IPs is \(Self.format(base))/\(32 - size.trailingZeroBitCount)")
                }
                guard !usedIPs.contains(ip) else {
                    throw invalid("spec.clusterIPs", requested, "failed to allocate IP \(requested): provided IP is already allocated")
                }
                usedIPs.insert(ip)
                reservedIPs.append(ip)
                service.set([.string(requested)], at: ["spec", "clusterIPs"])
            }
        }
        if type == "NodePort" || type == "LoadBalancer", var ports = service["spec"]?["ports"]?.arrayValue {
            let oldPorts = Set(old.map(Self.nodePortsOf) ?? [])
            for i in ports.indices {
                if let wanted = ports[i]["nodePort"]?.intValue, wanted != 0 {
                    let p = Int(wanted)
                    if oldPorts.contains(p) || reservedPorts.contains(p) { continue }
                    guard Self.nodePorts.contains(p) else {
                        release(ips: reservedIPs, ports: reservedPorts)
                        throw invalid("spec.ports[\(i)].nodePort", String(p), "provided port is not in the valid range. The range of valid ports is 30000-32767")
                    }
                    guard !usedPorts.contains(p) else {
                        release(ips: reservedIPs, ports: reservedPorts)
                        throw invalid("spec.ports[\(i)].nodePort", String(p), "provided port is already allocated")
                    }
                    usedPorts.insert(p)
                    reservedPorts.append(p)
                } else {
                    guard let p = Self.nodePorts.shuffled().first(where: { !usedPorts.contains($0) }) else {
                        release(ips: reservedIPs, ports: reservedPorts)
                        throw APIError.internalError("failed to allocate a nodePort: range is full")
                    }
                    usedPorts.insert(p)
                    reservedPorts.append(p)
                    ports[i]["nodePort"] = .int(p)
                }
            }
            service.set(.array(ports), at: ["spec", "ports"])
        }
        return ["ips": .array(reservedIPs.map { .string(Self.format($0)) }), "ports": .array(reservedPorts.map { .int($0) })]
    }

    /// Returns what `allocate` reserved (its return value).
    func release(_ reservation: JSONValue) {
        let ips = (reservation["ips"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Self.parseIPv4) }
        let ports = (reservation["ports"]?.arrayValue ?? []).compactMap { $0.intValue.map(Int.init) }
        release(ips: ips, ports: ports)
    }

    private func release(ips: [UInt32], ports: [Int]) {
        for ip in ips { usedIPs.remove(ip) }
        for p in ports { usedPorts.remove(p) }
    }

    /// Frees what a deleted Service held, and node ports an update dropped (`kept` = new version).
    func releaseService(_ service: JSONValue, kept: JSONValue? = nil) {
        let keepPorts = Set(kept.map(Self.nodePortsOf) ?? [])
        if kept == nil {
            for ip in Self.clusterIPs(service) { if let v = Self.parseIPv4(ip) { usedIPs.remove(v) } }
        }
        for p in Self.nodePortsOf(service) where !keepPorts.contains(p) { usedPorts.remove(p) }
    }

    private func nextFreeIP() -> UInt32? {
        guard size > 4 else { return nil }
        for _ in 0..<size {
            let offset = nextOffset
            nextOffset = nextOffset + 1 >= size - 1 ? 2 : nextOffset + 1
            let ip = base + offset
            if offset >= 2, !usedIPs.contains(ip) { return ip }
        }
        return nil
    }

    static func clusterIPs(_ service: JSONValue) -> [String] {
        var out = (service["spec"]?["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        if let ip = service["spec"]?["clusterIP"]?.stringValue, !out.contains(ip) { out.append(ip) }
        return out.filter { $0 != "None" && !$0.isEmpty }
    }

    static func nodePortsOf(_ service: JSONValue) -> [Int] {
        (service["spec"]?["ports"]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue.map(Int.init) }.filter { $0 != 0 }
    }

    static func parseIPv4(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let b = UInt8(p), p.count <= 3 else { return nil }
            v = v << 8 | UInt32(b)
        }
        return v
    }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
    }
}
