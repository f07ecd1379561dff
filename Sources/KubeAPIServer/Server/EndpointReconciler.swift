import Foundation
import KubeAPI
import KubeStorage

/// Keeps the `default/kubernetes` Endpoints listing every live API server sharing the store, as
/// Kubernetes' lease endpoint reconciler (`--endpoint-reconciler-type=lease`) does: each server
/// renews its key `/registry/masterleases/<ip>` every `interval` and writes the Endpoints with the
/// addresses of the keys renewed within `ttl`. The store has no TTLs (etcd's leases are not part
/// of it), so a key's value holds its renewal time and any server deletes keys older than `ttl`;
/// servers' clocks must roughly agree, as for Lease-based leader election.
///
/// Endpoints may not point at loopback (Kubernetes validation refuses it): a server advertising a
/// loopback address takes no part, and while every server does the Service has no Endpoints.
struct EndpointReconciler: Sendable {
    /// Where the servers' keys live.
    static let prefix = "/registry/masterleases/"
    /// How often each server renews its key and reconciles.
    static let interval: Duration = .seconds(10)
    /// How long a key counts as live after its renewal.
    static let ttl: TimeInterval = 15

    let registry: Registry
    /// This server's advertised address and port.
    let address: String
    let port: Int
    let now: @Sendable () -> Date

    /// True when this server's address may appear in Endpoints.
    var participates: Bool { !address.hasPrefix("127.") && address != "::1" && !address.isEmpty }

    /// Renews this server's key, drops expired ones, and rewrites the Endpoints when the set of
    /// live addresses changed.
    func reconcile() async throws(APIError) {
        guard participates else { return }
        let value: JSONValue = ["renewTime": .string(Timestamp.format(now())), "port": .int(Int64(port))]
        let key = Self.prefix + address
        do {
            if let existing = try await registry.store.get(key) {
                _ = try await registry.store.update(key, value: value.serialized(), expectedModRevision: existing.modRevision)
            } else {
                _ = try await registry.store.create(key, value: value.serialized())
            }
        } catch {
            throw APIError.internalError("failed to renew the API server lease \(key): \(error.message)")
        }
        try await writeEndpoints(excluding: nil)
    }

    /// Deletes this server's key and its address from the Endpoints (at shutdown), so clients
    /// stop being sent to it before its key would expire.
    func remove() async {
        guard participates else { return }
        _ = try? await registry.store.delete(Self.prefix + address, expectedModRevision: nil)
        try? await writeEndpoints(excluding: address)
    }

    /// The addresses of the live keys (expired ones are deleted on the way).
    func liveAddresses() async throws(APIError) -> [String] {
        let keys: [KeyValue]
        do {
            keys = try await registry.store.range(prefix: Self.prefix, startKey: nil, limit: nil, revision: nil).kvs
        } catch {
            throw APIError.internalError("failed to list API server leases: \(error.message)")
        }
        let cutoff = now().addingTimeInterval(-Self.ttl)
        var live: [String] = []
        for kv in keys {
            let renewed = (try? JSONValue.parse(kv.value))?["renewTime"]?.stringValue.flatMap(Timestamp.parse) ?? .distantPast
            if renewed >= cutoff {
                live.append(String(kv.key.dropFirst(Self.prefix.count)))
            } else {
                _ = try? await registry.store.delete(kv.key, expectedModRevision: kv.modRevision)
            }
        }
        return live.sorted()
    }

    private func writeEndpoints(excluding gone: String?) async throws(APIError) {
        guard let endpoints = ResourceCatalog.lookup(group: "", version: "v1", resource: "endpoints") else { return }
        let addresses = try await liveAddresses().filter { $0 != gone }
        let subsets: JSONValue = addresses.isEmpty ? .array([]) : [[
            "addresses": .array(addresses.map { ["ip": .string($0)] }),
            "ports": [["name": "https", "port": .int(Int64(port)), "protocol": "TCP"]],
        ]]
        let options = WriteOptions(fieldManager: "skiff-apiserver")
        let current = try? await registry.current(endpoints, namespace: "default", name: "kubernetes")
        if var (object, _) = current {
            if (object["subsets"] ?? .array([])) == subsets { return }
            object["subsets"] = subsets
            // The read resourceVersion makes this a compare-and-swap: a server that lost the race
            // tries again at its next interval.
            _ = try await registry.update(
                endpoints, namespace: "default", name: "kubernetes", subresource: nil, body: object, options: options)
        } else if !addresses.isEmpty {
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "Endpoints",
                "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["endpointslice.kubernetes.io/skip-mirror": "true"]],
                "subsets": subsets,
            ]
            _ = try await registry.create(endpoints, namespace: "default", body: object, options: options)
        }
    }
}
