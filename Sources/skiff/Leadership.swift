import class KubeAPI.ReadySignal
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
/// a fresh candidate; with `rejoin` (components inside `skiff server`, whose API server must keep
/// serving) the process campaigns again instead, and `work` (which must build its state afresh on
/// each call) runs again once it leads. With `startAfter`, nothing starts before that signal
/// fires (or graceful shutdown comes first).
func runLeading(
    _ client: KubeClient, lease: String, leaderElect: Bool, rejoin: Bool = false, startAfter: ReadySignal? = nil, logger: Logger,
    _ work: @escaping @Sendable () async -> Void
) async throws {
    if let startAfter { await cancelWhenGracefulShutdown { await startAfter.wait() } }
    var lost = false
    if leaderElect {
        lost = await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let elector = LeaderElector(client: client, name: lease, identity: LeaderElector.defaultIdentity(), logger: logger)
                let lost = await elector.run(work)
                if !lost || !rejoin || Task.isCancelled { return lost }
                logger.info("campaigning again for kube-system/\(lease)")
            }
            return false
        }
    } else {
        await cancelWhenGracefulShutdown { await work() }
    }
    await client.shutdown()
    if lost { throw LeadershipLost(lease: "kube-system/\(lease)") }
}

extension ServerCommand {
    /// True when the datastore is etcd, which other `skiff server`s may share: their schedulers
    /// and controller managers then elect leaders.
    var sharesDatastore: Bool { datastore.isEtcd }
}
