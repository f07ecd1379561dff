import Foundation
import KubeAPI
import KubeClient
import KubeNetwork
import KubeRuntime
import Logging

/// The kubelet's PLEG: lists the runtime every relist period and wakes the worker of each pod
/// whose sandboxes or containers changed state (a container exited, say). It also removes what
/// belongs to no pod of this node: sandboxes left by pods deleted while the kubelet was down.
struct RuntimeRelister: Sendable {
    let runtime: any RuntimeService
    let network: any PodNetwork
    let volumes: VolumeManager
    let workers: PodWorkers
    let pods: Lister
    let logger: Logger

    /// A fingerprint per pod uid of its runtime state.
    typealias Snapshot = [String: [String]]

    /// Lists the runtime; nil when listing failed.
    func snapshot() async -> (Snapshot, [PodSandboxStatus])? {
        guard let sandboxes = try? await runtime.listPodSandboxes(), let containers = try? await runtime.listContainers() else {
            return nil
        }
        var byUID: Snapshot = [:]
        var uidOfSandbox: [String: String] = [:]
        for s in sandboxes {
            guard let uid = RuntimeLabels.uid(s.config.labels) else { continue }
            uidOfSandbox[s.id] = uid
            byUID[uid, default: []].append("s:\(s.id):\(s.state.rawValue)")
        }
        for c in containers {
            guard let uid = RuntimeLabels.uid(c.config.labels) ?? uidOfSandbox[c.sandboxID] else { continue }
            byUID[uid, default: []].append("c:\(c.id):\(c.state.rawValue)")
        }
        for key in byUID.keys { byUID[key]?.sort() }
        return (byUID, sandboxes)
    }

    /// Relists every `period` until cancelled, waking workers whose pods changed and cleaning up
    /// orphans.
    func run(period: Duration) async {
        var previous: Snapshot = [:]
        while !Task.isCancelled {
            if let (current, sandboxes) = await snapshot() {
                var changed: [String] = []
                for (uid, state) in current where previous[uid] != state { changed.append(uid) }
                for uid in previous.keys where current[uid] == nil { changed.append(uid) }
                await workers.poke(changed)
                await removeOrphans(current: current, sandboxes: sandboxes)
                previous = current
            }
            try? await Task.sleep(for: period)
        }
    }

    /// Stops and removes the sandboxes of pods that are neither worked on here nor bound here.
    func removeOrphans(current: Snapshot, sandboxes: [PodSandboxStatus]) async {
        let active = await workers.active
        let known = Set(pods.list().map(\.uid))
        for uid in current.keys where !active.contains(uid) && !known.contains(uid) {
            let mine = sandboxes.filter { RuntimeLabels.uid($0.config.labels) == uid }
            guard !mine.isEmpty else { continue }
            logger.info("removing sandboxes of pod \(uid), which is no longer bound to this node")
            for sandbox in mine {
                try? await network.tearDown(sandboxID: sandbox.id, netnsPath: sandbox.networkNamespacePath)
                try? await runtime.stopPodSandbox(sandbox.id)
                try? await runtime.removePodSandbox(sandbox.id)
            }
            volumes.tearDown(uid: uid)
        }
    }
}
