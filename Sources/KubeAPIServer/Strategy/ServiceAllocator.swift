import Foundation
import KubeAPI
import KubeStorage

/// Hands out Service cluster IPs from the service CIDR and node ports from 30000-32767, never the
/// same one twice across every API server sharing the store, and takes them back when a Service
/// is deleted.
///
/// The store is the authority: each allocated IP is one key `/registry/ranges/serviceips/<ip>`
/// and each allocated node port one key `/registry/ranges/servicenodeports/<port>`, created with
/// the store's create-if-absent (an etcd transaction comparing the key's create revision with 0)
/// before the Service is written, and deleted after the Service that held it is gone. This is the
/// shape of Kubernetes' newer IP allocator (one `IPAddress` object per allocated IP) rather than
/// its older `RangeAllocation` bitmap under one compare-and-swap key: allocations of different
/// IPs by different servers never contend, no server must hold the whole bitmap to allocate, and
/// each key names the Service holding it, so a repair can tell a leak (a key whose Service is
/// gone, left by a crash between the two writes) from a live allocation (`repair`).
///
/// The actor's in-memory sets are only hints of what is taken (so a free value is usually found
/// at the first try); a create that finds the key present moves on to the next candidate.
actor ServiceAllocator {
    /// The node port range.
    static let nodePorts = 30000...32767
    /// The key prefix of allocated cluster IPs.
    static let ipPrefix = "/registry/ranges/serviceips/"
    /// The key prefix of allocated node ports.
    static let portPrefix = "/registry/ranges/servicenodeports/"

    let store: any KeyValueStore
    let now: @Sendable () -> Date
    let base: UInt32
    let size: UInt32
    var usedIPs: Set<UInt32> = []
    var usedPorts: Set<Int> = []
    private var nextOffset: UInt32 = 10

    /// An allocator for `cidr` (IPv4, e.g. `10.43.0.0/16`) keeping its allocations in `store`.
    init(cidr: String, store: any KeyValueStore, now: @escaping @Sendable () -> Date = { Date() }) throws(APIError) {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = UInt32(parts[1]), bits >= 8, bits <= 30,
            let ip = Self.parseIPv4(String(parts[0]))
        else { throw APIError.badRequest("invalid service CIDR \(cidr)") }
        size = 1 << (32 - bits)
        base = ip & ~(size - 1)
        self.store = store
        self.now = now
    }

    /// The first usable address, reserved for the `kubernetes` Service.
    nonisolated var apiServiceIP: String { Self.format(base + 1) }

    /// The CIDR's network address and size.
    nonisolated var range: (base: UInt32, size: UInt32) { (base, size) }

    /// Fills in and reserves the cluster IP and node ports `service` needs (given the stored
    /// `old` version on update). Returns what was newly reserved, for `release` if the write fails.
    func allocate(_ service: inout JSONValue, old: JSONValue?) async throws(APIError) -> JSONValue {
        var reservedIPs: [UInt32] = []
        var reservedPorts: [Int] = []
        let type = service["spec"]?["type"]?.stringValue ?? "ClusterIP"
        let name = service.name
        let owner = Self.owner(of: service)
        func invalid(_ field: String, _ value: String, _ msg: String) -> APIError {
            .invalid(kind: "Service", name: name, causes: [.invalid(field, value: value, msg)])
        }
        do throws(APIError) {
            if old == nil, type != "ExternalName" {
                let requested = service["spec"]?["clusterIP"]?.stringValue ?? ""
                if requested == "None" {
                    service.set(["None"], at: ["spec", "clusterIPs"])
                } else if requested.isEmpty {
                    guard let ip = try await claimFreeIP(owner) else {
                        throw APIError(code: 500, reason: "InternalError", message: "Internal error occurred: failed to allocate a serviceIP: range is full")
                    }
                    reservedIPs.append(ip)
                    service.set(.string(Self.format(ip)), at: ["spec", "clusterIP"])
                    service.set([.string(Self.format(ip))], at: ["spec", "clusterIPs"])
                } else {
                    guard let ip = Self.parseIPv4(requested), ip & ~(size - 1) == base else {
                        throw invalid("spec.clusterIPs", requested, "failed to allocate IP \(requested): the provided IP (\(requested)) is not in the valid range. The range of valid IPs is \(Self.format(base))/\(32 - size.trailingZeroBitCount)")
                    }
                    guard try await claim(ipKey(ip), owner) else {
                        usedIPs.insert(ip)
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
                            throw invalid("spec.ports[\(i)].nodePort", String(p), "provided port is not in the valid range. The range of valid ports is 30000-32767")
                        }
                        guard try await claim(Self.portPrefix + String(p), owner) else {
                            usedPorts.insert(p)
                            throw invalid("spec.ports[\(i)].nodePort", String(p), "provided port is already allocated")
                        }
                        usedPorts.insert(p)
                        reservedPorts.append(p)
                    } else {
                        guard let p = try await claimFreePort(owner) else {
                            throw APIError.internalError("failed to allocate a nodePort: range is full")
                        }
                        reservedPorts.append(p)
                        ports[i]["nodePort"] = .int(p)
                    }
                }
                service.set(.array(ports), at: ["spec", "ports"])
            }
        } catch {
            await release(ips: reservedIPs, ports: reservedPorts)
            throw error
        }
        return ["ips": .array(reservedIPs.map { .string(Self.format($0)) }), "ports": .array(reservedPorts.map { .int($0) })]
    }

    /// Returns what `allocate` reserved (its return value).
    func release(_ reservation: JSONValue) async {
        let ips = (reservation["ips"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Self.parseIPv4) }
        let ports = (reservation["ports"]?.arrayValue ?? []).compactMap { $0.intValue.map(Int.init) }
        await release(ips: ips, ports: ports)
    }

    private func release(ips: [UInt32], ports: [Int]) async {
        for ip in ips { await free(ipKey(ip)); usedIPs.remove(ip) }
        for p in ports { await free(Self.portPrefix + String(p)); usedPorts.remove(p) }
    }

    /// Frees what a deleted Service held, and node ports an update dropped (`kept` = new version).
    func releaseService(_ service: JSONValue, kept: JSONValue? = nil) async {
        let keepPorts = Set(kept.map(Self.nodePortsOf) ?? [])
        let ips = kept == nil ? Self.clusterIPs(service).compactMap(Self.parseIPv4).filter { $0 & ~(size - 1) == base } : []
        await release(ips: ips, ports: Self.nodePortsOf(service).filter { !keepPorts.contains($0) })
    }

    /// Claims the next IP that no key holds (after the last one handed out, wrapping around).
    private func claimFreeIP(_ owner: JSONValue) async throws(APIError) -> UInt32? {
        guard size > 4 else { return nil }
        for round in 0..<2 {
            // The second round starts from what the store holds now: others may have freed IPs.
            if round == 1 { try await reloadHints() }
            for _ in 0..<size {
                let offset = nextOffset
                nextOffset = nextOffset + 1 >= size - 1 ? 2 : nextOffset + 1
                let ip = base + offset
                guard offset >= 2, !usedIPs.contains(ip) else { continue }
                usedIPs.insert(ip)
                if try await claim(ipKey(ip), owner) { return ip }
            }
        }
        return nil
    }

    /// Claims a random node port that no key holds.
    private func claimFreePort(_ owner: JSONValue) async throws(APIError) -> Int? {
        for round in 0..<2 {
            if round == 1 { try await reloadHints() }
            for p in Self.nodePorts.shuffled() where !usedPorts.contains(p) {
                usedPorts.insert(p)
                if try await claim(Self.portPrefix + String(p), owner) { return p }
            }
        }
        return nil
    }

    /// Creates the allocation key `key` for `owner`; false when it is already held.
    func claim(_ key: String, _ owner: JSONValue) async throws(APIError) -> Bool {
        var value = owner
        value["allocated"] = .string(Timestamp.format(now()))
        // Unique per claim, so that a retried create never mistakes another claim for its own.
        value["claim"] = .string(ObjectUID.random())
        do {
            _ = try await store.create(key, value: value.serialized())
            return true
        } catch let e where e.code == .keyExists {
            return false
        } catch {
            throw APIError.internalError("failed to allocate \(key): \(error.message)")
        }
    }

    /// Deletes the allocation key `key`; a failure leaves a leak for `repair` to free.
    private func free(_ key: String) async {
        _ = try? await store.delete(key, expectedModRevision: nil)
    }

    func ipKey(_ ip: UInt32) -> String { Self.ipPrefix + Self.format(ip) }

    /// What an allocation key's value records about its Service.
    static func owner(of service: JSONValue) -> JSONValue {
        ["service": ["namespace": .string(service.namespace), "name": .string(service.name)]]
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
