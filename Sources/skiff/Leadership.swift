import KubeClient
import Logging
import ServiceLifecycle

/// The process stopped leading and must restart to campaign again.
struct LeadershipLost: Error, CustomStringConvertible {
    let lease: String
    var description: String { "lost leadership of the \(lease) lease" }
}

/// Runs `work` until graceful shutdown; with `leaderElect`, only while this process holds the
/// `kube-system/<lease>` Lease. Shuts `client` down at the end. Losing leadership throws
/// `LeadershipLost`, as Kubernetes components exit, so that a supervisor restarts the process as
/// a fresh candidate.
func runLeading(
    _ client: KubeClient, lease: String, leaderElect: Bool, logger: Logger, _ work: @escaping @Sendable () async -> Void
) async throws {
    var lost = false
    if leaderElect {
        let elector = LeaderElector(client: client, name: lease, identity: LeaderElector.defaultIdentity(), logger: logger)
        lost = await cancelWhenGracefulShutdown { await elector.run(work) }
    } else {
        await cancelWhenGracefulShutdown { await work() }
    }
    await client.shutdown()
    if lost { throw LeadershipLost(lease: "kube-system/\(lease)") }
}
