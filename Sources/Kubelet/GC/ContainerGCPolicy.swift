import Foundation
import KubeRuntime

/// Which dead containers the kubelet's container garbage collector removes (Kubernetes'
/// `--minimum-container-ttl-duration`, `--maximum-dead-containers-per-container`,
/// `--maximum-dead-containers`).
public struct ContainerGCPolicy: Sendable, Hashable {
    /// A dead container is removed only once it was created at least this long ago (0).
    public var minAge: Duration
    /// Dead instances kept per container of a pod (1); negative keeps all.
    public var maxPerPodContainer: Int
    /// Dead containers kept on the node in all (-1: no limit).
    public var maxContainers: Int

    /// Kubernetes' defaults unless given.
    public init(minAge: Duration = .zero, maxPerPodContainer: Int = 1, maxContainers: Int = -1) {
        self.minAge = minAge
        self.maxPerPodContainer = maxPerPodContainer
        self.maxContainers = maxContainers
    }
}

/// What one container GC pass removes, decided from a runtime listing (the rules of Kubernetes'
/// `containerGC`):
/// - only exited containers created at least `minAge` ago are evictable, grouped by pod uid and
///   container name ("evict units"), newest first;
/// - once the pod sources are ready, every evictable container of a pod that is gone (deleted
///   and no longer worked on) is removed;
/// - of the rest, each unit keeps `maxPerPodContainer`, and the node keeps `maxContainers`
///   (first an equal share per unit, at least one, then the newest overall);
/// - the newest instance of each container of a pod that still exists is never removed: its
///   status is the container's restartCount and `logs --previous` or lastState read it;
/// - sandboxes that are not ready and hold no container are removed: all of a gone pod, all
///   but the newest of a pod that still exists.
struct ContainerGCPlan: Sendable, Equatable {
    /// Containers to remove, oldest first.
    var containers: [KubeRuntime.ContainerStatus] = []
    /// Sandboxes to remove.
    var sandboxes: [PodSandboxStatus] = []

    private struct Unit: Hashable {
        var uid: String
        var name: String
    }

    /// The plan for `containers` and `sandboxes` at `now` under `policy`; `gone` are the pod uids
    /// whose content may go (honoured only when `allSourcesReady`).
    static func make(
        containers: [KubeRuntime.ContainerStatus], sandboxes: [PodSandboxStatus], policy: ContainerGCPolicy, now: Date,
        gone: Set<String>, allSourcesReady: Bool
    ) -> ContainerGCPlan {
        let uidOfSandbox = Dictionary(
            sandboxes.compactMap { s in RuntimeLabels.uid(s.config.labels).map { (s.id, $0) } }, uniquingKeysWith: { a, _ in a })
        func unit(_ c: KubeRuntime.ContainerStatus) -> Unit? {
            guard let uid = RuntimeLabels.uid(c.config.labels) ?? uidOfSandbox[c.sandboxID] else { return nil }
            return Unit(uid: uid, name: c.config.name)
        }
        let newestFirst: (KubeRuntime.ContainerStatus, KubeRuntime.ContainerStatus) -> Bool = {
            ($0.config.attempt, $0.createdAt) > ($1.config.attempt, $1.createdAt)
        }
        var byUnit: [Unit: [KubeRuntime.ContainerStatus]] = [:]
        for c in containers {
            if let key = unit(c) { byUnit[key, default: []].append(c) }
        }
        let newestOfUnit = byUnit.compactMapValues { $0.sorted(by: newestFirst).first?.id }
        let deadline = now.addingTimeInterval(-policy.minAge.seconds)
        var evictable: [Unit: [KubeRuntime.ContainerStatus]] = [:]
        for (key, instances) in byUnit {
            let dead = instances.filter { $0.state == .exited && $0.createdAt <= deadline }.sorted(by: newestFirst)
            if !dead.isEmpty { evictable[key] = dead }
        }

        var doomed: [KubeRuntime.ContainerStatus] = []
        if allSourcesReady {
            for key in evictable.keys where gone.contains(key.uid) {
                doomed += evictable[key] ?? []
                evictable[key] = nil
            }
        }
        // The newest instance of a live pod's container stays whatever the policy says.
        func trim(_ key: Unit, keeping count: Int) {
            guard var list = evictable[key], list.count > count else { return }
            let excess = list[count...].filter { $0.id != newestOfUnit[key] }
            doomed += excess
            let removed = Set(excess.map(\.id))
            list.removeAll { removed.contains($0.id) }
            evictable[key] = list
        }
        if policy.maxPerPodContainer >= 0 {
            for key in evictable.keys { trim(key, keeping: policy.maxPerPodContainer) }
        }
        if policy.maxContainers >= 0 {
            let total = evictable.values.reduce(0) { $0 + $1.count }
            if total > policy.maxContainers, !evictable.isEmpty {
                let share = max(policy.maxContainers / evictable.count, 1)
                for key in evictable.keys { trim(key, keeping: share) }
                let rest = evictable.values.flatMap { $0 }.sorted { $0.createdAt > $1.createdAt }
                if rest.count > policy.maxContainers {
                    let protected = Set(newestOfUnit.values)
                    doomed += rest[policy.maxContainers...].filter { !protected.contains($0.id) }
                }
            }
        }

        var plan = ContainerGCPlan()
        plan.containers = doomed.sorted { $0.createdAt < $1.createdAt }
        let removedIDs = Set(doomed.map(\.id))
        let occupied = Set(containers.filter { !removedIDs.contains($0.id) }.map(\.sandboxID))
        var sandboxesByUID: [String: [PodSandboxStatus]] = [:]
        for s in sandboxes {
            if let uid = uidOfSandbox[s.id] { sandboxesByUID[uid, default: []].append(s) }
        }
        for (uid, list) in sandboxesByUID {
            let ordered = list.sorted { $0.createdAt > $1.createdAt }
            let candidates = allSourcesReady && gone.contains(uid) ? ordered[...] : ordered.dropFirst()
            plan.sandboxes += candidates.filter { $0.state != .ready && !occupied.contains($0.id) }
        }
        plan.sandboxes.sort { $0.createdAt < $1.createdAt }
        return plan
    }
}
