/// Where container readiness and startup come from: the probe manager when probes run,
/// otherwise "ready (and started) when running". The status builder asks only about running
/// containers.
public protocol ContainerReadiness: Sendable {
    /// Whether the running container `containerID` (named `container`) of pod `podUID` is ready
    /// (its readiness probe passes).
    func isReady(podUID: String, container: String, containerID: String) -> Bool
    /// Whether it has started (its startup probe passed).
    func isStarted(podUID: String, container: String, containerID: String) -> Bool
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
