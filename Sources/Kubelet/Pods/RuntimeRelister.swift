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
        return (Self.fingerprints(sandboxes: sandboxes, containers: containers), sandboxes)
    }

    /// The fingerprint of each pod's sandboxes and containers: id and state of each, and for an
    /// exited container its finish time, which tells one exit from another (an exit reported
    /// without a status, then the real one).
    static func fingerprints(sandboxes: [PodSandboxStatus], containers: [KubeRuntime.ContainerStatus]) -> Snapshot {
        var byUID: Snapshot = [:]
        var uidOfSandbox: [String: String] = [:]
        for s in sandboxes {
            guard let uid = RuntimeLabels.uid(s.config.labels) else { continue }
            uidOfSandbox[s.id] = uid
            byUID[uid, default: []].append("s:\(s.id):\(s.state.rawValue)")
        }
        for c in containers {
            guard let uid = RuntimeLabels.uid(c.config.labels) ?? uidOfSandbox[c.sandboxID] else { continue }
            let finished = c.finishedAt.map { String($0.timeIntervalSince1970) } ?? ""
            byUID[uid, default: []].append("c:\(c.id):\(c.state.rawValue):\(finished)")
        }
        for key in byUID.keys { byUID[key]?.sort() }
        return byUID
    }

    /// Relists every `period` until cancelled, waking workers whose pods changed and cleaning up
    /// orphans.
    func run(period: Duration) async {
        var previous: Snapshot = [:]
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let started = clock.now
            if let (current, sandboxes) = await snapshot() {
                let listed = clock.now
                var changed: [String] = []
                for (uid, state) in current where previous[uid] != state { changed.append(uid) }
                for uid in previous.keys where current[uid] == nil { changed.append(uid) }
                if !changed.isEmpty { logger.debug("relist: runtime state changed for pods \(changed): \(changed.map { current[$0] ?? [] })") }
                await workers.poke(changed)
                let poked = clock.now
                await removeOrphans(current: current, sandboxes: sandboxes)
                previous = current
                // A relist that stalls leaves exits unseen until the pods' resync (a minute).
                if clock.now - started > Self.slowRelist {
                    logger.warning(
                        "relist took \(clock.now - started): list \(listed - started), waking \(changed.count) workers \(poked - listed), orphans \(clock.now - poked)")
                }
            }
            try? await Task.sleep(for: period)
        }
    }

    /// How long a relist may take before it is logged as slow.
    static let slowRelist: Duration = .seconds(3)

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
