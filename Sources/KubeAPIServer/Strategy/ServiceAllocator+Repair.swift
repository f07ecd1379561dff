import Foundation
import KubeAPI
import KubeStorage

/// What one `ServiceAllocator.repair` pass changed.
struct AllocationRepair: Sendable, Equatable {
    /// Allocation keys made for IPs and ports that stored Services held without one (a store
    /// written before allocations were keys, or a key deleted by hand).
    var recorded: [String] = []
    /// Allocation keys deleted because no stored Service holds their IP or port any more.
    var freed: [String] = []
    /// IPs or ports that more than one stored Service holds (reported, not changed).
    var duplicates: [String] = []
}

extension ServiceAllocator {
    /// How long an allocation key may exist without a Service holding it before `repair` frees
    /// it: the time between a server's allocation and its write of the Service (which may be in
    /// flight on another server while repair looks).
    static let leakGrace: TimeInterval = 60

    /// How often a running API server repairs the allocations (Kubernetes' repair loops run every
    /// 3 minutes).
    static let repairInterval: Duration = .seconds(180)

    /// Brings the allocation keys in line with the stored Services, as Kubernetes' IP and node
    /// port repair controllers do: records keys for what Services hold without one, frees keys no
    /// Service holds that are older than `leakGrace`, and reloads the in-memory hints. The keys
    /// are read before the Services, so an allocation made while repair runs is never freed.
    func repair() async throws(APIError) -> AllocationRepair {
        var result = AllocationRepair()
        let keys: [KeyValue]
        let services: [JSONValue]
        do {
            keys = try await store.range(prefix: Self.ipPrefix, startKey: nil, limit: nil, revision: nil).kvs
                + store.range(prefix: Self.portPrefix, startKey: nil, limit: nil, revision: nil).kvs
            services = try await store.range(prefix: Self.servicePrefix, startKey: nil, limit: nil, revision: nil).kvs
                .compactMap { try? JSONValue.parse($0.value) }
        } catch {
            throw APIError.internalError("failed to repair service allocations: \(error.message)")
        }
        var held: [String: JSONValue] = [:]
        for service in services {
            let owner = Self.owner(of: service)
            var wanted = Self.clusterIPs(service).compactMap(Self.parseIPv4).filter { $0 & ~(size - 1) == base }.map(ipKey)
            wanted += Self.nodePortsOf(service).map { Self.portPrefix + String($0) }
            for key in Set(wanted) {
                if let other = held[key], other != owner { result.duplicates.append(key) }
                held[key] = owner
            }
        }
        let present = Set(keys.map(\.key))
        for (key, owner) in held.sorted(by: { $0.key < $1.key }) where !present.contains(key) {
            if try await claim(key, owner) { result.recorded.append(key) }
        }
        let cutoff = now().addingTimeInterval(-Self.leakGrace)
        for kv in keys where held[kv.key] == nil {
            let value = try? JSONValue.parse(kv.value)
            let allocated = value?["allocated"]?.stringValue.flatMap(Timestamp.parse) ?? .distantPast
            guard allocated < cutoff else { continue }
            if (try? await store.delete(kv.key, expectedModRevision: kv.modRevision)) != nil { result.freed.append(kv.key) }
        }
        let freed = Set(result.freed)
        usedIPs = Set((keys.map(\.key).filter { !freed.contains($0) } + held.keys).compactMap { key in
            key.hasPrefix(Self.ipPrefix) ? Self.parseIPv4(String(key.dropFirst(Self.ipPrefix.count))) : nil
        })
        usedPorts = Set((keys.map(\.key).filter { !freed.contains($0) } + held.keys).compactMap { key in
            key.hasPrefix(Self.portPrefix) ? Int(key.dropFirst(Self.portPrefix.count)) : nil
        })
        return result
    }

    /// Reloads the in-memory hints from the allocation keys in the store.
    func reloadHints() async throws(APIError) {
        do {
            let ips = try await store.range(prefix: Self.ipPrefix, startKey: nil, limit: nil, revision: nil).kvs
            let ports = try await store.range(prefix: Self.portPrefix, startKey: nil, limit: nil, revision: nil).kvs
            usedIPs = Set(ips.compactMap { Self.parseIPv4(String($0.key.dropFirst(Self.ipPrefix.count))) })
            usedPorts = Set(ports.compactMap { Int($0.key.dropFirst(Self.portPrefix.count)) })
        } catch {
            throw APIError.internalError("failed to read service allocations: \(error.message)")
        }
    }

    /// Where Services are stored.
    static var servicePrefix: String {
        ResourceCatalog.lookup(group: "", version: "v1", resource: "services")?.storagePrefix ?? "/registry/services/"
    }
}
