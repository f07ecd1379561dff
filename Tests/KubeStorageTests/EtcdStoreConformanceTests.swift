import Foundation
import KubeStorage
import KubeStorageConformance
import Testing

/// A fresh etcd cluster of `size` members with a store connected to every member.
func withEtcdStore(size: Int, _ body: (EtcdStore, EtcdTestCluster) async throws -> Void) async throws {
    let cluster = try EtcdTestCluster.start(size: size)
    defer { cluster.stop() }
    let store = try EtcdStore(configuration: EtcdConfiguration(endpoints: cluster.endpoints))
    do {
        try await store.waitUntilReachable(timeout: .seconds(60))
        try await body(store, cluster)
    } catch {
        await store.close()
        throw error
    }
    await store.close()
}

/// Runs the shared conformance suite against a single etcd member started by the test.
@Suite(.serialized) struct EtcdSingleMemberConformanceTests {
    @Test(arguments: StoreConformance.cases)
    func etcdSingleMember(_ c: StoreConformance.Case) async throws {
        try await withEtcdStore(size: 1) { store, _ in try await c.run(store) }
    }
}

/// Runs the shared conformance suite against a three-member etcd cluster started by the test.
@Suite(.serialized) struct EtcdClusterConformanceTests {
    @Test(arguments: StoreConformance.cases)
    func etcdThreeMembers(_ c: StoreConformance.Case) async throws {
        try await withEtcdStore(size: 3) { store, _ in try await c.run(store) }
    }
}
