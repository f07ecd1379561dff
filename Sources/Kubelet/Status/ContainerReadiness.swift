import Foundation
import KubeAPI

/// Where container readiness and startup come from: the probe manager when probes run,
/// otherwise "ready (and started) when running". The status builder asks only about running
/// containers.
public protocol ContainerReadiness: Sendable {
    /// Whether the running container `containerID` (named `container`) of pod `podUID` is ready
    /// (its readiness probe passes).
    func isReady(podUID: String, container: String, containerID: String) -> Bool
    /// Whether it has started (its startup probe passed).
    func isStarted(podUID: String, container: String, containerID: String) -> Bool
    /// Told after every sync which containers of `pod` run now (none once it terminates), so
    /// that probes follow them; `pod` carries the current podIP in its status.
    func observe(pod: JSONValue, running: [RunningContainer]) async
}

extension ContainerReadiness {
    /// Nothing to follow.
    public func observe(pod: JSONValue, running: [RunningContainer]) async {}
}

/// A running container instance of a pod.
public struct RunningContainer: Sendable, Hashable {
    /// Its name in the pod spec.
    public var name: String
    /// The runtime's container id.
    public var id: String
    /// When it started.
    public var startedAt: Date

    /// A running container with every field given.
    public init(name: String, id: String, startedAt: Date) {
        self.name = name
        self.id = id
        self.startedAt = startedAt
    }
}

/// Readiness without probes: a running container is ready and started.
public struct RunningIsReady: ContainerReadiness {
    /// The default readiness.
    public init() {}
    /// Always true: the builder asks only about running containers.
    public func isReady(podUID: String, container: String, containerID: String) -> Bool { true }
    /// Always true.
    public func isStarted(podUID: String, container: String, containerID: String) -> Bool { true }
}
