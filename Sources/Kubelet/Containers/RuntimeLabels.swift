import KubeAPI
import KubeRuntime

/// The labels and annotations the kubelet puts on sandboxes and containers (Kubernetes' names)
/// and reads back after a restart to know whose they are.
enum RuntimeLabels {
    static let podName = "io.kubernetes.pod.name"
    static let podNamespace = "io.kubernetes.pod.namespace"
    static let podUID = "io.kubernetes.pod.uid"
    static let containerName = "io.kubernetes.container.name"
    static let restartCount = "io.kubernetes.container.restartCount"
    static let terminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod"
    /// The image's repo digest (what status.imageID shows).
    static let imageRef = "skiff.dev/image-ref"
    /// The host file mounted at the container's terminationMessagePath.
    static let terminationLog = "skiff.dev/termination-log"
    /// `init` for init containers, `app` otherwise.
    static let containerType = "skiff.dev/container-type"

    /// Labels of a pod's sandbox.
    static func sandbox(_ pod: JSONValue) -> [String: String] {
        [podName: pod.name, podNamespace: pod.namespace, podUID: pod.uid]
    }

    /// Labels of a container of a pod.
    static func container(_ pod: JSONValue, name: String) -> [String: String] {
        [podName: pod.name, podNamespace: pod.namespace, podUID: pod.uid, containerName: name]
    }

    /// Whether `labels` mark container `container` of pod `namespace/pod`.
    static func isContainer(_ labels: [String: String], namespace: String, pod: String, container: String) -> Bool {
        labels[podNamespace] == namespace && labels[podName] == pod && labels[containerName] == container
    }

    /// The pod uid a sandbox or container belongs to.
    static func uid(_ labels: [String: String]) -> String? { labels[podUID] }
}

/// Kubernetes' formats for the names it shows.
enum PodNames {
    /// `name_namespace(uid)`, as kubelet messages name a pod (`format.Pod`).
    static func full(_ pod: JSONValue) -> String { "\(pod.name)_\(pod.namespace)(\(pod.uid))" }

    /// `/var/log/pods/<namespace>_<name>_<uid>`.
    static func logDirectory(_ pod: JSONValue, root: String) -> String { "\(root)/\(pod.namespace)_\(pod.name)_\(pod.uid)" }

    /// Go's `time.Duration.String` of `d` truncated to milliseconds (`10ms`, `1.5s`, `2m3.004s`).
    static func goDuration(_ d: Duration) -> String {
        let totalMillis = Int64(d.components.seconds) * 1000 + Int64(d.components.attoseconds / 1_000_000_000_000_000)
        if totalMillis == 0 { return "0s" }
        if totalMillis < 1000 { return "\(totalMillis)ms" }
        var seconds = Double(totalMillis % 60_000) / 1000
        let minutes = totalMillis / 60_000
        var text = ""
        if minutes >= 60 { text += "\(minutes / 60)h" }
        if minutes > 0 { text += "\(minutes % 60)m" }
        seconds = (seconds * 1000).rounded() / 1000
        var secs = String(seconds)
        if secs.hasSuffix(".0") { secs = String(secs.dropLast(2)) }
        return text + secs + "s"
    }
}
