import KubeRuntime
import Prometheus

/// The kubelet's own Prometheus metrics (`GET /metrics`), with Kubernetes' names, labels and
/// HELP texts: `kubelet_node_name{node}` (always 1), `kubelet_running_pods` (pods with a ready
/// sandbox) and `kubelet_running_containers{container_state}` (containers by runtime state).
/// The gauges are set from the runtime's listings at each scrape.
public final class KubeletMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let runningPods: Gauge
    private let containers: [ContainerStatus.State: Gauge]
    private let runtime: any RuntimeService

    /// Metrics of node `node`, counting what `runtime` runs.
    public init(runtime: any RuntimeService, node: String) {
        self.runtime = runtime
        registry.makeGauge(name: "kubelet_node_name", labels: [("node", node)], help: "[ALPHA] The node's name. The count is always 1.").set(1.0)
        runningPods = registry.makeGauge(name: "kubelet_running_pods", help: "[ALPHA] Number of pods that have a running pod sandbox")
        var containers: [ContainerStatus.State: Gauge] = [:]
        for state in [ContainerStatus.State.created, .running, .exited, .unknown] {
            containers[state] = registry.makeGauge(
                name: "kubelet_running_containers", labels: [("container_state", state.rawValue)],
                help: "[ALPHA] Number of containers currently running")
        }
        self.containers = containers
    }

    /// The exposition text now; throws when the runtime cannot list.
    public func exposition() async throws -> String {
        let sandboxes = try await runtime.listPodSandboxes()
        let listed = try await runtime.listContainers()
        let pods = Set(sandboxes.filter { $0.state == .ready && RuntimeLabels.uid($0.config.labels) != nil }.map(\.config.uid))
        runningPods.set(Double(pods.count))
        for (state, gauge) in containers {
            gauge.set(Double(listed.filter { $0.state == state && RuntimeLabels.uid($0.config.labels) != nil }.count))
        }
        return registry.emitToString()
    }
}
