import Foundation
import KubeNetwork
import KubeRuntime
import Logging

/// The kubelet's container garbage collector: removes the dead containers `ContainerGCPlan`
/// picks (with their log files), dead sandboxes, and the log directories of pods that are gone.
/// `Kubelet` runs it every `containerGCPeriod` once the pods informer has listed; a failure is
/// logged and becomes a `ContainerGCFailed` Warning event on the node.
struct ContainerGC: Sendable {
    let runtime: any RuntimeService
    let network: any PodNetwork
    let policy: ContainerGCPolicy
    /// `/var/log/pods`.
    let podLogsDirectory: String
    /// Whether pod `uid` is gone (deleted, and no worker runs it) so that its content may go.
    let isGone: @Sendable (String) async -> Bool
    /// The clock `minAge` is measured with.
    var now: @Sendable () -> Date = { Date() }
    let logger: Logger

    /// One pass. Throws when the runtime cannot be listed; failures to remove one object are
    /// logged and the pass goes on.
    func collect(allSourcesReady: Bool) async throws {
        let sandboxes = try await runtime.listPodSandboxes()
        let containers = try await runtime.listContainers()
        var uids = Set(sandboxes.compactMap { RuntimeLabels.uid($0.config.labels) })
        uids.formUnion(containers.compactMap { RuntimeLabels.uid($0.config.labels) })
        var gone = Set<String>()
        if allSourcesReady {
            for uid in uids where await isGone(uid) { gone.insert(uid) }
        }
        let plan = ContainerGCPlan.make(
            containers: containers, sandboxes: sandboxes, policy: policy, now: now(), gone: gone, allSourcesReady: allSourcesReady)
        for container in plan.containers {
            do {
                try await runtime.removeContainer(container.id)
                ContainerLogFiles.removeAll(container.config.logPath)
                logger.debug("removed dead container", metadata: ["containerID": "\(container.id)", "name": "\(container.config.name)"])
            } catch {
                logger.error("Failed to remove container", metadata: ["containerID": "\(container.id)", "error": "\(error)"])
            }
        }
        for sandbox in plan.sandboxes {
            do {
                if !sandbox.networkNamespacePath.isEmpty {
                    try? await network.tearDown(sandboxID: sandbox.id, netnsPath: sandbox.networkNamespacePath)
                }
                try await runtime.removePodSandbox(sandbox.id)
                logger.debug("removed dead sandbox", metadata: ["podSandboxID": "\(sandbox.id)"])
            } catch {
                logger.error("Failed to remove sandbox", metadata: ["podSandboxID": "\(sandbox.id)", "error": "\(error)"])
            }
        }
        if allSourcesReady { await removePodLogDirectories() }
    }

    /// Removes `<podLogsDirectory>/<namespace>_<name>_<uid>` of every pod that is gone.
    func removePodLogDirectories() async {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: podLogsDirectory)) ?? [] {
            let parts = name.split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[2].isEmpty, await isGone(String(parts[2])) else { continue }
            do {
                try fm.removeItem(atPath: "\(podLogsDirectory)/\(name)")
            } catch {
                logger.error("Failed to remove pod logs directory", metadata: ["path": "\(podLogsDirectory)/\(name)", "error": "\(error)"])
            }
        }
    }

    /// Collects every `period` (at once first) until cancelled. A failed pass is logged as
    /// Kubernetes does and reported through `warn` as `ContainerGCFailed`.
    func run(period: Duration, warn: @escaping @Sendable (_ reason: String, _ message: String) -> Void) async {
        while !Task.isCancelled {
            do {
                try await collect(allSourcesReady: true)
                logger.debug("Container garbage collection succeeded")
            } catch {
                logger.error("Container garbage collection failed", metadata: ["error": "\(error)"])
                warn("ContainerGCFailed", "\(error)")
            }
            try? await Task.sleep(for: period)
        }
    }
}
