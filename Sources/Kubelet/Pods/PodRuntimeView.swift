import Foundation
import KubeRuntime

/// What the runtime holds for one pod: its sandboxes and containers, found by the pod uid label.
struct PodRuntimeView: Sendable {
    /// The pod's sandboxes, oldest first.
    var sandboxes: [PodSandboxStatus]
    /// The pod's containers in every sandbox, oldest first.
    var containers: [KubeRuntime.ContainerStatus]

    /// The view of pod `uid` in a runtime listing.
    init(uid: String, sandboxes: [PodSandboxStatus], containers: [KubeRuntime.ContainerStatus]) {
        self.sandboxes = sandboxes.filter { RuntimeLabels.uid($0.config.labels) == uid }.sorted { $0.createdAt < $1.createdAt }
        let ids = Set(self.sandboxes.map(\.id))
        self.containers = containers.filter { ids.contains($0.sandboxID) || RuntimeLabels.uid($0.config.labels) == uid }
            .sorted { ($0.config.attempt, $0.createdAt) < ($1.config.attempt, $1.createdAt) }
    }

    /// An empty view (nothing created yet).
    init() {
        sandboxes = []
        containers = []
    }

    /// The newest sandbox.
    var sandbox: PodSandboxStatus? { sandboxes.last }

    /// Every instance of container `name`, oldest (lowest attempt) first.
    func instances(_ name: String) -> [KubeRuntime.ContainerStatus] {
        containers.filter { $0.config.name == name }
    }

    /// The newest instance of container `name`.
    func latest(_ name: String) -> KubeRuntime.ContainerStatus? { instances(name).last }

    /// The instance before the newest (its state is the status's `lastState`).
    func previous(_ name: String) -> KubeRuntime.ContainerStatus? {
        let all = instances(name)
        return all.count >= 2 ? all[all.count - 2] : nil
    }

    /// Containers still running (or created and not started).
    var live: [KubeRuntime.ContainerStatus] { containers.filter { $0.state == .running || $0.state == .created } }
}
