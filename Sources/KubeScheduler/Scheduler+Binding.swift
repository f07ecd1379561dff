import KubeAPI
import KubeClient

extension Scheduler {
    /// Binds `pod` to `nodeName` through `pods/binding` and records the Scheduled event; a
    /// failure goes back to the scheduling loop, which forgets the assumed pod and retries it.
    func bind(_ pod: QueuedPod, to nodeName: String) async {
        var metadata: JSONValue = ["name": .string(pod.info.name), "namespace": .string(pod.info.namespace)]
        if !pod.info.uid.isEmpty { metadata["uid"] = .string(pod.info.uid) }
        let binding: JSONValue = [
            "apiVersion": "v1", "kind": "Binding", "metadata": metadata,
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(nodeName)],
        ]
        let path = ResourceInfo.pods.objectPath(namespace: pod.info.namespace, name: pod.info.name) + "/binding"
        do {
            _ = try await client.request(.POST, path, body: binding.serialized())
            noteBound()
            recorder.record(
                SchedulingLoop.reference(pod.info), kind: "Pod", type: "Normal", reason: "Scheduled",
                message: "Successfully assigned \(pod.info.key) to \(nodeName)")
        } catch {
            post(.bindFailed(pod, message: "\(error)"))
        }
    }
}
