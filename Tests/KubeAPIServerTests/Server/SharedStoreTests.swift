import Foundation
import KubeAPI
import KubeStorage
import Synchronization
import Testing

@testable import KubeAPIServer

/// A wall clock the test moves by hand.
private final class ManualWallClock: Sendable {
    private let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { date.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Several API servers on one store: Service cluster IPs and node ports are allocated in the
/// store (never twice across servers, freed on delete, repaired at start), and the `kubernetes`
/// Endpoints list every live server.
@Suite struct SharedStoreTests {
    let services = "/api/v1/namespaces/default/services"

    private func twoServers<T: Sendable>(
        _ store: any KeyValueStore, _ body: @Sendable (APIServerHarness, APIServerHarness) async throws -> T
    ) async throws -> T {
        try await APIServerHarness.run(store: store) { a in
            try await APIServerHarness.run(store: store) { b in try await body(a, b) }
        }
    }

    @Test func servicesCreatedConcurrentlyThroughTwoServersNeverShareAnIPOrPort() async throws {
        let store = MemoryStore()
        let created = try await twoServers(store) { a, b in
            try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
                for i in 0..<40 {
                    let server = i % 2 == 0 ? a : b
                    let service = Fixtures.service("s\(i)", type: i % 4 < 2 ? "NodePort" : "ClusterIP")
                    group.addTask { try await server.send(.post, self.services, service) }
                }
                var out: [(Int, JSONValue)] = []
                for try await r in group { out.append(r) }
                return out
            }
        }
        #expect(created.allSatisfy { $0.0 == 201 })
        let ips = created.compactMap { $0.1["spec"]?["clusterIP"]?.stringValue }
        #expect(ips.count == 40 && Set(ips).count == 40 && !ips.contains("10.43.0.1"))
        let ports = created.compactMap { $0.1["spec"]?["ports"]?[0]?["nodePort"]?.intValue }
        #expect(ports.count == 20 && Set(ports).count == 20)
        for ip in ips { #expect(try await store.get(ServiceAllocator.ipPrefix + ip) != nil) }
        for p in ports { #expect(try await store.get(ServiceAllocator.portPrefix + String(p)) != nil) }
    }

    @Test func anIPHeldThroughOneServerIsRefusedByTheOtherUntilItsServiceIsDeleted() async throws {
        try await twoServers(MemoryStore()) { a, b in
            let (code, _) = try await a.send(.post, services, Fixtures.service("first", clusterIP: "10.43.7.7"))
            #expect(code == 201)
            let (taken, status) = try await b.send(.post, services, Fixtures.service("second", clusterIP: "10.43.7.7"))
            #expect(taken == 422)
            #expect(
                status["details"]?["causes"]?[0]?["message"]?.stringValue
                    == "Invalid value: \"10.43.7.7\": failed to allocate IP 10.43.7.7: provided IP is already allocated")
            let (np, nodePort) = try await a.send(.post, services, Fixtures.service("np", type: "NodePort"))
            #expect(np == 201)
            var same = Fixtures.service("np2", type: "NodePort")
            same.set([["port": 80, "nodePort": nodePort["spec"]?["ports"]?[0]?["nodePort"] ?? 0]], at: ["spec", "ports"])
            let (portTaken, _) = try await b.send(.post, services, same)
            #expect(portTaken == 422)
            _ = try await a.send(.delete, services + "/first")
            _ = try await a.send(.delete, services + "/np")
            let (again, _) = try await b.send(.post, services, Fixtures.service("second", clusterIP: "10.43.7.7"))
            #expect(again == 201)
            let (portAgain, _) = try await b.send(.post, services, same)
            #expect(portAgain == 201)
        }
    }

    @Test func aFailedCreateReturnsItsAllocation() async throws {
        let store = MemoryStore()
        try await APIServerHarness.run(store: store) { h in
            var bad = Fixtures.service("bad", type: "NodePort")
            bad.set([["port": 80, "protocol": "BOGUS"]], at: ["spec", "ports"])
            let (code, _) = try await h.send(.post, services, bad)
            #expect(code == 422)
            let held = try await store.range(prefix: "/registry/ranges/", startKey: nil, limit: nil, revision: nil).kvs.map(\.key)
            // Only the `kubernetes` Service's IP is held.
            #expect(held == [ServiceAllocator.ipPrefix + "10.43.0.1"])
        }
    }

    @Test func repairAtStartRecordsUnkeyedServicesAndFreesOldLeaksOnly() async throws {
        let store = MemoryStore()
        let clock = ManualWallClock()
        let service: JSONValue = [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": "old", "namespace": "default", "uid": "u1"],
            "spec": ["type": "NodePort", "clusterIP": "10.43.9.9", "clusterIPs": ["10.43.9.9"], "ports": [["port": 80, "nodePort": 31000]]],
        ]
        _ = try await store.create("/registry/services/default/old", value: service.serialized())
        let owner: JSONValue = ["service": ["namespace": "default", "name": "gone"]]
        var stale = owner
        stale["allocated"] = .string(Timestamp.format(clock.now.addingTimeInterval(-3600)))
        var fresh = owner
        fresh["allocated"] = .string(Timestamp.format(clock.now))
        _ = try await store.create(ServiceAllocator.ipPrefix + "10.43.1.1", value: stale.serialized())
        _ = try await store.create(ServiceAllocator.portPrefix + "31001", value: stale.serialized())
        _ = try await store.create(ServiceAllocator.ipPrefix + "10.43.1.2", value: fresh.serialized())
        let server = try await APIServer.start(store: store, now: { clock.now })
        let keys = Set(try await store.range(prefix: "/registry/ranges/", startKey: nil, limit: nil, revision: nil).kvs.map(\.key))
        #expect(keys.contains(ServiceAllocator.ipPrefix + "10.43.9.9") && keys.contains(ServiceAllocator.portPrefix + "31000"))
        #expect(!keys.contains(ServiceAllocator.ipPrefix + "10.43.1.1") && !keys.contains(ServiceAllocator.portPrefix + "31001"))
        #expect(keys.contains(ServiceAllocator.ipPrefix + "10.43.1.2"))
        clock.advance(ServiceAllocator.leakGrace + 1)
        let later = try await server.registry.allocator.repair()
        #expect(later.freed == [ServiceAllocator.ipPrefix + "10.43.1.2"] && later.recorded.isEmpty)
    }

    @Test func kubernetesEndpointsListEveryLiveServerAndDropOnesThatStopRenewing() async throws {
        let store = MemoryStore()
        let clock = ManualWallClock()
        func configuration(_ ip: String) -> APIServerConfiguration {
            var c = APIServerConfiguration()
            c.advertiseAddress = ip
            return c
        }
        let a = try await APIServer.start(store: store, configuration: configuration("10.0.0.1"), now: { clock.now })
        let b = try await APIServer.start(store: store, configuration: configuration("10.0.0.2"), now: { clock.now })
        func addresses() async throws -> [String] {
            let (object, _) = try await b.registry.current(
                try #require(ResourceCatalog.lookup(group: "", version: "v1", resource: "endpoints")), namespace: "default",
                name: "kubernetes")
            return (object["subsets"]?[0]?["addresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
        }
        #expect(try await addresses() == ["10.0.0.1", "10.0.0.2"])
        // a stops renewing (killed): once its key is older than the TTL, b's next pass drops it.
        clock.advance(EndpointReconciler.ttl / 2)
        try await b.endpointReconciler.reconcile()
        #expect(try await addresses() == ["10.0.0.1", "10.0.0.2"])
        clock.advance(EndpointReconciler.ttl)
        try await b.endpointReconciler.reconcile()
        #expect(try await addresses() == ["10.0.0.2"])
        // a comes back; then shuts down cleanly and leaves at once.
        try await a.endpointReconciler.reconcile()
        #expect(try await addresses() == ["10.0.0.1", "10.0.0.2"])
        await a.endpointReconciler.remove()
        #expect(try await addresses() == ["10.0.0.2"])
    }
}
