import KubeAPI
import KubeClient
import Testing

@Suite struct LeaderElectorTests {
    @Test func aCancelledLeaderReleasesTheLeaseSoAnotherLeadsAtOnce() async throws {
        try await withLiveServer { kube in
            var first = LeaderElector(client: kube, name: "test-lease", identity: "first")
            first.retryPeriod = .milliseconds(50)
            let leading = Flag()
            let run = Task { await first.run { leading.set(); try? await Task.sleep(for: .seconds(600)) } }
            let led = await Waiter { while !leading.isSet { try? await Task.sleep(for: .milliseconds(10)) } }.endsWithin(.seconds(10))
            #expect(led, "the only candidate leads")
            run.cancel()
            let lost = await run.value
            #expect(!lost, "stopping is not losing")
            let lease = try await kube.get(.leases, namespace: "kube-system", name: "test-lease")
            #expect(lease["spec"]?["holderIdentity"]?.stringValue == "", "released on the way out: \(lease)")
            // A second candidate need not wait for the 15 s lease to expire.
            var second = LeaderElector(client: kube, name: "test-lease", identity: "second")
            second.retryPeriod = .milliseconds(50)
            let secondLeads = Flag()
            let other = Task { await second.run { secondLeads.set() } }
            #expect(await Waiter { while !secondLeads.isSet { try? await Task.sleep(for: .milliseconds(10)) } }.endsWithin(.seconds(3)))
            other.cancel()
            _ = await other.value
        }
    }
}
